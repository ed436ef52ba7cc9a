import { type AutomatableParam, automatableParams, lanesOf, PARAM_RANGES } from '../../dsp/effect-automation';
import { hasDryWet, type TrackEffect } from '../../dsp/effect-chain';
import { NumberField } from '../NumberField';
import { commitEffectEdit } from '../../app/track-effects';
import { printTrackEffects } from '../../app/print-effects';
import {
  changeTrackEffect,
  copyEffects,
  describeEffect,
  EFFECT_NAMES,
  type EffectHost,
  effectsOf,
  MASTER,
  moveTrackEffect,
  removeTrackEffect,
} from '../../project/track-effects';
import type { TrackEdit } from '../../project/track-ops';
import type { Project } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { BusList, BusSettings, TrackSends } from './BusControls';
import { Panel } from './Panel';
import { automated } from './fx-common';
import { TrackEffectFields } from './TrackEffectFields';
import { AddEffectSelect } from './AddEffectSelect';
import { ChainPresets } from './ChainPresets';
import { EffectPresets } from './EffectPresets';
import { loadChainPreset } from '../../project/chain-presets';
import { missingImpulses } from '../../project/impulses';

const DRY_WET_PERCENT = { min: 0, max: 100 } as const;

/** Who the panel is for: its title, what it tells of where the effects run, and the settings under the chain. */
interface HostView {
  title: string;
  hint: string;
  kind: 'track' | 'bus' | 'master';
}

function hostView(project: Project, host: EffectHost | null): HostView | null {
  if (host === MASTER)
    return {
      kind: 'master',
      title: 'Master effects',
      hint: 'Run in this order on the mix as it plays, before the master fader, and on every export of the mix (not on a track or stems exported alone).',
    };
  const bus = project.buses?.find((b) => b.id === host);
  if (bus)
    return {
      kind: 'bus',
      title: `Effect bus: ${bus.name}`,
      hint: 'Run in this order on what the tracks and buses send or play here, then its return level, into the master (or the bus it plays into). A reverb or echo made here is wet only: the tracks play their dry sound themselves.',
    };
  const track = project.tracks.find((t) => t.id === host);
  if (track)
    return {
      kind: 'track',
      title: `Track effects: ${track.name}`,
      hint: 'Run in this order as the track plays, before its volume, gain and pan. Exports and Mix and render keep them; the clips never change.',
    };
  return null;
}

/** The realtime effects of a track, an effect bus or the master, as a DAW's insert rack: added, switched off and on
 * (bypass), reordered, set and removed, each an undo step; heard at once while playing, kept by exports, the clips
 * never changed. Under the chain: a track's sends, a bus's return level, the master's list of buses. */
