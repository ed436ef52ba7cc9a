import { addEffect } from '../../app/track-effects';
import type { TrackEffectKind } from '../../dsp/effect-chain';
import { EFFECT_GROUPS, EFFECT_NAMES, type EffectHost } from '../../project/track-effects';
import { useServices } from '../studio-context';

/** Adds an effect, chosen by what it does (as a DAW's plug-in menu), at the end of the host's chain: under a
 * `caption`, or compact (a mixer strip's empty insert slot, "+") with `label` for its name. */
export function AddEffectSelect({
  host,
  testId,
  caption,
  label,
}: {
  host: EffectHost;
  testId: string;
  caption?: string;
  label?: string;
}) {
  const { store } = useServices();
  const select = (
    <select
      data-testid={testId}
      aria-label={label}
      value=""
      onChange={(e) => e.target.value && addEffect(store, host, e.target.value as TrackEffectKind)}
    >
      <option value="">{caption ? 'Choose…' : '+'}</option>
      {EFFECT_GROUPS.map(([group, kinds]) => (
        <optgroup key={group} label={group}>
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {EFFECT_NAMES[kind]}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
  return caption ? (
    // biome-ignore lint/a11y/noLabelWithoutControl: the label holds the select made above
    <label>
      {caption}
      {select}
    </label>
  ) : (
    select
  );
}
