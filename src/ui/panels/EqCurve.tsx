import { type EqBand, EQ_PRESETS, presetBands } from '../../dsp/equalizer';
import { curvePath, dbToY } from './eq-curve';
import { FrequencyGrid } from './FrequencyGrid';

const CURVE = { width: 360, height: 120 };
const GRID_DB = [12, 0, -12];

/** An equalizer's curve, gain against frequency, drawn from the very sections it runs. */
export function EqCurve({
  bands,
  sampleRate,
  testId,
}: {
  bands: readonly EqBand[];
  sampleRate: number;
  testId: string;
}) {
  const view = { ...CURVE, sampleRate };
  return (
    <svg
      className="eq-curve"
      width={CURVE.width}
      height={CURVE.height}
      role="img"
      aria-label="The equalizer's curve: gain against frequency"
    >
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
