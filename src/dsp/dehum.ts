/** Mains hum taken out, as RX's De-hum or Audition's DeHummer do: the hum's fundamental (near 50 or 60 Hz) is found in
 * a fine long-term spectrum with the harmonics that stand out of it, then each harmonic is followed through the
 * recording (amplitude and phase fitted by weighted least squares over overlapping Hann blocks) and subtracted. Only
 * a band of about a hertz either side of each harmonic is touched; everything else is kept bit for bit in effect. */
import { type Biquad, butterworth, settledBiquad } from './filters';
import { fft, hann } from './spectrogram';

export interface Hum {
  /** The fundamental in Hz, refined from the harmonics' peaks. */
  hz: number;
  /** Harmonic numbers (1 is the fundamental) that stand out of the spectrum around them. */
  harmonics: number[];
}

const MAINS_HZ = [50, 60];
/** How far the fundamental may sit from its nominal frequency: grids hold it within a few hundredths of a hertz
 * (a tenth in a disturbance) and recorders' clocks are closer still, so a steady tone further off is music or a
 * machine, not mains hum. */
const SEARCH_HZ = 0.1;
/** Long-term spectrum frames: 2 s (about 0.35 Hz between bins), half overlapping; at most MAX_FRAMES of them,
 * spread over the range. */
const FRAME_SECONDS = 2;
const MAX_FRAMES = 32;
/** A harmonic this far over the median spectrum around it is evidence of hum... */
const FOUND_DB = 10;
/** ...and once hum is found, every harmonic this far over it is taken out. */
const KEEP_DB = 4;
/** Hum is found when two of the first ten harmonics stand out, or one stands out this far. */
const ALONE_DB = 13;
const FIRST_HARMONICS = 10;
/** ...and each of them that many dB over the highest bin around it. */
const LONE_DB = 3;
/** Hum is steady: one of its three strongest harmonics stands out STEADY_DB in this share of the frames (a sound
 * that comes and goes does not, nor does a note that changes). */
const STEADY_SHARE = 0.8;
const STEADY_HARMONICS = 3;
const STEADY_DB = 6;
const LEVEL_DROP_DB = 6;
const MAX_HZ = 8000;
/** Each harmonic's amplitude and phase are followed once a period of the fundamental (so that the other harmonics
 * fall in the nulls of the averaging) and kept to changes slower than BAND_HZ, plus
 * WANDER_HZ per harmonic number for the grid's frequency wander: what is taken out is that band either side of each
 * harmonic. */
const BAND_HZ = 1;
const WANDER_HZ = 0.03;
/** An envelope point this many times its running median magnitude is a hit, not hum. */
const OUTLIER = 3;

/** The mains hum in the channels, or null where there is none. */
export function findHum(channels: readonly Float32Array[], sampleRate: number): Hum | null {
  const spectra = frameSpectra(mixDown(channels), sampleRate);
  if (spectra.frames.length === 0) return null;
  let best: (Hum & { score: number }) | null = null;
  for (const nominal of MAINS_HZ) {
    const found = humAt(spectra, nominal, sampleRate);
    if (found && (!best || found.score > best.score)) best = found;
  }
  return best && { hz: best.hz, harmonics: best.harmonics };
}

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
export function humEstimate(x: Float32Array, sampleRate: number, hum: Hum): Float64Array {
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

interface Spectra {
  /** Power per bin, each frame's and their mean. */
  frames: Float64Array[];
  mean: Float64Array;
  binHz: number;
}

function mixDown(channels: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(channels[0]?.length ?? 0);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i] / channels.length;
  return out;
}

function frameSpectra(x: Float32Array, sampleRate: number): Spectra {
  const frame = Math.min(x.length, Math.round(FRAME_SECONDS * sampleRate));
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, frame)));
  const window = hann(frame);
  const count = frame < sampleRate / 4 ? 0 : Math.min(MAX_FRAMES, Math.floor((2 * x.length) / frame) - 1);
  const frames: Float64Array[] = [];
  const mean = new Float64Array(size / 2);
  for (let f = 0; f < count; f++) {
    const start = count === 1 ? 0 : Math.round((f * (x.length - frame)) / (count - 1));
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let i = 0; i < frame; i++) re[i] = x[start + i] * window[i];
    fft(re, im);
    const power = new Float64Array(size / 2);
    for (let b = 0; b < size / 2; b++) power[b] = re[b] * re[b] + im[b] * im[b] + 1e-30;
    frames.push(power);
    for (let b = 0; b < size / 2; b++) mean[b] += power[b] / count;
  }
  return { frames, mean, binHz: sampleRate / size };
}

