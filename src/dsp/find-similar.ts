/**
 * Find sounds like a marked one, as iZotope RX's "Find similar event" does: the user marks one sound (a cough, a
 * click, a bark, a notification) and every other stretch of the recording whose sound has the same shape in time and
 * frequency is found, whatever its level. Words play no part: the mark is the query, so it works for sounds no
 * detector knows.
 *
 * What is compared is the sound's *rise over its bed*: per band (log-spaced, BANDS of them) and frame, how many dB
 * the power stands over the bed's level there (the median of the frames around it, times SHAPE_FLOOR; 0 where it does
 * not), over the marked sound and CONTEXT_SECONDS of the quiet either side of it (so a stretch inside a longer sound is
 * not like a sound on its own). A stretch is a match where the correlation of its rises with the mark's reaches the threshold
 * (a louder copy of the sound rises further in the same cells; the correlation does not mind a shift of all of them)
 * and its rise over the bed is at most MAX_QUIETER_DB under the mark's. Measured on recordings in
 * bench/similar-bench.ts; the bed hides more of a quieter copy, which is what it misses most.
 */

import type { FrequencyBand } from './band';
import { forEachPowerSpectrum } from './spectrogram';

/** Bands between these frequencies (the upper one clipped under Nyquist). */
const MIN_HZ = 80;
const MAX_HZ = 12000;
const BANDS = 40;
/** The bed per band: the BED_QUANTILE of each block of frames, the median of those blocks within BED_SECONDS. */
const BLOCK_SECONDS = 0.5;
const BED_SECONDS = 3;
const BED_QUANTILE = 0.5;
/** Power over this many times the bed's level counts as a sound's rise over it (how loud the sound is, for the gate
 * against stretches too quiet to be one of its kind). */
const BED_MARGIN = 2;
/** A sound's shape is how far it stands over SHAPE_FLOOR times the bed (9 dB: the bed's own ups and downs, a bird
 * or a crackle in it, stay out of the shape; chosen on the development set), read between these in dB. */
const SHAPE_FLOOR = 8;
const MIN_RISE_DB = 0;
const MAX_RISE_DB = 40;
/** A mark's loudest frame rises this far over its bed's power at least (else it holds no sound to look for). */
const MIN_STANDOUT_DB = -3;
/** Frames of the mark quieter than this, under its loudest, are the bed around the sound: trimmed off the query. */
const TRIM_DB = 30;
/** A stretch more than this under the mark (in its rise over the bed) is too quiet to be one of its kind. */
const MAX_QUIETER_DB = 12;
/** Seconds of the quiet either side of the sound that belong to the query. */
const CONTEXT_SECONDS = 0.2;
/** At most this many matches are returned (the most similar). */
const MAX_MATCHES = 500;
/** The correlation a stretch needs to count as a match; chosen on the development set (bench/similar-bench.ts). */
export const SIMILAR_THRESHOLD = 0.8;
/** The studio's range for the threshold. */
export const SIMILARITY_RANGE = { min: 0.4, max: 0.95 } as const;
/** The shortest mark that holds enough of a sound to look for. */
export const MIN_MARK_SECONDS = 0.05;

export interface SimilarMatch {
  /** Samples, at the audio's rate. */
  start: number;
  end: number;
  /** The correlation with the marked sound (at most 1). */
  score: number;
}

export interface SimilarResult {
  /** The marked sound itself, trimmed to where it rises over its bed. */
  query: { start: number; end: number };
  /** The other stretches like it, in time order. */
  matches: SimilarMatch[];
}

/** The sound's rise over its bed, frame by frame (frames of `hop` samples, each `size` long). */
interface Print {
  sampleRate: number;
  size: number;
  hop: number;
  /** How many bands each frame holds (BANDS, or those of a marked frequency band). */
  bands: number;
  /** `bands` values per frame: the shape, how far the power rises over the bed (dB). */
  values: Float32Array;
  /** Per frame: the rise's power summed over bands (not compressed). */
  rise: Float64Array;
  /** Per frame: the bed's power summed over bands. */
  bedPower: Float64Array;
  frames: number;
}

/** Finds the stretches of `channels` like the sound marked by [markStart, markEnd). Throws, with a message for the
 * user, where the mark is too short or holds nothing that rises over what is around it. */
export function findSimilar(
  channels: readonly Float32Array[],
  sampleRate: number,
  markStart: number,
  markEnd: number,
  threshold = SIMILAR_THRESHOLD,
  band?: FrequencyBand,
): SimilarResult {
  return similarityTo(channels, sampleRate, markStart, markEnd, band).matches(threshold);
}

