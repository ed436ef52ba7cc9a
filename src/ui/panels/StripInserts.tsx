import { commitEffectEdit } from '../../app/track-effects';
import type { TrackEffectKind } from '../../dsp/effect-chain';
import {
  changeTrackEffect,
  describeEffect,
  EFFECT_NAMES,
  type EffectHost,
  effectsOf,
} from '../../project/track-effects';
import { useServices, useStudio } from '../studio-context';
import { AddEffectSelect } from './AddEffectSelect';
import { useOpenHost } from './BusRouting';

/** Names short enough for a strip's slot, where the effect's own is long. */
const SHORT_NAMES: Partial<Record<TrackEffectKind, string>> = {
  eq: 'EQ',
  compressor: 'Comp',
  multiband: 'Multiband',
  gate: 'Gate',
  transient: 'Transient',
  distortion: 'Distort',
  width: 'Width',
  convolver: 'Conv. verb',
  tune: 'Tune',
};

/** A mixer strip's insert slots, as a DAW mixer's: each effect of the host's chain by name (a click opens the
 * chain), switched on or bypassed in place, and an empty slot that adds one. */
export function StripInserts({ host, name }: { host: EffectHost; name: string }) {
  const { store } = useServices();
  const effects = useStudio((s) => effectsOf(s.project, host));
  const open = useOpenHost();
  return (
    <ul className="strip-inserts" aria-label={`Inserts of ${name}`}>
      {effects.map((effect) => (
        <li key={effect.id} data-testid="mixer-insert" data-on={effect.on}>
          <input
            type="checkbox"
            data-testid="mixer-insert-on"
            checked={effect.on}
            aria-label={`${EFFECT_NAMES[effect.kind]} on`}
            title="On, or bypassed (kept with its settings, not heard)"
            onChange={(e) =>
              commitEffectEdit(store, (p) => changeTrackEffect(p, host, effect.id, { on: e.target.checked }))
            }
          />
          <button type="button" title={describeEffect(effect)} onClick={() => open(host)}>
            {SHORT_NAMES[effect.kind] ?? EFFECT_NAMES[effect.kind]}
          </button>
        </li>
      ))}
      <li>
        <AddEffectSelect host={host} testId="mixer-insert-add" label={`Add an effect to ${name}`} />
      </li>
    </ul>
  );
}
