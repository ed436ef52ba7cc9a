/** A bus's own routing in the effects panel and the mixer: where it plays into (the master or another bus), its
 * sends to other buses, its mute and solo; and what the track controls share (the bus options, opening a bus). */
import { commitEffectEdit } from '../../app/track-effects';
import {
  BUS_SEND_DB,
  busOutputOf,
  busSendsOf,
  busTargets,
  removeBusSend,
  setBusOutput,
  setBusSend,
} from '../../project/bus-routing';
import { createBusOutputBus, setBusMute, setBusSolo, soloBusOnly } from '../../project/buses';
import type { EffectBus, Project } from '../../project/types';
import { NumberField } from '../NumberField';
import { useServices, useStudio } from '../studio-context';

/** The option value that makes a new bus. */
export const NEW_BUS = 'new';

/** Opens the effects panel on a host (a bus, from a track's sends or the master's list). */
export function useOpenHost() {
  const { store } = useServices();
  return (host: string) => store.getState().set({ effectsHost: host, panel: 'trackEffects' });
}

/** An option for each bus, by id, named. */
export const BusOptions = ({ buses }: { buses: readonly { id: string; name: string }[] }) =>
  buses.map((b) => (
    <option key={b.id} value={b.id}>
      {b.name}
    </option>
  ));

/** Where a bus plays into: the master, or another bus whose way does not lead back to it (a drum bus into a
 * rhythm bus); `compact` (a mixer strip): the select alone. */
export function BusOutputSelect({ busId, testId, compact }: { busId: string; testId: string; compact?: boolean }) {
  const { store } = useServices();
  const project = useStudio((s) => s.project);
  const name = project.buses?.find((b) => b.id === busId)?.name ?? '';
  return (
    <label
      className={compact ? 'strip-output' : 'param'}
      title="Where the bus plays into after its fader: the master, or another bus (never one that plays back into it)"
    >
      {compact ? '' : 'Output to'}
      <select
        data-testid={testId}
        aria-label={`Output of ${name}`}
        value={busOutputOf(project, busId) ?? ''}
        onChange={(e) => {
          const target = e.target.value;
          if (target === NEW_BUS) commitEffectEdit(store, (p) => createBusOutputBus(p, busId));
          else commitEffectEdit(store, (p) => setBusOutput(p, busId, target || undefined));
        }}
      >
        <option value="">Master</option>
        <BusOptions buses={busTargets(project, busId)} />
        <option value={NEW_BUS}>New bus (group)</option>
      </select>
    </label>
  );
}

/** What a bus's Mute and Solo switches say and do. */
const BUS_SWITCHES = {
  mute: {
    verb: 'Mute',
    title: 'Mute this bus: nothing of it reaches the master or the bus it plays into',
    pressed: (bus: EffectBus) => bus.mute ?? false,
    toggled: (p: Project, bus: EffectBus) => setBusMute(p, bus.id, !bus.mute),
  },
  solo: {
    verb: 'Solo',
    title:
      "Solo this bus: hear what plays through it alone (a group's tracks; a reverb's return, wet). Ctrl/Cmd+click: this bus alone, every other solo off",
    pressed: (bus: EffectBus) => bus.solo ?? false,
    toggled: (p: Project, bus: EffectBus, only: boolean) =>
      only ? soloBusOnly(p, bus.id) : setBusSolo(p, bus.id, !bus.solo),
  },
} as const;

/** Mutes the bus (its return and what it plays into another bus), or solos it in place (what plays through it heard
 * alone: a group's tracks, a reverb's return wet); `text` says it (M or S where unsaid). */
export function BusSwitch({
  bus,
  kind,
  testId,
  text,
}: {
  bus: EffectBus;
  kind: keyof typeof BUS_SWITCHES;
  testId: string;
  text?: string;
}) {
  const { store } = useServices();
  const { verb, title, pressed, toggled } = BUS_SWITCHES[kind];
  return (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={pressed(bus)}
      aria-label={`${verb} ${bus.name}`}
      title={title}
      onClick={(e) => commitEffectEdit(store, (p) => toggled(p, bus, e.ctrlKey || e.metaKey))}
    >
      {text ?? verb[0]}
    </button>
  );
}

/** Opens the level lane of a track's or a bus's send to `busId` on the timeline (`where` it is drawn). */
export function AutomateSend({
  hostId,
  busId,
  testId,
  where,
}: {
  hostId: string;
  busId: string;
  testId: string;
  where: string;
}) {
  const { store } = useServices();
  const open = () => {
    const state = store.getState();
    if (!state.sendLanes.some((k) => k.trackId === hostId && k.busId === busId))
      state.set({ sendLanes: [...state.sendLanes, { trackId: hostId, busId }] });
  };
  return (
    <button
      type="button"
      data-testid={testId}
      title={`A lane ${where} moves this send's level along the timeline`}
      onClick={open}
    >
      Automate
    </button>
  );
}

/** The bus's sends to other buses (after its fader), each at its level, and a new one to any bus that does not lead
 * back to it. */
export function BusSends({ project, busId }: { project: Project; busId: string }) {
  const { store } = useServices();
  const open = useOpenHost();
  const sends = busSendsOf(project, busId);
  const unsent = busTargets(project, busId).filter((b) => !sends.some((s) => s.busId === b.id));
  const busName = (id: string) => project.buses?.find((b) => b.id === id)?.name ?? '';
  return (
    <section className="fx-sends" aria-label="Bus sends">
      <h3>Sends (after the fader)</h3>
      {sends.map(({ busId: target, levelDb }, i) => (
        <div className="fx-head" key={target} data-testid="fx-bus-send">
          <button type="button" title="Open this bus's effects" onClick={() => open(target)}>
            → {busName(target)}
          </button>
          <NumberField
            label="dB"
            value={levelDb}
            bounds={BUS_SEND_DB}
            step={1}
            testId={`fx-bus-send-level-${i}`}
            onCommit={(v) => commitEffectEdit(store, (p) => setBusSend(p, busId, target, v))}
          />
          <AutomateSend hostId={busId} busId={target} testId={`fx-bus-send-automate-${i}`} where="after the tracks" />
          <button
            type="button"
            aria-label={`Remove the send to ${busName(target)}`}
            onClick={() => commitEffectEdit(store, (p) => removeBusSend(p, busId, target))}
          >
            ×
          </button>
        </div>
      ))}
      <label>
        Send to
        <select
          data-testid="fx-bus-send-add"
          value=""
          onChange={(e) => {
            const target = e.target.value;
            if (target) commitEffectEdit(store, (p) => setBusSend(p, busId, target));
          }}
        >
          <option value="">Choose…</option>
          <BusOptions buses={unsent} />
        </select>
      </label>
    </section>
  );
}
