/** Loudness after ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates) and EBU R128 (the
 * momentary and short-term maxima, the loudness range of EBU Tech 3342), in LUFS and LU. */
import type { Biquad } from './filters';

/** The two K-weighting stages (high shelf, then high pass), designed for any sample rate by the bilinear transform. */
function kWeighting(rate: number): Biquad[] {
  const shelf = (() => {
    const f0 = 1681.974450955533,
      g = 3.999843853973347,
      q = 0.7071752369554196;
    const k = Math.tan((Math.PI * f0) / rate);
    const vh = 10 ** (g / 20),
      vb = vh ** 0.4996667741545416;
    const a0 = 1 + k / q + k * k;
    return {
      b0: (vh + (vb * k) / q + k * k) / a0,
      b1: (2 * (k * k - vh)) / a0,
      b2: (vh - (vb * k) / q + k * k) / a0,
      a1: (2 * (k * k - 1)) / a0,
      a2: (1 - k / q + k * k) / a0,
    };
  })();
  const highPass = (() => {
    const f0 = 38.13547087602444,
      q = 0.5003270373238773;
    const k = Math.tan((Math.PI * f0) / rate);
    const a0 = 1 + k / q + k * k;
    return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
  })();
  return [shelf, highPass];
}

/** Channel weights: 1 for the front channels; surround channels (index 3 and 4 of 5.1 after LFE) weigh 1.41. LFE is skipped. */
function channelWeight(index: number, count: number): number {
  if (count === 6) return index === 3 ? 0 : index >= 4 ? 1.41 : 1;
  return 1;
}

/** Each channel K-weighted and its energy summed over every 100 ms (the measures' hop), streamed sample by sample so
 * an hour-long programme costs a few kilobytes, not a second copy of itself. */
function segmentEnergies(channels: Float32Array[], rate: number): { energies: Float64Array[]; hop: number } {
  const hop = Math.round(0.1 * rate);
  const count = Math.floor((channels[0]?.length ?? 0) / hop);
  const [shelf, highPass] = kWeighting(rate);
  const energies = channels.map((ch) => {
    const out = new Float64Array(count);
    let [x1, x2, m1, m2, y1, y2] = [0, 0, 0, 0, 0, 0]; // the shelf's input and output, then the high pass's output
    for (let n = 0; n < count * hop; n++) {
      const x = ch[n];
      const m = shelf.b0 * x + shelf.b1 * x1 + shelf.b2 * x2 - shelf.a1 * m1 - shelf.a2 * m2;
      const y = highPass.b0 * m + highPass.b1 * m1 + highPass.b2 * m2 - highPass.a1 * y1 - highPass.a2 * y2;
      x2 = x1;
      x1 = x;
      m2 = m1;
      m1 = m;
      y2 = y1;
      y1 = y;
      out[Math.floor(n / hop)] += y * y;
    }
    return out;
  });
  return { energies, hop };
}

/** The channels' weighted mean power over windows of `segments` 100 ms segments, one window every segment. */
function windowPowers({ energies, hop }: ReturnType<typeof segmentEnergies>, segments: number): number[] {
  const count = energies[0]?.length ?? 0;
  const powers: number[] = [];
  for (let start = 0; start + segments <= count; start++) {
    let power = 0;
    energies.forEach((e, c) => {
      let sum = 0;
      for (let j = start; j < start + segments; j++) sum += e[j];
      power += channelWeight(c, energies.length) * (sum / (segments * hop));
    });
    powers.push(power);
  }
  return powers;
}

const loudnessOf = (p: number) => -0.691 + 10 * Math.log10(p);
const mean = (ps: number[]) => ps.reduce((s, p) => s + p, 0) / ps.length;
/** Blocks over the absolute gate (-70 LUFS), then over the relative one (`relativeLu` under their mean). */
function gated(powers: number[], relativeLu: number): number[] {
  const absolute = powers.filter((p) => loudnessOf(p) > -70);
  if (absolute.length === 0) return [];
  const gate = loudnessOf(mean(absolute)) + relativeLu;
  return absolute.filter((p) => loudnessOf(p) > gate);
}

/** Integrated loudness in LUFS; -Infinity when everything is gated out (silence or shorter than one block). */
export function integratedLoudness(channels: Float32Array[], rate: number): number {
  return integratedOf(windowPowers(segmentEnergies(channels, rate), 4));
}

function integratedOf(momentary: number[]): number {
  const kept = gated(momentary, -10);
  return kept.length ? loudnessOf(mean(kept)) : -Infinity;
}

/** The momentary loudness (LUFS, EBU R128: the last 400 ms) of the channels' ends, as a loudness meter shows it while
 * a programme plays; what comes before the last 400 ms settles the K-weighting filters. -Infinity in silence or where
 * the channels are shorter than 400 ms. */
export function momentaryLoudness(channels: Float32Array[], rate: number): number {
  const segments = segmentEnergies(channels, rate);
  const count = segments.energies[0]?.length ?? 0;
  if (count < 4) return -Infinity;
  const last = windowPowers({ energies: segments.energies.map((e) => e.subarray(count - 4)), hop: segments.hop }, 4);
  return last[0] > 0 ? loudnessOf(last[0]) : -Infinity;
}

/** The momentary loudness (LUFS) of every 400 ms window, one every 100 ms (-Infinity where silent): `hop` and `window`
 * in samples. */
export function momentarySeries(
  channels: Float32Array[],
  rate: number,
): { loudness: Float32Array; hop: number; window: number } {
  const segments = segmentEnergies(channels, rate);
  const powers = windowPowers(segments, 4);
  return {
    loudness: Float32Array.from(powers, (p) => (p > 0 ? loudnessOf(p) : -Infinity)),
    hop: segments.hop,
    window: 4 * segments.hop,
  };
}

/** The EBU R128 loudness measures of a programme (ITU-R BS.1770-4, EBU Tech 3341 and 3342), in LUFS and LU;
 * -Infinity where there is nothing to measure (silence, or shorter than the window). */
export interface Loudness {
  integrated: number;
  /** The loudest 400 ms (momentary) and 3 s (short-term) windows, every 100 ms. */
  momentaryMax: number;
  shortTermMax: number;
  /** Loudness range: the spread between the 10th and 95th percentiles of the short-term loudness, gated (Tech 3342). */
  range: number;
}

export function loudness(channels: Float32Array[], rate: number): Loudness {
  const segments = segmentEnergies(channels, rate);
  const momentary = windowPowers(segments, 4);
  const shortTerm = windowPowers(segments, 30);
  const loudest = (ps: number[]) => (ps.length ? loudnessOf(Math.max(...ps)) : -Infinity);
  return {
    integrated: integratedOf(momentary),
    momentaryMax: loudest(momentary),
    shortTermMax: loudest(shortTerm),
    range: loudnessRange(shortTerm),
  };
}

function loudnessRange(shortTerm: number[]): number {
  const levels = gated(shortTerm, -20)
    .map(loudnessOf)
    .sort((a, b) => a - b);
  if (levels.length === 0) return -Infinity;
  const percentile = (q: number) => levels[Math.min(levels.length - 1, Math.round(q * (levels.length - 1)))];
  return percentile(0.95) - percentile(0.1);
}
