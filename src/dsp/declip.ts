/**
 * De-clip, as iZotope RX's and Audition's DeClipper do it: a recording driven past full scale (or past a converter's or
 * a limiter's ceiling) has its waveform's tops cut flat. Where a channel was cut is found from its level histogram:
 * clipped tops pile up at the channel's extreme (a spike), where an unclipped recording thins out towards its peak.
 * Each run of clipped samples is then drawn again from the audio around it by least-squares autoregressive
 * interpolation (Janssen, Veldhuis and Vries, 1986): an all-pole model of the neighbourhood's spectrum predicts the
 * missing samples so that the model's prediction error over the whole stretch is smallest. The restored samples are
 * held at or beyond the level they were cut at (the true waveform went past it); a sample the model draws inside
 * that level stays at the level and the rest are drawn again. Nothing else changes: unclipped samples are kept
 * bit for bit, and a channel with no clipping is returned as it was.
 */
import { allPoleModel, autocorrelation, interpolate } from './autoregressive';

/** Where one channel is cut: samples at or over `high`, or at or under `low`, are clipped (null: that side is not). */
export interface ClipLevels {
  high: number | null;
  low: number | null;
}

export interface ClippingFound {
  /** Per channel. */
  levels: ClipLevels[];
  /** Clipped samples over all channels, and the runs they form. */
  samples: number;
  runs: number;
}

/** The order of the all-pole model: 32 poles follow a recording's spectrum to within a few dB at 44.1 kHz (chosen
 * on the development set, bench/declip-bench.ts). */
export const DECLIP_ORDER = 32;
/** Audio either side of a clipped stretch that the model is fitted to, in samples (at least; longer stretches see
 * twice their length). */
const CONTEXT = 1024;
/** Clipped runs closer than this many samples are drawn together (their models would overlap). */
const JOIN_GAP = 2 * DECLIP_ORDER;
/** A channel's top is a pile of clipped samples when the band of this width under its peak (a fraction of the peak,
 * the narrowest first: exact clipping, then clipping smeared by a lossy codec or a resampler) holds... */
const TOP_BANDS = [0.001, 0.003, 0.01, 0.03];
/** ...at least this many samples, more than twice those in the band twice as wide under it, and... */
const MIN_CLIPPED = 8;
const SPIKE_RATIO = 2;
/** ...a fifth of them following another (a clipped top stays flat for a while; a sharp natural peak does not; a
 * broadband sound cut lightly leaves many single-sample runs, so no more is asked). */
const MIN_RUN_SHARE = 0.2;
/** Rounds of fixing samples drawn inside their clip level and drawing the rest again... */
const CONSTRAINT_ROUNDS = 6;
/** ...then sweeps that draw each clipped sample again given the others (chosen on the development set). */
const SWEEPS = 200;
/** ...or until no sample moves by more than this share of the clip level in a sweep. */
const SETTLED = 1e-4;
/** A restored sample goes at most this many times past its clip level (+9.5 dB): beyond it the model is guessing
 * (a gunshot's onset out of the quiet before it), and an unbounded guess was worse than the cut (development set). */
const MAX_RISE = 3;

/** Where every channel is clipped. */
export function findClipping(channels: readonly Float32Array[]): ClippingFound {
  const levels = channels.map((x) => ({ high: clipLevel(x, 1), low: clipLevel(x, -1) }));
  let samples = 0;
  let runs = 0;
  channels.forEach((x, c) => {
    const found = clippedRuns(x, levels[c]);
    runs += found.length;
    for (const [start, end] of found) samples += end - start;
  });
  return { levels, samples, runs };
}

/** The channels with their clipped runs drawn again (new arrays; a channel with none is the same array). */
export function declip(channels: readonly Float32Array[], found = findClipping(channels)): Float32Array[] {
  return channels.map((x, c) => {
    const runs = clippedRuns(x, found.levels[c]);
    if (runs.length === 0) return x;
    const out = Float32Array.from(x);
    for (const stretch of joinRuns(runs)) restoreStretch(out, stretch, found.levels[c]);
    return out;
  });
}

