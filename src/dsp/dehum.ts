/** Mains hum taken out, as RX's De-hum or Audition's DeHummer do, once it is found (src/dsp/find-hum.ts): each
 * harmonic is followed through the recording (its complex envelope: the channel shifted down by the harmonic's
 * frequency, averaged once a period of the fundamental and low-passed, moments a loud hit swamps it left out) and
 * subtracted. Only a band of a hertz or two about each harmonic is touched. */
import { type Biquad, butterworth, settledBiquad } from './filters';
import type { Hum } from './find-hum';

/** Each harmonic's amplitude and phase are kept to changes slower than BAND_HZ, plus WANDER_HZ per harmonic number
 * for the grid's frequency wander: what is taken out is that band either side of each harmonic. */
const BAND_HZ = 1;
const WANDER_HZ = 0.03;
/** An envelope point this many times its running median magnitude is a hit, not hum. */
const OUTLIER = 3;

/** The channels with the hum's harmonics subtracted. */
export function dehum(channels: readonly Float32Array[], sampleRate: number, hum: Hum): Float32Array[] {
  return channels.map((x) => {
    const out = Float32Array.from(x);
    const estimate = humEstimate(x, sampleRate, hum);
    for (let i = 0; i < out.length; i++) out[i] -= estimate[i];
    return out;
  });
}

/** The hum in one channel: each harmonic's slowly changing amplitude and phase (its complex envelope, the channel
 * shifted down by the harmonic's frequency and low-passed) put back at its frequency, all summed. */
function humEstimate(x: Float32Array, sampleRate: number, hum: Hum): Float64Array {
  const hop = Math.round(sampleRate / hum.hz);
  const grid = envelopeGrid(x.length, hop);
  const estimate = new Float64Array(x.length);
  for (const k of hum.harmonics) {
    const omega = (2 * Math.PI * k * hum.hz) / sampleRate;
    const lowpass = butterworth('lowpass', BAND_HZ + WANDER_HZ * k, sampleRate / hop);
    const { re, im } = harmonicEnvelope(x, omega, grid, lowpass, sampleRate / hop);
    // Put back at the harmonic's frequency, the envelope drawn straight between its points.
    let [c, s] = [1, 0];
    const [dc, ds] = [Math.cos(omega), Math.sin(omega)];
    for (let j = 0, n = 0; n < x.length; j++) {
      const [r0, i0, dr, di] = [re[j], im[j], re[j + 1] - re[j], im[j + 1] - im[j]];
      for (let m = 0; m < hop && n < x.length; m++, n++) {
        const f = grid.ramp[m];
        estimate[n] += 2 * ((r0 + f * dr) * c - (i0 + f * di) * s);
        const next = c * dc - s * ds;
        s = s * dc + c * ds;
        c = next;
      }
      [c, s] = renormalised(c, s);
    }
  }
  return estimate;
}

/** Envelope points every `hop` samples; a sample between two shares itself between them by `ramp`, and `weight`
 * is what each point gathers in all (the same for every harmonic). */
interface EnvelopeGrid {
  hop: number;
  points: number;
  ramp: Float64Array;
  weight: Float64Array;
}

function envelopeGrid(length: number, hop: number): EnvelopeGrid {
  const points = Math.floor((length - 1) / hop) + 2;
  const ramp = Float64Array.from({ length: hop }, (_, m) => m / hop);
  const weight = new Float64Array(points);
  for (let n = 0; n < length; n++) {
    const j = Math.floor(n / hop);
    weight[j] += 1 - ramp[n - j * hop];
    weight[j + 1] += ramp[n - j * hop];
  }
  return { hop, points, ramp, weight };
}

/** The rotation's length kept at one (a step of Newton's method: it drifts by rounding over millions of steps). */
function renormalised(c: number, s: number): [number, number] {
  const scale = 1.5 - 0.5 * (c * c + s * s);
  return [c * scale, s * scale];
}

/** The harmonic's complex envelope at the grid's points: the channel shifted down by the harmonic's frequency and
 * averaged over a triangle two hops wide (its nulls at multiples of the envelope rate keep the other harmonics and
 * loud partials from folding in), then low-passed forwards and backwards (no delay). */
