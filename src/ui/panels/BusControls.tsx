/** Effect buses in the effects panel: a track's output (the master, or a bus: a group bus) and sends (to a bus, at a
 * level, or to a new reverb bus), a bus's settings and where it is fed from (its own routing: ./BusRouting.tsx), and
 * the master's list of buses. */
import { useEffect, useState } from 'react';
import { commitEffectEdit } from '../../app/track-effects';
import { VolumeLaneButton } from './VolumeLaneButton';
import { busOutputOf, busSendsOf } from '../../project/bus-routing';
import { AutomateSend, BusOptions, BusOutputSelect, BusSends, BusSwitch, NEW_BUS, useOpenHost } from './BusRouting';
import {
  createBus,
  createOutputBus,
  deleteBus,
  outputOf,
  removeSend,
  renameBus,
  SEND_DB,
  sendsOf,
  setBusGain,
  setBusPan,
  setOutput,
  setSend,
  setSendPreFader,
} from '../../project/buses';
import { effectsLatency } from '../../dsp/effect-chain';
import { MASTER_GAIN_DB } from '../../project/track-effects';
import type { EffectBus, Project, Track } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { NumberField } from '../NumberField';

/** The track's sends: each bus it feeds at its level (after its fader and pan), and a new send. */
export function TrackSends({ project, trackId }: { project: Project; trackId: string }) {
  const { store } = useServices();
  const open = useOpenHost();
  const track = project.tracks.find((t) => t.id === trackId);
  if (!track) return null;
  const sends = sendsOf(project, track);
  const unsent = (project.buses ?? []).filter((b) => !sends.some((s) => s.busId === b.id));
  const busName = (id: string) => project.buses?.find((b) => b.id === id)?.name ?? '';
  const output = outputOf(project, track);
  return (
    <section className="fx-sends" aria-label="Sends">
      <OutputSelect track={track} testId="fx-output" />
      {output && (
        <button type="button" data-testid="fx-output-open" title="Open this bus's effects" onClick={() => open(output)}>
          → {busName(output)}
        </button>
      )}
      <h3>Sends (after the fader and pan, or before the fader)</h3>
      {sends.map(({ busId, levelDb, preFader }, i) => (
        <div className="fx-head" key={busId} data-testid="fx-send">
          <button type="button" title="Open this bus's effects" onClick={() => open(busId)}>
            → {busName(busId)}
          </button>
          <NumberField
            label="dB"
            value={levelDb}
            bounds={SEND_DB}
            step={1}
            testId={`fx-send-level-${i}`}
            onCommit={(v) => commitEffectEdit(store, (p) => setSend(p, trackId, busId, v))}
          />
          <label title="Taken before the track's fader: the bus gets the same whatever the track's level">
            <input
              type="checkbox"
              data-testid={`fx-send-pre-${i}`}
              checked={preFader ?? false}
              onChange={(e) => commitEffectEdit(store, (p) => setSendPreFader(p, trackId, busId, e.target.checked))}
            />
            Pre-fader
          </label>
          <AutomateSend hostId={trackId} busId={busId} testId={`fx-send-automate-${i}`} where="under the track" />
          <button
            type="button"
            aria-label={`Remove the send to ${busName(busId)}`}
            onClick={() => commitEffectEdit(store, (p) => removeSend(p, trackId, busId))}
          >
            ×
          </button>
        </div>
      ))}
      <label>
        Send to
        <select
          data-testid="fx-send-add"
          value=""
          onChange={(e) => {
            const busId = e.target.value;
            if (busId === NEW_BUS) commitEffectEdit(store, (p) => createBus(p, trackId));
            else if (busId) commitEffectEdit(store, (p) => setSend(p, trackId, busId, -12));
          }}
        >
          <option value="">Choose…</option>
          <BusOptions buses={unsent} />
          <option value={NEW_BUS}>New bus (reverb)</option>
        </select>
      </label>
    </section>
  );
}

/** Where the track plays into: the master, a bus (a group bus), or a new one; `compact` (a mixer strip): the select
 * alone. */
export function OutputSelect({ track, testId, compact }: { track: Track; testId: string; compact?: boolean }) {
  const { store } = useServices();
  const project = useStudio((s) => s.project);
  return (
    <label
      className={compact ? 'strip-output' : 'param'}
      title="Where the track plays into after its fader and pan: the master, or a bus whose effects it goes through on the way (a drum bus compressed as one)"
    >
      {compact ? '' : 'Output to'}
      <select
        data-testid={testId}
        aria-label={`Output of ${track.name}`}
        value={outputOf(project, track) ?? ''}
        onChange={(e) => {
          const busId = e.target.value;
          if (busId === NEW_BUS) commitEffectEdit(store, (p) => createOutputBus(p, track.id));
          else commitEffectEdit(store, (p) => setOutput(p, track.id, busId || undefined));
        }}
      >
        <option value="">Master</option>
        <BusOptions buses={project.buses ?? []} />
        <option value={NEW_BUS}>New bus (group)</option>
      </select>
    </label>
  );
}

