import { useMemo } from 'react';
import { busSendVolumeLine, sendVolumeLine } from '../../app/project-commands';
import { busSendsOf, setBusSendVolume } from '../../project/bus-routing';
import { sendsOf, setSendVolume } from '../../project/buses';
import type { BusSend, EffectBus, Project, Track } from '../../project/types';
import { useServices } from '../studio-context';
import { sendLane } from '../../playback/lane-rides';
import { AUTOMATION_LANE_HEIGHT, LaneLine, RemovableLaneHeader, useDrawnPoints } from './AutomationLane';
import type { Scale } from './geometry';

type Shown = readonly { trackId: string; busId: string }[];

/** The sends of a track (or an effect bus, `trackId` its id in `shown`) with a level lane: those with points, and
 * those opened from its sends or written as it plays. */
function withLanes<S extends BusSend>(sends: readonly S[], hostId: string, shown: Shown): S[] {
  return sends.filter(
    (s) => (s.volume?.length ?? 0) > 0 || shown.some((k) => k.trackId === hostId && k.busId === s.busId),
  );
}

export const sendLanesOf = (project: Project, track: Track, shown: Shown) =>
  withLanes(sendsOf(project, track), track.id, shown);

export const busSendLanesOf = (project: Project, bus: EffectBus, shown: Shown) =>
  withLanes(busSendsOf(project, bus.id), bus.id, shown);

interface Props {
  send: BusSend;
  busName: string;
  scale: Scale;
  width: number;
}

/** A track's send's level automation under its track, as a DAW's send automation lane (a reverb thrown on one
 * word). */
export function SendLane({ track, ...props }: Props & { track: Track }) {
  const { busId } = props.send;
  const line = useMemo(() => sendVolumeLine(track.id, busId), [track.id, busId]);
  const clear = (p: Project) => setSendVolume(p, track.id, busId, []);
  return <SendLevelLane {...props} hostId={track.id} name={`Send → ${props.busName}`} line={line} clear={clear} />;
}

/** An effect bus's send's level automation, after the tracks with the buses' fader lanes. */
export function BusSendLane({ bus, ...props }: Props & { bus: EffectBus }) {
  const { busId } = props.send;
  const line = useMemo(() => busSendVolumeLine(bus.id, busId), [bus.id, busId]);
  const clear = (p: Project) => setBusSendVolume(p, bus.id, busId, []);
  const name = `${bus.name} · Send → ${props.busName}`;
  return <SendLevelLane {...props} hostId={bus.id} name={name} line={line} clear={clear} />;
}

/** A send's level line on the volume lane's scale, times the send's level; × takes the lane away, points and all
 * (one undo step). */
function SendLevelLane({
  hostId,
  send,
  name,
  line,
  clear,
  scale,
  width,
}: Omit<Props, 'busName'> & {
  hostId: string;
  name: string;
  line: ReturnType<typeof sendVolumeLine>;
  clear: (project: Project) => Project;
}) {
  const { store } = useServices();
  const points = send.volume ?? [];
  // A pass being written from the send's slider (Touch, Latch) is drawn as it goes.
  const drawn = useDrawnPoints(`${hostId} ${sendLane(send.busId)}`, points, 1);
  const remove = () => {
    const state = store.getState();
    state.set({ sendLanes: state.sendLanes.filter((k) => !(k.trackId === hostId && k.busId === send.busId)) });
    if (points.length) state.commit(`Clear ${name} automation`, clear(state.project));
  };
  return (
    <div className="label-row volume-row" data-testid="send-lane" style={{ height: AUTOMATION_LANE_HEIGHT }}>
      <RemovableLaneHeader name={name} points={points.length} testId="send-lane-remove" remove={remove} />
      <LaneLine
        line={line}
        points={drawn}
        title={`${name} level automation (+12 dB at the top, silence at the bottom, times the send's level): click to add a point and drag it; double-click a point to take it out`}
        testId="send-lane-line"
        rest={1}
        scale={scale}
        width={width}
      />
    </div>
  );
}