/** The similarity of every stretch of `channels` to the marked sound, to be read at any threshold. */
export function similarityTo(
  channels: readonly Float32Array[],
  sampleRate: number,
  markStart: number,
  markEnd: number,
  band?: FrequencyBand,
): { matches: (threshold: number) => SimilarResult } {
  if (markEnd - markStart < MIN_MARK_SECONDS * sampleRate)
    throw new Error(`the marked sound is under ${MIN_MARK_SECONDS * 1000} ms: mark the whole of one sound.`);
  const print = soundPrint(channels, sampleRate, band);
  const span = queryFrames(print, markStart, markEnd);
  const frameSpan = (first: number, count: number) => ({
    start: Math.max(0, first * print.hop),
    end: Math.min(channels[0].length, (first + count - 1) * print.hop + print.size),
  });
  const scores = similarity(print, span.first, span.count);
  // Reported without the quiet either side: where the sound itself is.
  const lead = span.sound.first - span.first;
  return {
    matches: (threshold) => ({
      query: frameSpan(span.sound.first, span.sound.count),
      matches: pickMatches(scores, span.first, span.count, threshold).map((m) => ({
        ...frameSpan(m.frame + lead, span.sound.count),
        score: m.score,
      })),
    }),
  };
}

/** The frame length: a power of two near 40 ms (2048 at 44.1 and 48 kHz). */
const frameSizeAt = (sampleRate: number) => 2 ** Math.round(Math.log2(sampleRate * 0.04));

/** The rise over the bed of every frame of the audio (channels' power summed), in the bands that overlap `band`
 * (a box drawn on the spectrogram: what happens at other frequencies plays no part), else in all of them. */
export function soundPrint(channels: readonly Float32Array[], sampleRate: number, band?: FrequencyBand): Print {
  const size = frameSizeAt(sampleRate);
  const hop = size / 2;
  const length = channels[0]?.length ?? 0;
  const frames = length < size ? 0 : Math.floor((length - size) / hop) + 1;
  const power = bandPowers(channels, sampleRate, size, hop, frames);
  const bed = bedLevels(power, frames, Math.max(1, Math.round((BLOCK_SECONDS * sampleRate) / hop)));
  const [low, high] = bandRange(band, sampleRate);
  const bands = high - low;
  const values = new Float32Array(frames * bands);
  const rise = new Float64Array(frames);
  const bedPower = new Float64Array(frames);
  for (let f = 0; f < frames; f++)
    for (let b = low; b < high; b++) {
      const [p, level] = [power[f * BANDS + b], bed[f * BANDS + b]];
      rise[f] += Math.max(0, p - BED_MARGIN * level);
      bedPower[f] += level;
      const db = 10 * Math.log10((p + 1e-12) / (SHAPE_FLOOR * level + 1e-12));
      values[f * bands + b - low] = Math.min(MAX_RISE_DB, Math.max(MIN_RISE_DB, db));
    }
  return { sampleRate, size, hop, bands, values, rise, bedPower, frames };
}

/** The highest frequency the bands reach at this rate. */
const topHz = (sampleRate: number) => Math.min(MAX_HZ, 0.45 * sampleRate);

/** The band of a frequency (fractional; 0 at MIN_HZ, BANDS at the top). */
const bandAt = (hz: number, sampleRate: number) =>
  (BANDS * Math.log(hz / MIN_HZ)) / Math.log(topHz(sampleRate) / MIN_HZ);

/** The bands [low, high) that overlap a frequency band (at least one), or all of them. */
function bandRange(band: FrequencyBand | undefined, sampleRate: number): [number, number] {
  if (!band) return [0, BANDS];
  const low = Math.min(BANDS - 1, Math.max(0, Math.floor(bandAt(band.lowHz, sampleRate))));
  const high = Math.min(BANDS, Math.max(low + 1, Math.ceil(bandAt(band.highHz, sampleRate))));
  return [low, high];
}

/** Each frame's power in BANDS log-spaced bands (frame-major), every channel's power added. */
function bandPowers(channels: readonly Float32Array[], sampleRate: number, size: number, hop: number, frames: number) {
  const bandOf = binBands(size, sampleRate);
  const power = new Float64Array(frames * BANDS);
  for (const x of channels)
    forEachPowerSpectrum(x, size, hop, (p, f) => {
      for (let k = 1; k < size / 2; k++) if (bandOf[k] >= 0) power[f * BANDS + bandOf[k]] += p[k];
    });
  return power;
}

/** The band of each FFT bin (-1: outside MIN_HZ-MAX_HZ); a band narrower than a bin takes the bin nearest to it. */
function binBands(size: number, sampleRate: number): Int16Array {
  const top = topHz(sampleRate);
  const bandOf = new Int16Array(size / 2).fill(-1);
  const hzPerBin = sampleRate / size;
  for (let k = 1; k < size / 2; k++) {
    const hz = k * hzPerBin;
    if (hz < MIN_HZ || hz > top) continue;
    bandOf[k] = Math.min(BANDS - 1, Math.floor(bandAt(hz, sampleRate)));
  }
  return bandOf;
}

/** The bed's level per frame and band: the BED_QUANTILE of each block of `block` frames, then per block the median
 * of the blocks within BED_SECONDS (a sound shorter than the window's half is not the bed). */
