/** Parts shared by the effects' settings. */
import type { AutomatableParam } from '../../dsp/effect-automation';
import type { TrackEffect } from '../../dsp/effect-chain';
import { WET_DB } from '../../dsp/reverb';
import { NumberField } from '../NumberField';

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

/** A reverb's level (automatable) and Wet only, as the algorithmic and the convolution reverb have them. */
export function ReverbLevel({
  effect,
  id,
  change,
}: {
  effect: Extract<TrackEffect, { kind: 'reverb' | 'convolver' }>;
  id: (field: string) => string;
  change: (patch: Partial<TrackEffect>) => void;
}) {
  return (
    <>
      <NumberField
        label={`Level (dB)${automated(effect, 'wetDb')}`}
        value={effect.wetDb}
        bounds={WET_DB}
        step={1}
        testId={id('wet')}
        onCommit={(wetDb) => change({ wetDb })}
      />
      <WetOnly on={effect.wetOnly ?? false} testId={id('wet-only')} change={(wetOnly) => change({ wetOnly })} />
    </>
  );
}
