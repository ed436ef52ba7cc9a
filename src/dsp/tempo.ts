/**
 * The tempo of music, by the classic route (Ellis 2007, "Beat tracking by dynamic programming", its tempo estimate):
 * an onset strength envelope (the rise of log magnitude per frequency band, summed, its local mean taken away) and its
 * autocorrelation, weighted by a log-normal preference for beat periods around 120 BPM so that a half or double tempo
 * loses to the one people tap; where every other pulse is much quieter (hats between the beats), the loud ones are
 * the beat; where nothing pulses at beat rate but the onsets repeat at bar length (held chords), the bar is read as
 * four beats. The first minute decides (music keeps its tempo; memory stays small on long clips).
 */
import { forEachPowerSpectrum } from './spectrogram';

export interface Tempo {
  bpm: number;
  /** Where the first beat falls, in seconds from the clip's start (the beat grid's phase), under one beat. */
  firstBeat: number;
  /** The autocorrelation at the period heard (the beat's, or the bar's) over its value at lag 0: how periodic the
   * onsets are, in [0, 1]. */
  confidence: number;
}

const SIZE = 1024;
const BANDS = 40;
const MIN_BPM = 40;
const MAX_BPM = 240;
const PRIOR_BPM = 120;
const PRIOR_OCTAVES = 1;
const MAX_SECONDS = 60;
const MIN_SECONDS = 4;
/** Below this the onsets are not periodic enough to call a tempo. */
const MIN_CONFIDENCE = 0.1;
/** Bars are sought up to this long, and called where the onsets repeat at bar length at least this clearly. */
const MAX_BAR_SECONDS = 6;
const MIN_BAR_CONFIDENCE = 0.3;
const BEATS_PER_BAR = 4;

export interface Onsets {
  /** Onset strength per frame: summed rises of log band magnitudes. */
  strength: Float32Array;
  /** Each frame's level in dB (its power summed over the bands): how loud a pulse is, not how new. */
  level: Float32Array;
}

/** Onset strength and level per frame of `hop` samples. */
export function onsets(x: Float32Array, hop: number): Onsets {
  const frames = Math.max(0, Math.floor((x.length - SIZE) / hop) + 1);
  const strength = new Float32Array(frames);
  const level = new Float32Array(frames);
  const edges = Array.from({ length: BANDS + 1 }, (_, b) => Math.round(2 * (SIZE / 2 / 2) ** (b / BANDS))); // log-spaced bins
  let previous = new Float64Array(BANDS);
  forEachPowerSpectrum(x, SIZE, hop, (power, f) => {
    const bands = new Float64Array(BANDS);
    let total = 0;
    for (let b = 0; b < BANDS; b++) {
      let energy = 0;
      for (let k = edges[b]; k < Math.max(edges[b] + 1, edges[b + 1]); k++) energy += power[k];
      bands[b] = Math.log(1e-10 + energy);
      total += energy;
    }
    let rise = 0;
    if (f > 0) for (let b = 0; b < BANDS; b++) rise += Math.max(0, bands[b] - previous[b]);
    strength[f] = rise;
    level[f] = 10 * Math.log10(1e-10 + total);
    previous = bands;
  });
  return { strength, level };
}

export function estimateTempo(x: Float32Array, rate: number): Tempo | null {
  if (x.length < MIN_SECONDS * rate) return null;
  const hop = Math.round(rate / 62.5); // 16 ms frames
  const fps = rate / hop;
  const { strength, level } = onsets(x.subarray(0, Math.min(x.length, MAX_SECONDS * rate)), hop);
  const env = onsetEnvelope(strength, fps);
  const acf = (lag: number) => {
    let s = 0;
    for (let i = lag; i < env.length; i++) s += env[i] * env[i - lag];
    return s;
  };
  const zero = acf(0);
  if (zero <= 0) return null;
  const prior = (lag: number) => Math.exp(-0.5 * (Math.log2((60 * fps) / lag / PRIOR_BPM) / PRIOR_OCTAVES) ** 2);
  const beat = strongestPeriod(acf, Math.floor((60 * fps) / MAX_BPM), Math.ceil((60 * fps) / MIN_BPM), prior);
  // A frame's onset sits at the middle of its window.
  const seconds = (frames: number) => (frames * hop + SIZE / 2) / rate;
  if (beat.value / zero >= MIN_CONFIDENCE) {
    let period = beat.period;
    let phase = beatPhase(env, period);
    // Hats on the off-beats make the half-beat as periodic as the beat; what tells them apart is that every other
    // pulse is much quieter. Where it is, the loud pulses are the beat.
    const loud = louderOfAlternate(level, period, phase);
    if ((60 * fps) / (2 * period) >= MIN_OFFBEAT_BPM && loud !== null) {
      period *= 2;
      phase = loud;
    }
    return { bpm: (60 * fps) / period, confidence: beat.value / zero, firstBeat: seconds(phase) };
  }
  // No pulse at beat rate (held chords, one per bar): the bar, if the onsets repeat at bar length, read as four beats
  // (most music's meter, and what DAWs assume; a waltz is then heard 4/3 too fast).
  const longest = Math.min(Math.round(MAX_BAR_SECONDS * fps), Math.floor(env.length / 2));
  const bar = strongestPeriod(acf, Math.ceil((60 * fps) / MIN_BPM), longest, () => 1);
  if (bar.period === 0 || bar.value / zero < MIN_BAR_CONFIDENCE) return null;
  const beatPeriod = bar.period / BEATS_PER_BAR;
  return {
    bpm: (60 * fps) / beatPeriod,
    confidence: bar.value / zero,
    firstBeat: seconds(beatPhase(env, bar.period) % beatPeriod),
  };
}

