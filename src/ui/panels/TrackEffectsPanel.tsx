import type { TrackEffectKind } from '../../dsp/effect-chain';
import { editTrackEffects } from '../../app/track-effects';
import {
  addTrackEffect,
  changeTrackEffect,
  describeEffect,
  EFFECT_NAMES,
  type EffectHost,
  effectsOf,
  MASTER,
  moveTrackEffect,
  newTrackEffect,
  removeTrackEffect,
} from '../../project/track-effects';
import type { TrackEdit } from '../../project/track-ops';
import type { Project } from '../../project/types';
import { useServices, useStudio } from '../studio-context';
import { Panel } from './Panel';
import { TrackEffectFields } from './TrackEffectFields';

const KINDS = Object.keys(EFFECT_NAMES) as TrackEffectKind[];

/** The realtime effects of a track or of the master bus, as a DAW's insert rack: added, switched off and on
 * (bypass), reordered, set and removed, each an undo step; heard at once while playing, kept by exports, the clips
 * never changed. */
export function TrackEffectsPanel({ onClose }: { onClose: () => void }) {
  const { store } = useServices();
  const host = useStudio((s) => s.effectsHost);
  const trackName = useStudio((s) => s.project.tracks.find((t) => t.id === s.effectsHost)?.name);
  const project = useStudio((s) => s.project);
  const effects = host ? effectsOf(project, host) : [];
  const master = host === MASTER;
  if (!host || (!master && trackName === undefined))
    return (
      <Panel title="Track effects" testId="track-effects-panel" onClose={onClose}>
        <p>The track is gone (deleted or undone).</p>
      </Panel>
    );
  const edit = (change: (project: Project, host: EffectHost) => TrackEdit) =>
    editTrackEffects(store, (project) => change(project, host));
  return (
    <Panel
      title={master ? 'Master effects' : `Track effects: ${trackName}`}
      testId="track-effects-panel"
      onClose={onClose}
    >
      <p className="hint fx-hint">
        {master
          ? 'Run in this order on the mix as it plays, before the master fader, and on every export of the mix (not on a track or stems exported alone).'
          : 'Run in this order as the track plays, before its volume, gain and pan. Exports and Mix and render keep them; the clips never change.'}
      </p>
      <label>
        Add an effect
        <select
          data-testid="fx-add"
          value=""
          onChange={(e) =>
            e.target.value && edit((p, id) => addTrackEffect(p, id, newTrackEffect(e.target.value as TrackEffectKind)))
          }
        >
          <option value="">Choose…</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {EFFECT_NAMES[kind]}
            </option>
          ))}
        </select>
      </label>
      {effects.length === 0 && <p>No effects on this track.</p>}
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
            <TrackEffectFields
              effect={effect}
              slot={slot}
              change={(patch) => edit((p, id) => changeTrackEffect(p, id, effect.id, patch))}
            />
          </li>
        ))}
      </ol>
    </Panel>
  );
}
