/** Parts shared by the effects' settings. */
import type { AutomatableParam } from '../../dsp/effect-automation';
import type { TrackEffect } from '../../dsp/effect-chain';

/** " · automated" where a lane moves the setting (the field then holds where it rests without one). */
export const automated = (effect: TrackEffect, param: AutomatableParam): string =>
  effect.automation?.[param]?.length ? ' · automated' : '';

/** Whether an echo or a reverb (algorithmic or convolution) gives its repeats or tail alone (on an effect bus) or
 * adds them to the sound. */
export function WetOnly({ on, testId, change }: { on: boolean; testId: string; change: (on: boolean) => void }) {
  return (
    <label className="param" title="Without the dry sound: for an effect bus, whose tracks play it themselves">
      Wet only
      <input type="checkbox" data-testid={testId} checked={on} onChange={(e) => change(e.target.checked)} />
    </label>
  );
}