/** Hum with its fundamental near `nominal` Hz, scored by how far its harmonics stand out; null if it is not there. */
function humAt(spectra: Spectra, nominal: number, sampleRate: number): (Hum & { score: number }) | null {
  const { mean, binHz } = spectra;
  const top = Math.min(MAX_HZ, 0.45 * sampleRate);
  const count = Math.floor(top / nominal);
  // The fundamental that lines the first harmonics up with peaks, then refined from each peak's own frequency.
  let hz = nominal;
  let bestScore = -1;
  for (let f = nominal - SEARCH_HZ; f <= nominal + SEARCH_HZ + 1e-9; f += binHz / 8) {
    let score = 0;
    for (let k = 1; k <= FIRST_HARMONICS; k++) score += Math.max(0, Math.min(30, prominence(mean, k * f, binHz, f)));
    if (score > bestScore) [bestScore, hz] = [score, f];
  }
  hz = refine(mean, refine(mean, hz, binHz, FIRST_HARMONICS), binHz, count); // the first ten bring the rest within a bin
  if (Math.abs(hz - nominal) > SEARCH_HZ) return null;
  const rise = Array.from({ length: count }, (_, i) => prominence(mean, (i + 1) * hz, binHz, hz));
  // Evidence: harmonics that stand out of the spectrum and are the one line around (a dense comb of lines, an
  // engine's or a low drone's, lines up with some harmonic wherever the fundamental is put).
  const first = rise
    .slice(0, FIRST_HARMONICS)
    .map((r, i) => (prominence(mean, (i + 1) * hz, binHz, hz, 1) >= LONE_DB ? r : 0));
  const found = first.filter((r) => r >= FOUND_DB).length;
  if (found < 2 && !first.some((r) => r >= ALONE_DB)) return null;
  const strongest = first
    .map((r, i) => [r, (i + 1) * hz])
    .sort((a, b) => b[0] - a[0])
    .slice(0, STEADY_HARMONICS)
    .map(([, f]) => f);
  const shows = (p: Float64Array) => strongest.some((f) => prominence(p, f, binHz, hz) >= STEADY_DB);
  const steady = spectra.frames.filter(shows).length;
  if (steady < STEADY_SHARE * spectra.frames.length || !holdsLevel(spectra, strongest[0])) return null;
  const last = rise.reduce((top, r, i) => (r >= FOUND_DB ? i + 1 : top), 1);
  const harmonics = rise.flatMap((r, i) => (i < last || r >= KEEP_DB ? [i + 1] : []));
  return { hz, harmonics, score: first.reduce((s, r) => s + Math.max(0, Math.min(30, r)), 0) };
}

/** Whether the line at `hz` holds its level: no frame more than LEVEL_DROP_DB under the median frame (hum under a
 * loud passage only gains from it; a sound that stops loses it). */
function holdsLevel({ frames, binHz }: Spectra, hz: number): boolean {
  const powers = frames.map((p) => p[peakBin(p, hz, binHz)]).sort((a, b) => a - b);
  return 10 * Math.log10(powers[powers.length >> 1] / powers[0]) <= LEVEL_DROP_DB;
}

/** The fundamental fitted to the harmonics' peak frequencies (each interpolated between bins), weighted by how far
 * each stands out. */
function refine(power: Float64Array, hz: number, binHz: number, count: number): number {
  let num = 0,
    den = 0;
  for (let k = 1; k <= count; k++) {
    const rise = prominence(power, k * hz, binHz, hz);
    if (rise < FOUND_DB) continue;
    const peak = peakBin(power, k * hz, binHz);
    const [l, c, r] = [power[peak - 1], power[peak], power[peak + 1]].map(Math.log);
    const offset = (0.5 * (l - r)) / (l - 2 * c + r || 1);
    const weight = Math.min(30, rise) * k * k;
    num += (weight * ((peak + offset) * binHz)) / k;
    den += weight;
  }
  return den > 0 ? num / den : hz;
}

/** The bin with most power within a bin of `hz`. */
function peakBin(power: Float64Array, hz: number, binHz: number): number {
  const centre = Math.round(hz / binHz);
  let best = centre;
  for (let b = centre - 1; b <= centre + 1; b++) if (power[b] > power[best]) best = b;
  return Math.max(1, Math.min(power.length - 2, best));
}

/** How far, in dB, the peak at `hz` rises over the spectrum around it (within 0.4 of the fundamental either side,
 * the peak's own main lobe left out): over its median, or with `quantile` 1 over its highest bin. */
function prominence(power: Float64Array, hz: number, binHz: number, fundamental: number, quantile = 0.5): number {
  const peak = peakBin(power, hz, binHz);
  const reach = Math.round((0.4 * fundamental) / binHz);
  const around: number[] = [];
  for (let b = Math.max(1, peak - reach); b <= Math.min(power.length - 1, peak + reach); b++)
    if (Math.abs(b - peak) > 5) around.push(power[b]);
  if (around.length === 0) return 0;
  around.sort((a, b) => a - b);
  return 10 * Math.log10(power[peak] / around[Math.min(around.length - 1, Math.floor(quantile * around.length))]);
}
