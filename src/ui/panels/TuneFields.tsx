import {
  CORRECTION_STRENGTH,
  HUMANIZE,
  type PitchCorrection,
  RETUNE_SPEED_MS,
  VOICE_RANGES,
  WITHIN_CENTS,
} from '../../dsp/pitch-correct';
import { CORRECTION_KEYS, namedKey, projectKey } from '../../app/pitch-correct';
import { scaleName } from '../../project/effects';
import { NumberField } from '../NumberField';
import { useStudio } from '../studio-context';

/** The keys an insert can hold, by name as the effect bar's: every semitone, then "C major" ... "B minor". */
const KEYS = CORRECTION_KEYS.filter((k) => k !== 'project' && k !== 'line');

/** The scale a key's name stands for. */
const scaleOf = (name: string): Pick<PitchCorrection, 'tonic' | 'mode'> =>
  namedKey(name) ?? { tonic: null, mode: 'major' };

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
  const heardName = useStudio((s) => {
    const key = projectKey(s.project.tracks);
    return key && scaleName(key);
  });
  return (
    <div className="fx-fields">
      <label className="param" title="The notes the voice is pulled to">
        Key
        <select data-testid={id('key')} value={scaleName(effect)} onChange={(e) => change(scaleOf(e.target.value))}>
          {KEYS.map((name) => (
            <option key={name} value={name}>
              {name === 'chromatic' ? 'Every semitone (chromatic)' : name}
            </option>
          ))}
        </select>
      </label>
      {heardName && heardName !== scaleName(effect) && (
        <button
          type="button"
          data-testid={id('project-key')}
          title="The key Analyze heard in the project"
          onClick={() => change(scaleOf(heardName))}
        >
          Project's key ({heardName})
        </button>
      )}
      <label
        className="param"
        title="The lowest note it listens for: a higher range answers sooner (50 ms rather than 70), for monitoring through it, but cannot hear voices under it"
      >
        Voice
        <select
          data-testid={id('voice')}
          value={effect.lowestHz ?? VOICE_RANGES[0].lowestHz}
          onChange={(e) => {
            const lowestHz = Number(e.target.value);
            change({ lowestHz: lowestHz === VOICE_RANGES[0].lowestHz ? undefined : lowestHz });
          }}
        >
          {VOICE_RANGES.map((r) => (
            <option key={r.lowestHz} value={r.lowestHz}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
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