function bedLevels(power: Float64Array, frames: number, block: number): Float64Array {
  const blocks = Math.ceil(frames / block);
  const quantiles = new Float64Array(blocks * BANDS);
  const column: number[] = [];
  for (let b = 0; b < blocks; b++)
    for (let band = 0; band < BANDS; band++) {
      column.length = 0;
      for (let f = b * block; f < Math.min(frames, (b + 1) * block); f++) column.push(power[f * BANDS + band]);
      quantiles[b * BANDS + band] = quantile(column, BED_QUANTILE);
    }
  const reach = Math.max(1, Math.round(BED_SECONDS / BLOCK_SECONDS));
  const bed = new Float64Array(frames * BANDS);
  for (let b = 0; b < blocks; b++)
    for (let band = 0; band < BANDS; band++) {
      column.length = 0;
      for (let o = Math.max(0, b - reach); o <= Math.min(blocks - 1, b + reach); o++)
        column.push(quantiles[o * BANDS + band]);
      const level = quantile(column, 0.5);
      for (let f = b * block; f < Math.min(frames, (b + 1) * block); f++) bed[f * BANDS + band] = level;
    }
  return bed;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** The mark's frames, trimmed to those within TRIM_DB of its loudest rise (the sound), with CONTEXT_SECONDS either
 * side (the query). */
function queryFrames(print: Print, markStart: number, markEnd: number) {
  // Every frame whose centre is within a hop of the mark: a short sound's onset and tail are part of its shape.
  const first = Math.max(0, Math.floor((markStart - print.size / 2) / print.hop));
  const last = Math.min(print.frames - 1, Math.ceil((markEnd - print.size / 2) / print.hop));
  let loudest = 0;
  let loudestBed = 0;
  for (let f = first; f <= last; f++)
    if (print.rise[f] > loudest) [loudest, loudestBed] = [print.rise[f], print.bedPower[f]];
  // A sound stands at least MIN_STANDOUT_DB over the bed somewhere in the mark; a lone flicker of the bed does not.
  if (last < first || loudest <= 0 || loudest < loudestBed * 10 ** (MIN_STANDOUT_DB / 10))
    throw new Error('the marked stretch holds nothing that rises over the sound around it: mark one distinct sound.');
  const floor = loudest * 10 ** (-TRIM_DB / 10);
  let a = first;
  let b = last;
  while (print.rise[a] < floor) a++;
  while (print.rise[b] < floor) b--;
  // The quiet either side is part of the query too: a stretch inside a longer sound is not like a sound on its own.
  const context = Math.round((CONTEXT_SECONDS * print.sampleRate) / print.hop);
  const from = Math.max(0, a - context);
  const to = Math.min(print.frames - 1, b + context);
  return { first: from, count: to - from + 1, sound: { first: a, count: b - a + 1 } };
}

/** Per frame t: the correlation between the query's frames and the `count` frames from t (0 where that stretch rises
 * more than MAX_QUIETER_DB under the query, or not at all). */
function similarity(print: Print, first: number, count: number): Float32Array {
  const { values, rise, frames, bands } = print;
  const width = count * bands;
  const raw = values.subarray(first * bands, first * bands + width);
  const queryMean = raw.reduce((a, v) => a + v, 0) / width;
  const query = raw.map((v) => v - queryMean);
  const queryNorm = Math.sqrt(query.reduce((a, v) => a + v * v, 0));
  const queryRise = rise.subarray(first, first + count).reduce((a, v) => a + v, 0);
  const minRise = queryRise * 10 ** (-MAX_QUIETER_DB / 10);
  const squares = prefixSums(values.map((v) => v * v));
  const sums = prefixSums(values);
  const rises = prefixSums(rise);
  const scores = new Float32Array(Math.max(0, frames - count + 1));
  for (let t = 0; t < scores.length; t++) {
    if (rises[t + count] - rises[t] < minRise) continue;
    const sum = sums[(t + count) * bands] - sums[t * bands];
    const norm = Math.sqrt(Math.max(0, squares[(t + count) * bands] - squares[t * bands] - (sum * sum) / width));
    let dot = 0;
    const base = t * bands;
    for (let i = 0; i < width; i++) dot += query[i] * values[base + i];
    scores[t] = dot / (queryNorm * norm + 1e-30);
  }
  return scores;
}

function prefixSums(x: ArrayLike<number>): Float64Array {
  const sums = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) sums[i + 1] = sums[i] + x[i];
  return sums;
}

/** The best-scoring frames at or over the threshold, none overlapping another (or the query) by half its length. */
function pickMatches(scores: Float32Array, queryFrame: number, count: number, threshold: number) {
  const order = [...scores.keys()].filter((t) => scores[t] >= threshold).sort((a, b) => scores[b] - scores[a]);
  const taken = [queryFrame];
  const picked: { frame: number; score: number }[] = [];
  for (const t of order) {
    if (picked.length >= MAX_MATCHES) break;
    if (taken.some((u) => Math.abs(u - t) < count / 2)) continue;
    taken.push(t);
    picked.push({ frame: t, score: scores[t] });
  }
  return picked.sort((a, b) => a.frame - b.frame);
}
