/** The spectrum of what plays, drawn behind an equalizer's curve as a DAW's analyser EQ shows it: the analyser's
 * levels (dBFS) at log-spaced frequencies from 20 Hz to the top of the picture, as an area from the bottom. */
import { EQ_HZ } from '../../dsp/equalizer';
import { type CurveView, hzToX, topHz } from './eq-curve';

/** The picture's range: full scale at the top, this far under it at the bottom. */
export const SPECTRUM_FLOOR_DB = -100;

const POINTS = 120;

/** The area under the levels `db` (an analyser's bins, 0 Hz to half of `binRate`). */
export function spectrumPath(db: Float32Array, binRate: number, view: CurveView): string {
  const last = Math.log(topHz(view.sampleRate) / EQ_HZ.min);
  const y = (level: number) => ((view.height * held(level)) / SPECTRUM_FLOOR_DB).toFixed(1);
  const points = Array.from({ length: POINTS }, (_, i) => {
    const hz = EQ_HZ.min * Math.exp((last * i) / (POINTS - 1));
    const bin = Math.min(db.length - 1, Math.round((hz / (binRate / 2)) * db.length));
    return `L${hzToX(hz, view).toFixed(1)},${y(db[bin])}`;
  });
  return `M0,${view.height} ${points.join(' ')} L${view.width},${view.height} Z`;
}

/** The mean level (dBFS) of the bins between two frequencies, each held to the picture's range. */
export function bandLevelDb(db: Float32Array, binRate: number, fromHz: number, toHz: number): number {
  const bin = (hz: number) => Math.min(db.length - 1, Math.round((hz / (binRate / 2)) * db.length));
  const levels = Array.from(db.subarray(bin(fromHz), bin(toHz) + 1), held);
  return levels.reduce((sum, v) => sum + v, 0) / Math.max(1, levels.length);
}

/** A level held to the picture's range (silence, -Infinity, at its floor). */
const held = (level: number) =>
  Math.max(SPECTRUM_FLOOR_DB, Math.min(0, Number.isFinite(level) ? level : SPECTRUM_FLOOR_DB));
