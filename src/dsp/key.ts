/**
 * The key and mode of music, by the Krumhansl-Schmuckler method: a chroma profile (the energy of each pitch class over
 * the clip, from a long-window spectrum) correlated with Krumhansl and Kessler's major and minor key profiles in all
 * twelve rotations. Two profiles: whether there is a key at all is judged on every bin between 55 Hz and 2 kHz (drums
 * spread there and correlate poorly), which key on the spectral peaks alone between 40 Hz and 2 kHz (the partials,
 * not the skirts and noise between them; down to 40 Hz for the bass), each at its interpolated frequency. The first
 * minute decides.
 */
import { forEachPowerSpectrum } from './spectrogram';

export interface MusicalKey {
  tonic: string;
  mode: 'major' | 'minor';
  /** The winning correlation, in [-1, 1]. */
  confidence: number;
}

export const PITCH_CLASSES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'] as const;
// Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const SIZE = 4096;
interface ChromaBand {
  minHz: number;
  maxHz: number;
  /** Count only local maxima of the spectrum (the partials), not the skirts and noise between them. */
  peaks: boolean;
}
const PRESENCE: ChromaBand = { minHz: 55, maxHz: 2000, peaks: false };
const HARMONY: ChromaBand = { minHz: 40, maxHz: 2000, peaks: true };
const MAX_SECONDS = 60;
const MIN_SECONDS = 2;
/** Under this correlation the clip has no key to speak of: drum grooves score 0.33-0.44 on the rendered songs, music
 * with notes 0.59 and over (bench/music-bench.ts). */
const MIN_CONFIDENCE = 0.5;

/** Magnitude per pitch class (C = 0) over the clip, from the bins of `band`. */
export function chroma(x: Float32Array, rate: number, band: ChromaBand = PRESENCE): Float64Array {
  const out = new Float64Array(12);
  const pitchClass = Array.from({ length: SIZE / 2 }, (_, k) => {
    const hz = (k * rate) / SIZE;
    return hz < band.minHz || hz > band.maxHz ? -1 : pitchClassOf(hz);
  });
  forEachPowerSpectrum(x, SIZE, SIZE / 2, (power) => {
    for (let k = 1; k < SIZE / 2 - 1; k++) {
      if (pitchClass[k] < 0) continue;
      if (!band.peaks) out[pitchClass[k]] += Math.sqrt(power[k]);
      else if (power[k] > power[k - 1] && power[k] >= power[k + 1])
        out[pitchClassOf(peakHz(power, k, rate))] += Math.sqrt(power[k]);
    }
  });
  return out;
}

function pitchClassOf(hz: number): number {
  return (((Math.round(12 * Math.log2(hz / 440)) + 9) % 12) + 12) % 12;
}

/** Where the spectral peak at bin `k` really lies, by a parabola through the log power of it and its neighbours: a
 * bin is rate / 4096 wide (3.9 Hz at 16 kHz, 10.8 Hz at 44.1 kHz), more than a semitone low in the bass, so a bass
 * note would otherwise fall in its neighbour's class (and which one would change as the music is transposed). */
function peakHz(power: Float64Array, k: number, rate: number): number {
  const a = Math.log(power[k - 1] + 1e-30);
  const b = Math.log(power[k] + 1e-30);
  const c = Math.log(power[k + 1] + 1e-30);
  const curve = a - 2 * b + c;
  return ((curve < 0 ? k + (0.5 * (a - c)) / curve : k) * rate) / SIZE;
}

/** The key profile (of 24) that correlates best with `profile`. */
/** The key whose profile a pitch-class profile (C = 0) correlates with best. */
export function bestKey(profile: ArrayLike<number>): MusicalKey {
  let best: MusicalKey = { tonic: PITCH_CLASSES[0], mode: 'major', confidence: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    const rotated = Array.from({ length: 12 }, (_, i) => profile[(i + tonic) % 12]);
    for (const [mode, template] of [
      ['major', MAJOR],
      ['minor', MINOR],
    ] as const) {
      const r = correlation(rotated, template);
      if (r > best.confidence) best = { tonic: PITCH_CLASSES[tonic], mode, confidence: r };
    }
  }
  return best;
}

/** Pearson's correlation of two equally long profiles (0 where either is flat). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) [ma, mb] = [ma + a[i] / n, mb + b[i] / n];
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

export function estimateKey(x: Float32Array, rate: number): MusicalKey | null {
  if (x.length < MIN_SECONDS * rate) return null;
  const head = x.subarray(0, Math.min(x.length, MAX_SECONDS * rate));
  const presence = chroma(head, rate, PRESENCE);
  if (presence.every((v) => v === 0) || bestKey(presence).confidence < MIN_CONFIDENCE) return null;
  const harmony = chroma(head, rate, HARMONY);
  // Music with no spectral peak in the band keeps the broad profile's answer.
  const key = bestKey(harmony.some((v) => v > 0) ? harmony : presence);
  return { ...key, confidence: Math.max(key.confidence, 0) };
}
