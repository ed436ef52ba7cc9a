/** The faders and pans the track headers, the Master popover and the Mixer share: each a `WritableSlider` on its
 * host's setting and lane (a bus's pan and sends have none), with its range, its undo step and its double-click back
 * to 0 dB or centre. */
import type { ReactNode } from 'react';
import { laneGainFor } from '../app/automation-writer';
import { changeTrack } from '../app/project-commands';
import { changeBusGain, changeBusPan, changeBusSendLevel, changeSendLevel } from '../app/track-effects';
import { sendLane } from '../playback/lane-rides';
import { BUS_SEND_DB } from '../project/bus-routing';
import { SEND_DB } from '../project/buses';
import { gainToDb } from '../dsp/gain';
import { type EffectHost, MASTER, MASTER_GAIN_DB, NO_MASTER } from '../project/track-effects';
import { type BusSend, type EffectBus, TRACK_GAIN_DB, type Track, type TrackSend } from '../project/types';
import { useServices, useStudio } from './studio-context';
import { WritableSlider } from './WritableSlider';

interface Look {
  testId: string;
  className?: string;
  /** What it is called with its value, and whether it is writing the lane. */
  text: (value: number, writing: boolean) => ReactNode;
}

const TRACK_GAIN = { ...TRACK_GAIN_DB, step: 0.5 };
const PAN = { min: -1, max: 1, step: 0.01 };

export function TrackFader({ track, ...look }: Look & { track: Track }) {
  const { store } = useServices();
  const set = (gainDb: number) => changeTrack(store, track.id, 'Track gain', { gainDb });
  return (
    <WritableSlider
      {...look}
      host={track.id}
      lane="volume"
      range={TRACK_GAIN}
      value={track.gainDb}
      set={set}
      onDoubleClick={() => set(0)}
      historyLabel="Track gain"
      toLane={(db) => laneGainFor(track.gainDb, db)}
      fromLane={(gain) => track.gainDb + gainToDb(gain)}
    />
  );
}

/** A track's pan; where it has pan automation, it follows the lane (and says so) except while it writes it. */
export function TrackPan({ track, ...look }: Look & { track: Track }) {
  const { store } = useServices();
  const set = (pan: number) => changeTrack(store, track.id, 'Track pan', { pan });
  const automated = (track.panPoints?.length ?? 0) > 0;
  return (
    <WritableSlider
      {...look}
      host={track.id}
      lane="pan"
      range={PAN}
      value={track.pan}
      set={set}
      onDoubleClick={() => set(0)}
      historyLabel="Track pan"
      locked={automated ? 'The pan follows its automation lane (P)' : undefined}
    />
  );
}

/** The master's fader, or an effect bus's return fader. */
export function BusFader({ host, ...look }: Look & { host: EffectHost }) {
  const { store } = useServices();
  const bus = useStudio((s) =>
    host === MASTER ? (s.project.master ?? NO_MASTER) : s.project.buses?.find((b) => b.id === host),
  );
  if (!bus) return null;
  const set = (db: number) => changeBusGain(store, host, db);
  return (
    <WritableSlider
      {...look}
      host={host}
      lane="volume"
      range={{ ...MASTER_GAIN_DB, step: 0.5 }}
      value={bus.gainDb}
      set={set}
      onDoubleClick={() => set(0)}
      historyLabel={host === MASTER ? 'Master gain' : 'Bus level'}
      toLane={(db) => laneGainFor(bus.gainDb, db)}
      fromLane={(gain) => bus.gainDb + gainToDb(gain)}
    />
  );
}

export const MasterFader = (look: Look) => <BusFader host={MASTER} {...look} />;

/** A track's send to an effect bus: its level, written to its level lane in Touch and Latch; a double-click sets
 * 0 dB. */
export function SendFader({ trackId, send, ...look }: Look & { trackId: string; send: TrackSend }) {
  const { store } = useServices();
  const set = (db: number) => changeSendLevel(store, trackId, send.busId, db);
  return <SendSlider {...look} host={trackId} send={send} range={SEND_DB} set={set} />;
}

/** An effect bus's send to another bus, after its fader, as a track's send: its lane written in Touch and Latch. */
export function BusSendFader({ busId, send, ...look }: Look & { busId: string; send: BusSend }) {
  const { store } = useServices();
  const set = (db: number) => changeBusSendLevel(store, busId, send.busId, db);
  return <SendSlider {...look} host={busId} send={send} range={BUS_SEND_DB} set={set} />;
}

function SendSlider({
  host,
  send,
  range,
  set,
  ...look
}: Look & { host: string; send: BusSend; range: { min: number; max: number }; set: (db: number) => void }) {
  return (
    <WritableSlider
      {...look}
      host={host}
      lane={sendLane(send.busId)}
      range={{ ...range, step: 0.5 }}
      value={send.levelDb}
      set={set}
      onDoubleClick={() => set(0)}
      historyLabel="Send level"
      toLane={(db) => laneGainFor(send.levelDb, db)}
      fromLane={(gain) => send.levelDb + gainToDb(gain)}
    />
  );
}

/** An effect bus's pan, a balance after its fader (it has no lane: the slider only changes the setting). */
export function BusPan({ bus, ...look }: Look & { bus: EffectBus }) {
  const { store } = useServices();
  const set = (pan: number) => changeBusPan(store, bus.id, pan);
  return (
    <WritableSlider
      {...look}
      host={bus.id}
      range={PAN}
      value={bus.pan ?? 0}
      set={set}
      onDoubleClick={() => set(0)}
      historyLabel="Bus pan"
    />
  );
}