/** The level one side of a channel is cut at (`sign` 1: its tops, -1: its bottoms), or null where it is not. */
function clipLevel(x: Float32Array, sign: 1 | -1): number | null {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, sign * x[i]);
  if (peak === 0) return null;
  const bands = TOP_BANDS.map((band) => ({ level: peak * (1 - band), under: peak * (1 - 3 * band) }));
  const top = bands.map(() => 0);
  const below = bands.map(() => 0);
  const followOn = bands.map(() => 0); // samples over the level whose predecessor is over it too
  const lowest = bands[bands.length - 1].under; // nothing under the widest band's floor counts anywhere
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = sign * x[i];
    if (v < lowest) {
      previous = v;
      continue;
    }
    for (let b = 0; b < bands.length; b++) {
      if (v >= bands[b].level) {
        top[b]++;
        if (previous >= bands[b].level) followOn[b]++;
      } else if (v >= bands[b].under) below[b]++;
    }
    previous = v;
  }
  // Runs of length n have n - 1 follow-ons.
  const b = bands.findIndex(
    (_, b) => top[b] >= MIN_CLIPPED && top[b] > SPIKE_RATIO * below[b] && followOn[b] >= MIN_RUN_SHARE * top[b],
  );
  return b < 0 ? null : sign * bands[b].level;
}

const isClipped = (v: number, levels: ClipLevels) =>
  (levels.high !== null && v >= levels.high) || (levels.low !== null && v <= levels.low);

/** The runs [start, end) of clipped samples, in order. */
function clippedRuns(x: Float32Array, levels: ClipLevels): [number, number][] {
  const runs: [number, number][] = [];
  if (levels.high === null && levels.low === null) return runs;
  for (let i = 0; i < x.length; i++) {
    if (!isClipped(x[i], levels)) continue;
    const start = i;
    while (i + 1 < x.length && isClipped(x[i + 1], levels)) i++;
    runs.push([start, i + 1]);
  }
  return runs;
}

/** Runs close enough to share a model, as stretches holding their runs. */
function joinRuns(runs: [number, number][]): [number, number][][] {
  const stretches: [number, number][][] = [];
  for (const run of runs) {
    const last = stretches.at(-1);
    if (last && run[0] - last[last.length - 1][1] < JOIN_GAP) last.push(run);
    else stretches.push([run]);
  }
  return stretches;
}

/** Draws one stretch's clipped samples again in `x`, in place. */
function restoreStretch(x: Float32Array, runs: [number, number][], levels: ClipLevels): void {
  const start = runs[0][0];
  const end = runs[runs.length - 1][1];
  const reach = Math.max(CONTEXT, 2 * (end - start));
  const isMissing = (t: number) => isClipped(x[t], levels);
  const poles = allPoleModel(x, Math.max(0, start - reach), Math.min(x.length, end + reach), DECLIP_ORDER, isMissing);
  if (!poles) return; // nothing around it to learn from (a clip that is all clipped)
  const taps = autocorrelation(poles, poles.length - 1);
  const clipped = runs.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k));
  // The level each sample was cut at: the true waveform went at least that far.
  const bound = clipped.map((i) => (x[i] > 0 ? (levels.high as number) : (levels.low as number)));
  const beyond = (k: number, v: number) => (bound[k] > 0 ? v >= bound[k] : v <= bound[k]);
  let free = clipped.map((_, k) => k);
  for (let round = 0; round < CONSTRAINT_ROUNDS && free.length > 0; round++) {
    const drawn = interpolate(
      x,
      free.map((k) => clipped[k]),
      taps,
    );
    const inside = free.filter((k, j) => !beyond(k, drawn[j]));
    free.forEach((k, j) => {
      x[clipped[k]] = beyond(k, drawn[j]) ? drawn[j] : bound[k];
    });
    if (inside.length === 0) break;
    // Those drawn inside their level stay at it, known from now on; the others are drawn again around them.
    const fixed = new Set(inside);
    free = free.filter((k) => !fixed.has(k));
  }
  settle(x, clipped, taps, bound);
}

/** Projected Gauss-Seidel sweeps over the clipped samples at `clipped` (cut at `bound`): each drawn as the value that
 * makes the prediction error smallest given all the others, held past its level and at most MAX_RISE times it. It
 * only lowers the error, from where the rounds of restoreStretch left it. */
function settle(x: Float32Array, clipped: number[], taps: Float64Array, bound: number[]): void {
  const p = taps.length - 1;
  const settled = SETTLED * Math.abs(bound[0]);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    let moved = 0;
    clipped.forEach((i, k) => {
      let sum = 0;
      for (let j = Math.max(0, i - p); j <= Math.min(x.length - 1, i + p); j++)
        if (j !== i) sum += taps[Math.abs(i - j)] * x[j];
      const v = -sum / taps[0];
      const limit = MAX_RISE * Math.abs(bound[k]);
      const next = (bound[k] > 0 ? v >= bound[k] : v <= bound[k]) ? Math.max(-limit, Math.min(limit, v)) : bound[k];
      moved = Math.max(moved, Math.abs(next - x[i]));
      x[i] = next;
    });
    if (moved < settled) return;
  }
}
