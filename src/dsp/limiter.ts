/**
 * A look-ahead peak limiter, as Audacity's Limiter or RX's Maximizer: no sample of any channel goes over the ceiling,
 * and the gain that holds the peaks down moves smoothly, with no clipped tops. The gain a sample needs (the ceiling
 * over its loudest channel, 1 where it is under) is taken as the least over LOOKAHEAD_S either side, let back up
 * towards 1 no faster than the release allows, then averaged over LOOKAHEAD_S either side: each average holds only
 * gains at or under the one the sample needs, so the ceiling holds exactly, and the gain starts down LOOKAHEAD_S before
 * a peak instead of cutting it. All channels get the same gain, so the stereo image stays where it was. Sample peaks
 * by default: between samples a waveform can rise a little higher (up to about 0.5 dB in music, 3 dB at a quarter of
 * the rate), so leave a decibel for lossy encoders; or true peaks (`truePeak`), where each sample's level counts the
 * points drawn either side of it (BS.1770-4's oversampling, src/dsp/true-peak.ts), as a delivery spec in dBTP asks.
 */
import { interSampleLevels, truePeak as truePeakOf } from './true-peak';

export interface Limiting {
  /** No sample goes over this, dBFS. */
  ceilingDb: number;
  /** How long the gain takes to come most of the way back (1 - 1/e) after a peak, ms. */
  releaseMs: number;
  /** Hold the true peak (between samples too) under the ceiling, not only the samples. */
  truePeak?: boolean;
}

/** The settings the studio offers. */
export const CEILING_DB = { min: -30, max: 0 } as const;
export const RELEASE_MS = { min: 1, max: 1000 } as const;
/** What a ceiling can hold: the samples, or the true peaks between them too. */
export const LIMIT_PEAKS = ['sample', 'true'] as const;
export type LimitPeaks = (typeof LIMIT_PEAKS)[number];

/** How far ahead of a peak the gain starts down (and how long it takes to get there). */
export const LOOKAHEAD_S = 0.005;

/** Samples worked on at a time, so an hour's recording needs no hour-long working arrays. */
const CHUNK = 1 << 16;

/** The channels limited (new arrays), and how far the gain went down at most (dB, 0 where nothing was over). */
export function limit(
  channels: readonly Float32Array[],
  rate: number,
  { ceilingDb, releaseMs, truePeak = false }: Limiting,
  chunk = CHUNK,
): { channels: Float32Array[]; reductionDb: number } {
  const ceiling = 10 ** (ceilingDb / 20);
  const length = channels[0]?.length ?? 0;
  const out = channels.map((c) => Float32Array.from(c));
  const peak = truePeak ? truePeakOf([...channels], rate) : Math.max(0, ...channels.map(samplePeak));
  if (!(peak > ceiling)) return { channels: out, reductionDb: 0 };
  const needs = (from: number, to: number) => gainsNeeded(channels, rate, ceiling, truePeak, from, to);
  const reach = Math.max(1, Math.round(LOOKAHEAD_S * rate));
  const step = 1 - Math.exp(-1000 / (releaseMs * rate));
  let level = 1; // the released gain at the sample before the chunk
  let before = new Float64Array(0); // the released gain over the `reach` samples before the chunk
  let least = 1;
  for (let start = 0; start < length; start += chunk) {
    const end = Math.min(length, start + chunk);
    const ahead = Math.min(length, end + reach);
    // The gain each sample needs over [start - reach, ahead + reach), the least within reach, released.
    const needed = needs(start - reach, ahead + reach);
    const leastNear = windowMinimum(needed, reach).subarray(reach, reach + ahead - start);
    const held = new Float64Array(ahead - start);
    let running = level;
    for (let i = 0; i < held.length; i++) {
      running = Math.min(leastNear[i], running + (1 - running) * step);
      held[i] = running;
      if (start + i === end - 1) level = running;
    }
    // Averaged over reach either side (beyond the recording's ends, its end values).
    const heldAt = (n: number) => {
      const m = Math.max(0, Math.min(length - 1, n));
      return m >= start ? held[m - start] : before[m - (start - before.length)];
    };
    let sum = 0;
    for (let n = start - reach; n <= start + reach; n++) sum += heldAt(n);
    for (let n = start; n < end; n++) {
      const gain = sum / (2 * reach + 1);
      least = Math.min(least, gain);
      // The averages hold the ceiling exactly; rounding may not.
      for (const c of out) c[n] = Math.max(-ceiling, Math.min(ceiling, c[n] * gain));
      if (n + 1 < end) sum += heldAt(n + reach + 1) - heldAt(n - reach);
    }
    before = held.slice(Math.max(0, end - start - reach), end - start);
  }
  return { channels: out, reductionDb: -20 * Math.log10(least) };
}

function samplePeak(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  return peak;
}

/** The gain each sample of [from, to) needs to stay under the ceiling (beyond the recording's ends, its end samples'). */
function gainsNeeded(
  channels: readonly Float32Array[],
  rate: number,
  ceiling: number,
  truePeak: boolean,
  from: number,
  to: number,
): Float64Array {
  const length = channels[0].length;
  const lo = Math.max(0, Math.min(length - 1, from));
  const hi = Math.max(lo + 1, Math.min(length, to));
  let levels: Float64Array;
  if (truePeak) levels = interSampleLevels(channels, rate, lo, hi, ceiling);
  else {
    levels = new Float64Array(hi - lo);
    for (const c of channels)
      for (let i = 0; i < levels.length; i++) levels[i] = Math.max(levels[i], Math.abs(c[lo + i]));
  }
  return Float64Array.from({ length: to - from }, (_, i) => {
    const level = levels[Math.max(0, Math.min(hi - lo - 1, from + i - lo))];
    return level > ceiling ? ceiling / level : 1;
  });
}

/** The least of g over [n - reach, n + reach] at each n inside g (a monotonic queue: linear time). */
function windowMinimum(g: Float64Array, reach: number): Float64Array {
  const out = new Float64Array(g.length);
  const queue = new Int32Array(g.length);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let n = 0; n < g.length; n++) {
    for (; next < Math.min(g.length, n + reach + 1); next++) {
      while (tail > head && g[queue[tail - 1]] >= g[next]) tail--;
      queue[tail++] = next;
    }
    while (queue[head] < n - reach) head++;
    out[n] = g[queue[head]];
  }
  return out;
}
