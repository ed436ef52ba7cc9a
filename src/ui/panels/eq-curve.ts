/** The equalizer's response as an SVG path on a log-frequency axis, for the panel's picture. */
import { type EqBand, EQ_GAIN_DB, EQ_HZ, eqResponseDb } from '../../dsp/equalizer';

export interface CurveView {
  width: number;
  height: number;
  sampleRate: number;
}

/** The highest frequency drawn: 20 kHz, or the Nyquist frequency of a lower rate. */
export const topHz = (sampleRate: number) => Math.min(EQ_HZ.max, sampleRate / 2);

/** x of a frequency: 20 Hz at the left edge, topHz at the right, log-spaced. */
export const hzToX = (hz: number, { width, sampleRate }: CurveView) =>
  (width * Math.log(hz / EQ_HZ.min)) / Math.log(topHz(sampleRate) / EQ_HZ.min);

/** y of a gain: +24 dB at the top, -24 at the bottom, 0 dB across the middle (clamped to the picture). */
export const dbToY = (db: number, { height }: CurveView) =>
  (height * (EQ_GAIN_DB.max - Math.min(EQ_GAIN_DB.max, Math.max(EQ_GAIN_DB.min, db)))) /
  (EQ_GAIN_DB.max - EQ_GAIN_DB.min);

/** The path through `points` frequencies of the response. */
export function curvePath(bands: readonly EqBand[], view: CurveView, points = 200): string {
  const last = Math.log(topHz(view.sampleRate) / EQ_HZ.min);
  return Array.from({ length: points }, (_, i) => {
    const hz = EQ_HZ.min * Math.exp((last * i) / (points - 1));
    const x = hzToX(hz, view).toFixed(1);
    const y = dbToY(eqResponseDb(bands, view.sampleRate, hz), view).toFixed(1);
    return `${i === 0 ? 'M' : 'L'}${x},${y}`;
  }).join(' ');
}
