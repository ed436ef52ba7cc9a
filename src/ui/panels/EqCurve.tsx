import { type EqBand, EQ_PRESETS, presetBands } from '../../dsp/equalizer';
import type { EffectHost } from '../../project/track-effects';
import { curvePath, dbToY } from './eq-curve';
import { useLiveSpectrum } from './useLiveSpectrum';
import { FrequencyGrid } from './FrequencyGrid';

const CURVE = { width: 360, height: 120 };
const GRID_DB = [12, 0, -12];

/** An equalizer's curve, gain against frequency, drawn from the very sections it runs; over the spectrum of what
 * plays where it is an effects host's (`host`: a track or the master, while playing). */
export function EqCurve({
  bands,
  sampleRate,
  testId,
  host = null,
}: {
  bands: readonly EqBand[];
  sampleRate: number;
  testId: string;
  host?: EffectHost | null;
}) {
  const view = { ...CURVE, sampleRate };
  const spectrum = useLiveSpectrum(host, view);
  return (
    <svg
      className="eq-curve"
      width={CURVE.width}
      height={CURVE.height}
      role="img"
      aria-label="The equalizer's curve: gain against frequency"
    >
      {host && (
        <path
          className="eq-spectrum"
          data-testid={`${testId}-spectrum`}
          data-low-db={spectrum ? spectrum.lowDb.toFixed(1) : ''}
          data-high-db={spectrum ? spectrum.highDb.toFixed(1) : ''}
          d={spectrum?.path ?? ''}
        />
      )}
      <FrequencyGrid view={view} />
      {GRID_DB.map((db) => (
        <g key={db}>
          <line x1={0} x2={CURVE.width} y1={dbToY(db, view)} y2={dbToY(db, view)} />
          <text x={2} y={dbToY(db, view) - 2}>
            {db > 0 ? `+${db}` : db} dB
          </text>
        </g>
      ))}
      <path data-testid={testId} d={curvePath(bands, view)} />
    </svg>
  );
}

/** The equalizer's presets: choosing one sets the bands to it. */
export function EqPreset({ testId, choose }: { testId: string; choose: (bands: EqBand[]) => void }) {
  return (
    <label className="param">
      Preset
      <select data-testid={testId} value="" onChange={(e) => e.target.value && choose(presetBands(e.target.value))}>
        <option value="">Choose…</option>
        {Object.keys(EQ_PRESETS).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
