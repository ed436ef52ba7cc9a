/**
 * A look-ahead peak limiter, as Audacity's Limiter or RX's Maximizer: no sample of any channel goes over the ceiling,
 * and the gain that holds the peaks down moves smoothly, with no clipped tops. The gain a sample needs (the ceiling
 * over its loudest channel, 1 where it is under) is taken as the least over LOOKAHEAD_S either side, let back up
 * towards 1 no faster than the release allows, then averaged over LOOKAHEAD_S either side: each average holds only
 * gains at or under the one the sample needs, so the ceiling holds exactly, and the gain starts down LOOKAHEAD_S before
 * a peak instead of cutting it. All channels get the same gain, so the stereo image stays where it was. Sample peaks:
 * between samples a waveform can rise a little higher (up to about 0.5 dB in music), so leave a decibel for lossy
 * encoders.
 */

export interface Limiting {
  /** No sample goes over this, dBFS. */
  ceilingDb: number;
  /** How long the gain takes to come most of the way back (1 - 1/e) after a peak, ms. */
  releaseMs: number;
}

/** The settings the studio offers. */
export const CEILING_DB = { min: -30, max: 0 } as const;
export const RELEASE_MS = { min: 1, max: 1000 } as const;

/** How far ahead of a peak the gain starts down (and how long it takes to get there). */
const LOOKAHEAD_S = 0.005;

/** The channels limited (new arrays), and how far the gain went down at most (dB, 0 where nothing was over). */
export function limit(
  channels: readonly Float32Array[],
  rate: number,
  { ceilingDb, releaseMs }: Limiting,
): { channels: Float32Array[]; reductionDb: number } {
  const ceiling = 10 ** (ceilingDb / 20);
  const length = channels[0]?.length ?? 0;
  const needed = new Float64Array(length);
  let over = false;
  for (let n = 0; n < length; n++) {
    let peak = 0;
    for (const c of channels) peak = Math.max(peak, Math.abs(c[n]));
    needed[n] = peak > ceiling ? ceiling / peak : 1;
    over ||= peak > ceiling;
  }
  if (!over) return { channels: channels.map((c) => Float32Array.from(c)), reductionDb: 0 };
  const reach = Math.max(1, Math.round(LOOKAHEAD_S * rate));
  const held = released(windowMinimum(needed, reach), 1 - Math.exp(-1000 / (releaseMs * rate)));
  const gain = windowMean(held, reach);
  let least = 1;
  const out = channels.map((c) =>
    c.map((v, n) => {
      least = Math.min(least, gain[n]);
      // The averages hold the ceiling exactly; rounding may not.
      return Math.max(-ceiling, Math.min(ceiling, v * gain[n]));
    }),
  );
  return { channels: out, reductionDb: -20 * Math.log10(least) };
}

/** The least of g over [n - reach, n + reach] at each n (a monotonic queue: linear time). */
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

/** g let back up towards 1 by at most `step` of the way each sample (never above g itself). */
function released(g: Float64Array, step: number): Float64Array {
  const out = new Float64Array(g.length);
  let level = 1;
  for (let n = 0; n < g.length; n++) {
    level = Math.min(g[n], level + (1 - level) * step);
    out[n] = level;
  }
  return out;
}

/** The mean of g over [n - reach, n + reach] at each n (beyond its ends, its end values: each already holds the
 * least gain any sample within reach of it needs). */
function windowMean(g: Float64Array, reach: number): Float64Array {
  const out = new Float64Array(g.length);
  const at = (n: number) => g[Math.max(0, Math.min(g.length - 1, n))];
  let sum = 0;
  for (let n = -reach; n <= reach; n++) sum += at(n);
  const width = 2 * reach + 1;
  for (let n = 0; n < g.length; n++) {
    out[n] = sum / width;
    sum += at(n + reach + 1) - at(n - reach);
  }
  return out;
}
