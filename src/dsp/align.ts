/**
 * A take's timing aligned to a guide's, as Synchro Arts' VocAlign and a DAW's "align to guide" for doubles and
 * backing vocals: both are heard as log band energies every 10 ms (24 bands, 100 Hz to 8 kHz, each take brought to
 * its own median level so a quieter or brighter take still matches), dynamic time warping finds the cheapest path
 * between them (each step of the guide matched to a moment of the take, within ±ALIGN_REACH_SECONDS of it), the path
 * is smoothed into a time map that only moves forwards, and the take is read along it by WSOLA
 * (src/dsp/time-stretch.ts), so its words start and end where the guide's do and its pitch is kept.
 */
import { toMono } from './channels';
import { forEachPowerSpectrum } from './spectrogram';
import { warpChannels } from './time-stretch';

export const ALIGN_HOP_SECONDS = 0.01;
/** The furthest a moment of the take is moved, s. */
export const ALIGN_REACH_SECONDS = 0.25;
const BANDS = 24;
const LOW_HZ = 100;
const HIGH_HZ = 8000;
/** The path is averaged over this many steps either side: a single step's choice is noise. */
const SMOOTHING_STEPS = 4;

/** Where the take is read for each 10 ms step of the guide (seconds into the take). */
export interface Alignment {
  /** The take's time (s) for guide time k x ALIGN_HOP_SECONDS. */
  readAt: Float32Array;
}

/** The time map that puts `take` where `guide` is (both from the same start, at `rate`). */
export function alignment(guide: Float32Array[], take: Float32Array[], rate: number): Alignment {
  const [a, b] = [bandFrames(toMono(guide), rate), bandFrames(toMono(take), rate)];
  const path = warpPath(a, b, Math.round(ALIGN_REACH_SECONDS / ALIGN_HOP_SECONDS));
  return { readAt: Float32Array.from(smoothedMap(path, a.length), (j) => j * ALIGN_HOP_SECONDS) };
}

/** The take's sample read for the guide's `sample` (both from the alignment's start), between the map's steps; past
 * its last step the take goes on as it is. */
function readAtSample({ readAt }: Alignment, sample: number, step: number, rate: number): number {
  const k = Math.max(0, sample / step);
  const low = Math.min(readAt.length - 1, Math.floor(k));
  const high = Math.min(readAt.length - 1, low + 1);
  const seconds = readAt[low] + (readAt[high] - readAt[low]) * Math.min(1, k - low);
  return (seconds + Math.max(0, k - (readAt.length - 1)) * ALIGN_HOP_SECONDS) * rate;
}

/** A piece of the take starting `offset` samples after the alignment's start, read along it (its length kept; what
 * it would read from outside itself is silence). */
export function alignPiece(
  piece: Float32Array[],
  rate: number,
  readAt: readonly number[],
  offset: number,
): Float32Array[] {
  const map = Float32Array.from(readAt, (t) => t - offset / rate);
  const shifted = { readAt: map };
  const step = ALIGN_HOP_SECONDS * rate;
  // The map starts at the alignment's start: the piece's own samples are `offset` later on the guide's clock too.
  const at = (sample: number) => readAtSample(shifted, sample + offset, step, rate);
  return warpChannels(piece, piece[0]?.length ?? 0, at, rate);
}

/** Log band energies every 10 ms, each band less its median over the frames (the take's own level and colour). */
function bandFrames(x: Float32Array, rate: number): Float32Array[] {
  const size = 2 ** Math.ceil(Math.log2(0.025 * rate));
  const hop = Math.round(ALIGN_HOP_SECONDS * rate);
  const edges = Array.from({ length: BANDS + 1 }, (_, k) =>
    Math.round(((LOW_HZ * (HIGH_HZ / LOW_HZ) ** (k / BANDS)) / rate) * size),
  );
  const frames: Float32Array[] = [];
  const padded = new Float32Array(x.length + size);
  padded.set(x, size / 2); // frame f is centred on sample f x hop
  forEachPowerSpectrum(padded, size, hop, (power) => {
    const bands = new Float32Array(BANDS);
    for (let k = 0; k < BANDS; k++) {
      let sum = 0;
      for (let bin = edges[k]; bin < Math.max(edges[k] + 1, edges[k + 1]); bin++) sum += power[bin] ?? 0;
      bands[k] = Math.log10(sum + 1e-10);
    }
    frames.push(bands);
  });
  for (let k = 0; k < BANDS; k++) {
    const sorted = frames.map((f) => f[k]).sort((p, q) => p - q);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    for (const f of frames) f[k] -= median;
  }
  return frames;
}

/** The cheapest monotonic path from (0, 0) to the last frames of both, each guide frame i matched to take frames
 * within `reach` of i (Sakoe-Chiba's band): for each i, the take frames it was matched to. */
function warpPath(a: Float32Array[], b: Float32Array[], reach: number): number[][] {
  const [n, m] = [a.length, b.length];
  const width = 2 * reach + 1;
  const cost = new Float64Array(n * width).fill(Infinity);
  const from = new Int8Array(n * width); // 0: diagonal, 1: from the guide's previous frame, 2: the take's
  const cell = (i: number, j: number) => i * width + (j - i + reach);
  for (let i = 0; i < n; i++) {
    for (let j = Math.max(0, i - reach); j <= Math.min(m - 1, i + reach); j++) {
      const here = distance(a[i], b[j]);
      if (i === 0 && j === 0) {
        cost[cell(0, 0)] = here;
        continue;
      }
      const steps = [
        i > 0 && j > 0 ? cost[cell(i - 1, j - 1)] : Infinity,
        i > 0 && j - (i - 1) <= reach ? cost[cell(i - 1, j)] : Infinity,
        j > 0 && i - (j - 1) <= reach ? cost[cell(i, j - 1)] : Infinity,
      ];
      const best = steps[0] <= steps[1] && steps[0] <= steps[2] ? 0 : steps[1] <= steps[2] ? 1 : 2;
      cost[cell(i, j)] = here + steps[best];
      from[cell(i, j)] = best;
    }
  }
  const matched: number[][] = Array.from({ length: n }, () => []);
  let [i, j] = [n - 1, Math.max(n - 1 - reach, Math.min(m - 1, n - 1 + reach))];
  while (i >= 0 && j >= 0) {
    matched[i].push(j);
    if (i === 0 && j === 0) break;
    const step = from[cell(i, j)];
    if (step === 0) [i, j] = [i - 1, j - 1];
    else if (step === 1) i -= 1;
    else j -= 1;
  }
  return matched;
}

const distance = (p: Float32Array, q: Float32Array) => {
  let sum = 0;
  for (let k = 0; k < p.length; k++) sum += (p[k] - q[k]) ** 2;
  return Math.sqrt(sum);
};

/** For each guide frame, the take frame it is read at: the mean of those the path matched it to, averaged over a few
 * steps either side, made to move forwards only. */
function smoothedMap(matched: number[][], n: number): Float64Array {
  const raw = Float64Array.from(matched, (js) => js.reduce((s, j) => s + j, 0) / Math.max(1, js.length));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [lo, hi] = [Math.max(0, i - SMOOTHING_STEPS), Math.min(n - 1, i + SMOOTHING_STEPS)];
    let sum = 0;
    for (let k = lo; k <= hi; k++) sum += raw[k] - k; // the offset, so a steady lead is kept at the ends
    out[i] = i + sum / (hi - lo + 1);
    if (i > 0) out[i] = Math.max(out[i], out[i - 1]);
  }
  return out;
}
