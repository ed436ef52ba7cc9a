/**
 * The tempo of music, by the classic route (Ellis 2007, "Beat tracking by dynamic programming", its tempo estimate):
 * an onset strength envelope (the rise of log magnitude per frequency band, summed, its local mean taken away) and its
 * autocorrelation, weighted by a log-normal preference for beat periods around 120 BPM so that a half or double tempo
 * loses to the one people tap. The first minute decides (music keeps its tempo; memory stays small on long clips).
 */
import { forEachPowerSpectrum } from './spectrogram';

export interface Tempo {
  bpm: number;
  /** Where the first beat falls, in seconds from the clip's start (the beat grid's phase), under one beat. */
  firstBeat: number;
  /** The autocorrelation at the beat period over its value at lag 0: how periodic the onsets are, in [0, 1]. */
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

/** Onset strength per frame of `hop` samples: summed rises of log band magnitudes. */
export function onsetStrength(x: Float32Array, hop: number): Float32Array {
  const out = new Float32Array(Math.max(0, Math.floor((x.length - SIZE) / hop) + 1));
  const edges = Array.from({ length: BANDS + 1 }, (_, b) => Math.round(2 * (SIZE / 2 / 2) ** (b / BANDS))); // log-spaced bins
  let previous = new Float64Array(BANDS);
  forEachPowerSpectrum(x, SIZE, hop, (power, f) => {
    const bands = new Float64Array(BANDS);
    for (let b = 0; b < BANDS; b++) {
      let energy = 0;
      for (let k = edges[b]; k < Math.max(edges[b] + 1, edges[b + 1]); k++) energy += power[k];
      bands[b] = Math.log(1e-10 + energy);
    }
    let rise = 0;
    if (f > 0) for (let b = 0; b < BANDS; b++) rise += Math.max(0, bands[b] - previous[b]);
    out[f] = rise;
    previous = bands;
  });
  return out;
}

export function estimateTempo(x: Float32Array, rate: number): Tempo | null {
  if (x.length < MIN_SECONDS * rate) return null;
  const hop = Math.round(rate / 62.5); // 16 ms frames
  const fps = rate / hop;
  const onsets = onsetStrength(x.subarray(0, Math.min(x.length, MAX_SECONDS * rate)), hop);
  // Take away the local mean (about 1 s), keep the rises.
  const half = Math.round(fps / 2);
  const env = new Float64Array(onsets.length);
  for (let i = 0; i < onsets.length; i++) {
    let sum = 0,
      n = 0;
    for (let j = Math.max(0, i - half); j < Math.min(onsets.length, i + half + 1); j++, n++) sum += onsets[j];
    env[i] = Math.max(0, onsets[i] - sum / n);
  }
  // Centred, so that a steady stream of onsets (noise) correlates with nothing.
  const mean = env.reduce((a, v) => a + v, 0) / Math.max(1, env.length);
  for (let i = 0; i < env.length; i++) env[i] -= mean;
  const acf = (lag: number) => {
    let s = 0;
    for (let i = lag; i < env.length; i++) s += env[i] * env[i - lag];
    return s;
  };
  const zero = acf(0);
  if (zero <= 0) return null;
  const minLag = Math.floor((60 * fps) / MAX_BPM),
    maxLag = Math.ceil((60 * fps) / MIN_BPM);
  const raw = new Float64Array(maxLag + 2);
  for (let lag = minLag - 1; lag <= maxLag + 1; lag++) raw[lag] = acf(lag);
  const weight = (lag: number) => Math.exp(-0.5 * (Math.log2((60 * fps) / lag / PRIOR_BPM) / PRIOR_OCTAVES) ** 2);
  let best = minLag;
  for (let lag = minLag; lag <= maxLag; lag++) if (raw[lag] * weight(lag) > raw[best] * weight(best)) best = lag;
  // A parabola through the peak and its neighbours places the period between frames.
  const [a, b, c] = [raw[best - 1], raw[best], raw[best + 1]];
  const shift = a - 2 * b + c < 0 ? (0.5 * (a - c)) / (a - 2 * b + c) : 0;
  const confidence = b / zero;
  if (confidence < MIN_CONFIDENCE) return null;
  const period = best + shift;
  const phase = beatPhase(env, period);
  // A frame's onset sits at the middle of its window.
  return { bpm: (60 * fps) / period, confidence, firstBeat: (phase * hop + SIZE / 2) / rate };
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