export function TrackEffectsPanel({ onClose }: { onClose: () => void }) {
  const services = useServices();
  const { store, assets } = services;
  const host = useStudio((s) => s.effectsHost);
  const project = useStudio((s) => s.project);
  const view = hostView(project, host);
  if (!host || !view)
    return (
      <Panel title="Track effects" testId="track-effects-panel" onClose={onClose}>
        <p>The track or bus is gone (deleted or undone).</p>
      </Panel>
    );
  const effects = effectsOf(project, host);
  const edit = (change: (project: Project, host: EffectHost) => TrackEdit) =>
    commitEffectEdit(store, (project) => change(project, host));
  return (
    <Panel title={view.title} testId="track-effects-panel" onClose={onClose}>
      <p className="hint fx-hint">{view.hint}</p>
      <AddEffectSelect host={host} testId="fx-add" caption="Add an effect" />
      <ChainPresets
        canSave={effects.length > 0}
        load={(preset) => {
          edit((p, id) => loadChainPreset(p, id, preset, view.kind === 'bus'));
          for (const name of missingImpulses(preset.effects, assets))
            store
              .getState()
              .notify(
                'info',
                `The chain's convolution reverb plays "${name}", which this project lacks: load it again.`,
              );
        }}
      />
      {effects.length === 0 && <p>No effects here yet.</p>}
      <ol className="fx-chain">
        {effects.map((effect, slot) => (
          <li key={effect.id} data-testid="fx-slot" aria-label={describeEffect(effect)}>
            <div className="fx-head">
              <label>
                <input
                  type="checkbox"
                  data-testid={`fx-on-${slot}`}
                  checked={effect.on}
                  title="On, or bypassed (kept with its settings, not heard)"
                  onChange={(e) => edit((p, id) => changeTrackEffect(p, id, effect.id, { on: e.target.checked }))}
                />
                {describeEffect(effect)}
              </label>
              <button
                type="button"
                title="Earlier in the chain"
                aria-label={`Move ${EFFECT_NAMES[effect.kind]} up`}
                disabled={slot === 0}
                onClick={() => edit((p, id) => moveTrackEffect(p, id, effect.id, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                title="Later in the chain"
                aria-label={`Move ${EFFECT_NAMES[effect.kind]} down`}
                disabled={slot === effects.length - 1}
                onClick={() => edit((p, id) => moveTrackEffect(p, id, effect.id, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                data-testid={`fx-remove-${slot}`}
                aria-label={`Remove ${EFFECT_NAMES[effect.kind]}`}
                onClick={() => edit((p, id) => removeTrackEffect(p, id, effect.id))}
              >
                ×
              </button>
            </div>
            <EffectPresets host={host} effect={effect} slot={slot} />
            <TrackEffectFields
              effect={effect}
              slot={slot}
              change={(patch) => edit((p, id) => changeTrackEffect(p, id, effect.id, patch))}
              keys={view.kind === 'track' ? project.tracks.filter((t) => t.id !== host) : undefined}
            />
            <AutomateSetting hostId={host} effect={effect} slot={slot} />
            {hasDryWet(effect.kind) && (
              <div className="fx-fields">
                <NumberField
                  label={`Mix (% wet)${automated(effect, 'dryWet')}`}
                  value={Math.round((effect.dryWet ?? 1) * 100)}
                  bounds={DRY_WET_PERCENT}
                  step={1}
                  testId={`fx-drywet-${slot}`}
                  onCommit={(percent) =>
                    edit((p, id) => changeTrackEffect(p, id, effect.id, { dryWet: percent / 100 }))
                  }
                />
              </div>
            )}
          </li>
        ))}
      </ol>
      {effects.length > 0 && (
        <CopyEffects project={project} from={host} copy={(to, name) => edit((p, id) => copyEffects(p, id, to, name))} />
      )}
      {view.kind === 'track' && effects.some((e) => e.on) && (
        <button
          type="button"
          data-testid="fx-print"
          title="The clips through these effects become one clip, tails and all, and the effects go: it sounds the same (one undo step)"
          onClick={() => void printTrackEffects(services, host)}
        >
          Print effects into the clips
        </button>
      )}
      {view.kind === 'track' && <TrackSends project={project} trackId={host} />}
      {view.kind === 'bus' && <BusSettings project={project} busId={host} />}
      {view.kind === 'master' && <BusList />}
    </Panel>
  );
}

/** Copies the chain after another track's, bus's or the master's own effects. */
function CopyEffects({
  project,
  from,
  copy,
}: {
  project: Project;
  from: EffectHost;
  copy: (to: EffectHost, name: string) => void;
}) {
  const hosts = [
    ...project.tracks.map((t) => ({ id: t.id, name: t.name })),
    ...(project.buses ?? []).map((b) => ({ id: b.id, name: b.name })),
    { id: MASTER, name: 'the master' },
  ].filter((h) => h.id !== from);
  return (
    <label>
      Copy these effects to
      <select
        data-testid="fx-copy"
        value=""
        onChange={(e) => {
          const to = hosts.find((h) => h.id === e.target.value);
          if (to) copy(to.id, to.name);
        }}
      >
        <option value="">Choose…</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Opens a lane for one of the effect's settings (under its track; the master's and buses' after the tracks), as a
 * DAW's "show automation" for a plug-in. */
function AutomateSetting({ hostId, effect, slot }: { hostId: string; effect: TrackEffect; slot: number }) {
  const { store } = useServices();
  const params = automatableParams(effect.kind);
  if (params.length === 0) return null;
  const open = (param: AutomatableParam) => {
    const state = store.getState();
    const shown = state.effectLanes.some((k) => k.hostId === hostId && k.effectId === effect.id && k.param === param);
    if (!shown) state.set({ effectLanes: [...state.effectLanes, { hostId, effectId: effect.id, param }] });
  };
  const drawn = new Set(lanesOf(effect).map(([param]) => param));
  return (
    <label className="fx-automate" title="A lane under the track moves this setting along the timeline">
      Automate
      <select
        data-testid={`fx-automate-${slot}`}
        value=""
        onChange={(e) => e.target.value && open(e.target.value as AutomatableParam)}
      >
        <option value="">Choose…</option>
        {params.map((param) => (
          <option key={param} value={param}>
            {PARAM_RANGES[param].name}
            {drawn.has(param) ? ' (automated)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
