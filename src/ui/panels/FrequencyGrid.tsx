import { type CurveView, hzToX } from './eq-curve';

const GRID_HZ = [100, 1000, 10000];

/** The log-frequency axis's lines at 100 Hz, 1 kHz and 10 kHz, labelled, for the equalizer's and the spectrum's plots. */
export function FrequencyGrid({ view }: { view: CurveView }) {
  return GRID_HZ.map((hz) => (
    <g key={hz}>
      <line x1={hzToX(hz, view)} x2={hzToX(hz, view)} y1={0} y2={view.height} />
      <text x={hzToX(hz, view) + 2} y={view.height - 2}>
        {hz >= 1000 ? `${hz / 1000}k` : hz}
      </text>
    </g>
  ));
}
