/** The average spectrum as an SVG path on the equalizer's log-frequency axis (20 Hz to 20 kHz or the Nyquist
 * frequency), 90 dB tall from the loudest bin's decade down. */
import type { Spectrum } from '../../dsp/spectrum';
import { type CurveView, hzToX, topHz } from './eq-curve';

export const SPAN_DB = 90;

/** The top of the plot: the loudest bin's level rounded up to 10 dB (0 dB at most for a clipped mix, -20 for silence). */
export function topDb(spectrum: Spectrum): number {
  const loudest = Math.max(...spectrum.db.filter(Number.isFinite));
  return Number.isFinite(loudest) ? Math.ceil(loudest / 10) * 10 || 0 : -20; // || 0: no -0 dB
}

/** The frequency at x (the inverse of hzToX). */
export const xToHz = (x: number, view: CurveView) => 20 * (topHz(view.sampleRate) / 20) ** (x / view.width);

/** The path: for each pixel column the loudest bin in it, so a narrow peak is never lost between columns. */
export function spectrumPath(spectrum: Spectrum, view: CurveView): string {
  const top = topDb(spectrum);
  const y = (db: number) => (view.height * (top - Math.max(top - SPAN_DB, db))) / SPAN_DB;
  const columns = new Float32Array(Math.ceil(view.width) + 1).fill(Number.NEGATIVE_INFINITY);
  spectrum.hz.forEach((hz, k) => {
    if (hz < 20 || hz > topHz(view.sampleRate)) return;
    const x = Math.round(hzToX(hz, view));
    columns[x] = Math.max(columns[x], spectrum.db[k]);
  });
  const points: string[] = [];
  columns.forEach((db, x) => {
    if (db > Number.NEGATIVE_INFINITY) points.push(`${points.length ? 'L' : 'M'}${x},${y(db).toFixed(1)}`);
  });
  return points.join(' ');
}

/** The spectrum as text, as Audacity's Plot Spectrum exports it: a header, then frequency and level by tabs. */
export function spectrumText(spectrum: Spectrum): string {
  const rows = Array.from(spectrum.hz, (hz, k) => `${hz.toFixed(6)}\t${spectrum.db[k].toFixed(6)}`);
  return ['Frequency (Hz)\tLevel (dB)', ...rows.slice(1)].join('\n');
}