function harmonicEnvelope(x: Float32Array, omega: number, grid: EnvelopeGrid, lowpass: Biquad[], perSecond: number) {
  const { hop, points, ramp, weight } = grid;
  const re = new Float64Array(points);
  const im = new Float64Array(points);
  let [c, s] = [1, 0];
  const [dc, ds] = [Math.cos(omega), Math.sin(omega)];
  for (let j = 0, n = 0; n < x.length; j++) {
    let sumC = 0,
      sumS = 0,
      rampC = 0,
      rampS = 0;
    for (let m = 0; m < hop && n < x.length; m++, n++) {
      const vc = x[n] * c,
        vs = x[n] * s;
      sumC += vc;
      sumS += vs;
      rampC += ramp[m] * vc;
      rampS += ramp[m] * vs;
      const next = c * dc - s * ds;
      s = s * dc + c * ds;
      c = next;
    }
    [c, s] = renormalised(c, s);
    re[j] += sumC - rampC;
    im[j] -= sumS - rampS;
    re[j + 1] += rampC;
    im[j + 1] -= rampS;
  }
  for (let j = 0; j < points; j++) {
    // The last point may have no sample within its reach: it holds its neighbour's value.
    re[j] = weight[j] > 1e-9 ? re[j] / weight[j] : re[j - 1];
    im[j] = weight[j] > 1e-9 ? im[j] / weight[j] : im[j - 1];
  }
  return robustLowpass(re, im, lowpass, perSecond);
}

/** Low-passed with the points where the envelope jumps over OUTLIER times its running median magnitude (a loud
 * passage or a hit near the harmonic's frequency) left out (normalised convolution): a low-pass alone
 * would smear the hit over a second either side and take it out there as if it were hum. The magnitude's median,
 * unlike the envelope's own, does not mind the envelope turning as the grid's frequency wanders. */
function robustLowpass(re: Float64Array, im: Float64Array, sections: Biquad[], perSecond: number) {
  const size = Float64Array.from(re, (v, j) => Math.hypot(v, im[j]));
  const typical = runningMedian(size, Math.round(perSecond / 2), Math.round(perSecond / 10));
  const weight = size.map((v, j) => (v > OUTLIER * typical[j] ? 0 : 1));
  const weighed = zeroPhase(weight, sections, perSecond);
  const smooth = (x: Float64Array) =>
    zeroPhase(
      x.map((v, j) => v * weight[j]),
      sections,
      perSecond,
    ).map((v, j) => (weighed[j] > 0.05 ? v / weighed[j] : 0));
  return { re: smooth(re), im: smooth(im) };
}

/** The median of `x` within `half` points either side, taken every `step` points and joined by straight lines. */
function runningMedian(x: Float64Array, half: number, step: number): Float64Array {
  const out = new Float64Array(x.length);
  let [prevAt, prev] = [-1, 0];
  for (let at = 0; at < x.length + step - 1; at += step) {
    const j = Math.min(at, x.length - 1);
    const near = x.slice(Math.max(0, j - half), Math.min(x.length, j + half + 1)).sort();
    const value = near[near.length >> 1];
    if (prevAt < 0) out.fill(value, 0, j + 1);
    else for (let i = prevAt + 1; i <= j; i++) out[i] = prev + ((value - prev) * (i - prevAt)) / (j - prevAt);
    [prevAt, prev] = [j, value];
  }
  return out;
}

/** Low-passed forwards and backwards, over a second of the envelope mirrored at each end (a loud partial a few hertz from the harmonic would otherwise start the filter ringing over the range's ends). */
function zeroPhase(x: Float64Array, sections: Biquad[], perSecond: number): Float64Array {
  const pad = Math.min(x.length - 1, Math.round(perSecond));
  const padded = new Float64Array(x.length + 2 * pad);
  for (let i = 0; i < pad; i++) {
    padded[pad - 1 - i] = x[i + 1];
    padded[pad + x.length + i] = x[x.length - 2 - i];
  }
  padded.set(x, pad);
  const run = (v: Float64Array) => sections.reduce((y, section) => settledBiquad(y, section, y[0]), v).reverse();
  return run(run(padded)).subarray(pad, pad + x.length);
}