/** The rises of onset strength over its local mean (about 1 s), centred so that a steady stream of onsets (noise)
 * correlates with nothing. */
function onsetEnvelope(strength: Float32Array, fps: number): Float64Array {
  const half = Math.round(fps / 2);
  const env = new Float64Array(strength.length);
  for (let i = 0; i < strength.length; i++) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j < Math.min(strength.length, i + half + 1); j++, n++) sum += strength[j];
    env[i] = Math.max(0, strength[i] - sum / n);
  }
  const mean = env.reduce((a, v) => a + v, 0) / Math.max(1, env.length);
  for (let i = 0; i < env.length; i++) env[i] -= mean;
  return env;
}

/** The lag in [lo, hi] where the autocorrelation, times `weight`, peaks, placed between frames by a parabola through
 * the peak and its neighbours; `value` is the autocorrelation there. A period of 0 when the range is empty. */
function strongestPeriod(
  acf: (lag: number) => number,
  lo: number,
  hi: number,
  weight: (lag: number) => number,
): { period: number; value: number } {
  if (hi < lo) return { period: 0, value: 0 };
  const raw = new Float64Array(hi - lo + 3);
  for (let lag = lo - 1; lag <= hi + 1; lag++) raw[lag - lo + 1] = acf(lag);
  const at = (lag: number) => raw[lag - lo + 1];
  let best = lo;
  for (let lag = lo; lag <= hi; lag++) if (at(lag) * weight(lag) > at(best) * weight(best)) best = lag;
  const [a, b, c] = [at(best - 1), at(best), at(best + 1)];
  const shift = a - 2 * b + c < 0 ? (0.5 * (a - c)) / (a - 2 * b + c) : 0;
  return { period: best + shift, value: b };
}

/** Where every other pulse is this much quieter (dB, on average) than the rest, the quieter ones are off-beats. */
const OFFBEAT_DB = 10;
/** A beat heard by halving is kept only this fast or faster: slower tempos are rare, and a melody's long notes leave
 * every other beat quiet too. */
const MIN_OFFBEAT_BPM = 50;

/**
 * Where every other pulse of the train at `period` from `phase` is much quieter than the rest, the phase (frames) of
 * the louder ones; else null. A pulse's loudness is the frame level's peak within two frames of it.
 */
function louderOfAlternate(level: Float32Array, period: number, phase: number): number | null {
  const sums = [0, 0];
  const counts = [0, 0];
  for (let k = 0, t = phase; t < level.length; k++, t += period) {
    const at = Math.round(t);
    let peak = -Infinity;
    for (let i = Math.max(0, at - 2); i <= Math.min(level.length - 1, at + 2); i++) peak = Math.max(peak, level[i]);
    sums[k % 2] += peak;
    counts[k % 2]++;
  }
  if (counts[1] < 2) return null;
  const [even, odd] = [sums[0] / counts[0], sums[1] / counts[1]];
  if (Math.abs(even - odd) < OFFBEAT_DB) return null;
  return even >= odd ? phase : phase + period;
}

/** The offset (frames, under one period) of the comb of beats that lands on the most onset strength. */
function beatPhase(env: Float64Array, period: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let phase = 0; phase < period; phase++) {
    let score = 0;
    for (let t = phase; t < env.length; t += period) score += env[Math.round(t)] ?? 0;
    if (score > bestScore) {
      bestScore = score;
      best = phase;
    }
  }
  return best;
}
