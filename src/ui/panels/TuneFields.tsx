import { PITCH_CLASSES } from '../../dsp/key';
import {
  CORRECTION_STRENGTH,
  HUMANIZE,
  type PitchCorrection,
  RETUNE_SPEED_MS,
  SCALES,
  type ScaleMode,
  WITHIN_CENTS,
} from '../../dsp/pitch-correct';
import { projectKey } from '../../app/pitch-correct';
import { scaleName } from '../../project/effects';
import { NumberField } from '../NumberField';
import { useStudio } from '../studio-context';

const CHROMATIC = 'chromatic';
const MODES = Object.keys(SCALES) as ScaleMode[];

/** A scale as the key list's value: "9 minor", or "chromatic". */
const keyValue = ({ tonic, mode }: Pick<PitchCorrection, 'tonic' | 'mode'>) =>
  tonic === null ? CHROMATIC : `${tonic} ${mode}`;

function keyOfValue(value: string): Pick<PitchCorrection, 'tonic' | 'mode'> {
  if (value === CHROMATIC) return { tonic: null, mode: 'major' };
  const [tonic, mode] = value.split(' ');
  return { tonic: Number(tonic), mode: mode as ScaleMode };
}

/** Pitch correction's key (or every semitone), retune speed and strength, with the project's key a click away and the
 * correction it makes as it plays, as Auto-Tune's window. */
export function TuneFields({
  effect,
  id,
  change,
}: {
  effect: PitchCorrection & { id: string };
  id: (field: string) => string;
  change: (patch: Partial<PitchCorrection>) => void;
}) {
  // A string, so that the selector gives the same value while the key stays (a new object each time would loop).
  const heardValue = useStudio((s) => {
    const key = projectKey(s.project.tracks);
    return key && keyValue(key);
  });
  const heard = heardValue && keyOfValue(heardValue);
  return (
    <div className="fx-fields">
      <label className="param" title="The notes the voice is pulled to">
        Key
        <select data-testid={id('key')} value={keyValue(effect)} onChange={(e) => change(keyOfValue(e.target.value))}>
          <option value={CHROMATIC}>Every semitone (chromatic)</option>
          {MODES.flatMap((mode) =>
            PITCH_CLASSES.map((name, tonic) => (
              <option key={`${name} ${mode}`} value={`${tonic} ${mode}`}>
                {name} {mode}
              </option>
            )),
          )}
        </select>
      </label>
      {heard && heardValue !== keyValue(effect) && (
        <button
          type="button"
          data-testid={id('project-key')}
          title="The key Analyze heard in the project"
          onClick={() => change(heard)}
        >
          Project's key ({scaleName({ ...effect, ...heard })})
        </button>
      )}
      <NumberField
        label="Retune speed (ms; 0: at once)"
        value={effect.speedMs}
        bounds={RETUNE_SPEED_MS}
        step={5}
        testId={id('speed')}
        onCommit={(speedMs) => change({ speedMs })}
      />
      <NumberField
        label="Strength (%)"
        value={effect.strength}
        bounds={CORRECTION_STRENGTH}
        step={5}
        testId={id('strength')}
        onCommit={(strength) => change({ strength })}
      />
      <NumberField
        label="Humanize (%: held notes followed more slowly)"
        value={effect.humanize ?? 0}
        bounds={HUMANIZE}
        step={10}
        testId={id('humanize')}
        onCommit={(humanize) => change({ humanize })}
      />
      <NumberField
        label="Within (¢ of a note; 0: everywhere)"
        value={effect.withinCents ?? 0}
        bounds={WITHIN_CENTS}
        step={5}
        testId={id('within')}
        onCommit={(withinCents) => change({ withinCents })}
      />
      <Correction effectId={effect.id} testId={id('correction')} />
    </div>
  );
}

/** How far the voice is being moved now, cents, as Auto-Tune's correction meter (nothing while stopped). */
function Correction({ effectId, testId }: { effectId: string; testId: string }) {
  const cents = useStudio((s) => s.effectReadings[effectId]);
  return (
    <div className="param" title="How far the voice is being moved now">
      Correction
      <meter min={-100} max={100} value={cents ?? 0} aria-label="Correction" />
      <output data-testid={testId}>
        {cents === undefined ? '–' : `${cents > 0.5 ? '+' : ''}${Math.round(cents)} cents`}
      </output>
    </div>
  );
}
