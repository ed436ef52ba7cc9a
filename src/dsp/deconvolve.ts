/**
 * An impulse response measured with a sweep, as an impulse response utility makes one (Space Designer's IR Utility,
 * ReaVerb's deconvolution; Farina 2000): a sine sweep is played in the room (or through the gear) and recorded; the
 * recording divided by the sweep, frequency by frequency, is what the room does to a single click. The division is
 * regularized (Kirkeby: |S|² plus a floor) so that where the sweep carried nothing the noise is not blown up. What
 * comes out is cut where it has died to -80 dB under its peak.
 */
import { fft } from './spectrogram';

/** The regularization floor under the sweep's strongest frequency, dB. */
const FLOOR_DB = -40;
/** Where the response is taken to have died away, dB under its peak. */
const TAIL_DB = -80;

/** The response that turned `played` into `recorded` (both from the sweep's start, at one rate), at most `most`
 * samples long, cut where it dies away. */
export function deconvolve(recorded: Float32Array, played: Float32Array, most: number): Float32Array {
  let n = 1;
  while (n < recorded.length + played.length) n <<= 1;
  const spectrum = (x: Float32Array) => {
    const re = new Float64Array(n);
    re.set(x);
    const im = new Float64Array(n);
    fft(re, im);
    return { re, im };
  };
  const r = spectrum(recorded);
  const s = spectrum(played);
  let strongest = 0;
  for (let k = 0; k < n; k++) strongest = Math.max(strongest, s.re[k] ** 2 + s.im[k] ** 2);
  const floor = strongest * 10 ** (FLOOR_DB / 10);
  // R conj(S) / (|S|² + floor), conjugated so that a forward FFT inverts it.
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const power = s.re[k] ** 2 + s.im[k] ** 2 + floor;
    re[k] = (r.re[k] * s.re[k] + r.im[k] * s.im[k]) / power;
    im[k] = -(r.im[k] * s.re[k] - r.re[k] * s.im[k]) / power;
  }
  fft(re, im);
  const length = Math.min(most, recorded.length);
  const h = Float32Array.from({ length }, (_, i) => re[i] / n);
  let peak = 0;
  for (const v of h) peak = Math.max(peak, Math.abs(v));
  const quiet = peak * 10 ** (TAIL_DB / 20);
  let end = length;
  while (end > 1 && Math.abs(h[end - 1]) <= quiet) end--;
  return h.slice(0, end);
}
