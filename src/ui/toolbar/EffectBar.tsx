import { FADE_CURVES, type FadeCurve } from '../../dsp/fades';
import { FILTER_HZ } from '../../dsp/filters';
import { MAINS, type Mains } from '../../dsp/find-hum';
import { SIMILARITY_RANGE } from '../../dsp/find-similar';
import { ATTENUATE_LEVEL_DB } from '../../dsp/attenuate';
import { NOISE_REDUCTION_DB, NOISE_SENSITIVITY_DB } from '../../dsp/noise-reduction';
import { PITCH_SEMITONES, TEMPO_PERCENT } from '../../project/effects';
import type { EditParams } from '../../store/studio-store';
import { useServices, useStudio } from '../studio-context';
import { ActionButton } from './ActionButton';

function NumberParam({
  label,
  field,
  step,
  min,
  max,
}: {
  label: string;
  field: keyof Omit<EditParams, 'fadeCurve' | 'humMains'>;
  step: number;
  min: number;
  max: number;
}) {
  const { store } = useServices();
  const value = useStudio((s) => s.params[field]);
  return (
    <label className="param">
      {label}
      <input
        type="number"
        data-testid={`param-${field}`}
        value={value}
        step={step}
        min={min}
        max={max}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (Number.isFinite(v)) store.getState().updateParams({ [field]: Math.min(max, Math.max(min, v)) });
        }}
      />
    </label>
  );
}

/** Effects on the selection, each beside the setting it uses. */
export function EffectBar() {
  const { store } = useServices();
  const curve = useStudio((s) => s.params.fadeCurve);
  const mains = useStudio((s) => s.params.humMains);
  return (
    <div className="effectbar" role="group" aria-label="Effects">
      <label className="param">
        Curve
        <select
          data-testid="param-fadeCurve"
          value={curve}
          onChange={(e) => store.getState().updateParams({ fadeCurve: e.target.value as FadeCurve })}
        >
          {FADE_CURVES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <ActionButton name="fadeIn" />
      <ActionButton name="fadeOut" />
      <NumberParam label="dB" field="gainDb" step={0.5} min={-60} max={24} />
      <ActionButton name="gain" text="Gain" />
      <NumberParam label="dBFS" field="peakDb" step={0.5} min={-60} max={0} />
      <ActionButton name="normalizePeak" text="Normalize peak" />
      <NumberParam label="LUFS" field="lufs" step={1} min={-60} max={0} />
      <ActionButton name="normalizeLoudness" text="Normalize loudness" />
      <ActionButton name="reverse" />
      <NumberParam label="semitones" field="pitchSemitones" step={1} {...PITCH_SEMITONES} />
      <ActionButton name="changePitch" text="Change pitch" />
      <NumberParam label="tempo %" field="tempoPercent" step={5} {...TEMPO_PERCENT} />
      <ActionButton name="changeTempo" text="Change tempo" />
      <NumberParam label="speed %" field="speedPercent" step={5} {...TEMPO_PERCENT} />
      <ActionButton name="changeSpeed" text="Change speed" />
      <ActionButton name="matchProject" text="Match the project" />
      <NumberParam label="Hz" field="highpassHz" step={10} {...FILTER_HZ} />
      <ActionButton name="highpass" text="High-pass" />
      <NumberParam label="Hz" field="lowpassHz" step={100} {...FILTER_HZ} />
      <ActionButton name="lowpass" text="Low-pass" />
      <ActionButton name="noiseProfile" text="Noise profile" />
      <NumberParam label="reduce dB" field="noiseReductionDb" step={1} {...NOISE_REDUCTION_DB} />
      <NumberParam label="over noise dB" field="noiseSensitivityDb" step={1} {...NOISE_SENSITIVITY_DB} />
      <ActionButton name="reduceNoise" text="Reduce noise" />
      <ActionButton name="declip" text="De-clip" />
      <label className="param">
        Hum
        <select
          data-testid="param-humMains"
          value={mains}
          onChange={(e) => store.getState().updateParams({ humMains: e.target.value as Mains })}
        >
          {MAINS.map((m) => (
            <option key={m} value={m}>
              {m === 'auto' ? 'find' : `${m} Hz`}
            </option>
          ))}
        </select>
      </label>
      <ActionButton name="dehum" text="De-hum" />
      <NumberParam label="to surroundings dB" field="attenuateLevelDb" step={1} {...ATTENUATE_LEVEL_DB} />
      <ActionButton name="attenuateToSurroundings" text="Attenuate to surroundings" />
      <NumberParam label="similarity" field="similarity" step={0.05} {...SIMILARITY_RANGE} />
      <ActionButton name="findSimilar" text="Find similar" />
      <ActionButton name="attenuateSimilar" text="Attenuate similar" />
    </div>
  );
}