/** The bus's name, taken when Enter is pressed or the field is left (an empty or taken one refused with the reason,
 * the field showing the name again). */
function BusName({ bus }: { bus: EffectBus }) {
  const { store } = useServices();
  const [text, setText] = useState(bus.name);
  useEffect(() => setText(bus.name), [bus.name]);
  const take = () => {
    if (text !== bus.name && !commitEffectEdit(store, (p) => renameBus(p, bus.id, text))) setText(bus.name);
  };
  return (
    <label className="param">
      Name
      <input
        data-testid="fx-bus-name"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={take}
        onKeyDown={(e) => e.key === 'Enter' && take()}
      />
    </label>
  );
}

/** A bus's fader, where it plays into, the tracks and buses feeding it, and its removal (with every send to it). */
export function BusSettings({ project, busId }: { project: Project; busId: string }) {
  const { store } = useServices();
  const open = useOpenHost();
  const bus = project.buses?.find((b) => b.id === busId);
  if (!bus) return null;
  const output = busOutputOf(project, busId);
  const late = effectsLatency(bus.effects, project.sampleRate) / project.sampleRate;
  const names = (tracks: readonly { name: string }[]) => tracks.map((t) => t.name).join(', ');
  const senders = [
    ...project.tracks.filter((t) => sendsOf(project, t).some((s) => s.busId === busId)),
    ...(project.buses ?? []).filter((b) => busSendsOf(project, b.id).some((s) => s.busId === busId)),
  ];
  const routed = [
    ...project.tracks.filter((t) => outputOf(project, t) === busId),
    ...(project.buses ?? []).filter((b) => busOutputOf(project, b.id) === busId),
  ];
  const fed = [
    senders.length ? `Sent from ${names(senders)}.` : '',
    routed.length ? `Played into by ${names(routed)}.` : '',
  ].filter(Boolean);
  return (
    <section className="fx-fields" aria-label="Bus">
      <BusName bus={bus} />
      <NumberField
        label="Return level (dB)"
        value={bus.gainDb}
        bounds={MASTER_GAIN_DB}
        step={0.5}
        testId="fx-bus-gain"
        onCommit={(v) => commitEffectEdit(store, (p) => setBusGain(p, busId, v))}
      />
      <NumberField
        label="Pan (-1 left, 1 right)"
        value={bus.pan ?? 0}
        bounds={{ min: -1, max: 1 }}
        step={0.05}
        testId="fx-bus-pan"
        onCommit={(v) => commitEffectEdit(store, (p) => setBusPan(p, busId, v))}
      />
      <div className="bus-switches">
        <BusSwitch bus={bus} kind="mute" testId="fx-bus-mute" text="Mute" />
        <BusSwitch bus={bus} kind="solo" testId="fx-bus-solo" text="Solo" />
      </div>
      <BusOutputSelect busId={busId} testId="fx-bus-output" />
      {output && (
        <button
          type="button"
          data-testid="fx-bus-output-open"
          title="Open this bus's effects"
          onClick={() => open(output)}
        >
          → {project.buses?.find((b) => b.id === output)?.name}
        </button>
      )}
      <BusSends project={project} busId={busId} />
      <VolumeLaneButton
        host={busId}
        testId="fx-bus-volume-lane"
        title="Volume automation of this bus's fader: show or hide its lane after the tracks"
      />
      <p className="hint" data-testid="fx-bus-senders">
        {fed.length ? fed.join(' ') : 'No track or bus sends or plays to it yet.'}
      </p>
      {late > 0 && (
        <p className="hint" data-testid="fx-bus-late">
          Its effects look {(1000 * late).toFixed(1)} ms ahead: what plays through it is played that much early, its
          other ways held back as much, so all is heard on time (delay compensation).
        </p>
      )}
      <button
        type="button"
        data-testid="fx-bus-delete"
        onClick={() => {
          commitEffectEdit(store, (p) => deleteBus(p, busId));
          store.getState().set({ panel: 'none' });
        }}
      >
        Delete {bus.name}
      </button>
    </section>
  );
}

/** The effect buses, from the master's panel: each opens its effects. */
export function BusList() {
  const buses = useStudio((s) => s.project.buses) ?? [];
  const open = useOpenHost();
  if (buses.length === 0) return <p className="hint">No effect buses: a track's Send to or Output to makes one.</p>;
  return (
    <section className="fx-sends" aria-label="Effect buses">
      <h3>Effect buses (into the master)</h3>
      {buses.map((b) => (
        <button type="button" key={b.id} onClick={() => open(b.id)}>
          {b.name}
        </button>
      ))}
    </section>
  );
}
