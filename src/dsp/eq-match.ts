/**
 * EQ Match, as RX's EQ Match and Ozone's Match EQ: a recording made to sound like a reference (a second take matched
 * to the first, a room or a microphone matched to another). The mean spectra of the reference and of the selection
 * (src/dsp/noise-reduction.ts `meanSpectrum`) are each smoothed over a third of an octave, so the match follows the
 * tonal balance rather than single notes; the selection's gain per frequency is the reference's level over its own,
 * held within +/-MATCH_LIMIT_DB and shifted so the selection's power stays as it was (matching changes the colour,
 * not the loudness). The gains are applied frame by frame (the fixed filter of noise reduction's overlap-add).
 */
import { filterFrames, type NoiseProfile } from './noise-reduction';

export interface EqMatch {
  sampleRate: number;
  /** The frame the gains were worked out for. */
  size: number;
  /** Amplitude gain per bin (size / 2 + 1 values). */
  gains: number[];
}

export const MATCH_LIMIT_DB = 18;
/** Half a third of an octave either side of each bin. */
const SMOOTH_OCTAVES = 1 / 6;

/** The power spectrum averaged over a third of an octave around each bin (at least the bins either side). */
export function thirdOctaveSmoothed(power: readonly number[]): number[] {
  const sums = [0];
  for (const p of power) sums.push(sums[sums.length - 1] + p);
  return power.map((_, k) => {
    const from = Math.max(0, Math.min(k - 1, Math.floor(k / 2 ** SMOOTH_OCTAVES)));
    const to = Math.min(power.length - 1, Math.max(k + 1, Math.ceil(k * 2 ** SMOOTH_OCTAVES)));
    return (sums[to + 1] - sums[from]) / (to - from + 1);
  });
}

/** The gains that give `target`'s spectrum the tonal balance of `reference`'s, its power kept. */
export function matchGains(reference: NoiseProfile, target: NoiseProfile): EqMatch {
  if (reference.sampleRate !== target.sampleRate || reference.size !== target.size)
    throw new Error(`The reference was taken at ${reference.sampleRate} Hz: take it again at ${target.sampleRate} Hz.`);
  const ref = thirdOctaveSmoothed(reference.power);
  const own = thirdOctaveSmoothed(target.power);
  const tiny = 1e-20;
  const db = own.map((p, k) => 10 * Math.log10((ref[k] + tiny) / (p + tiny)));
  // Shifted so the selection's power through the gains equals its power now, then held within the limit, then that
  // power kept once more (the limit costs a little of it).
  const keepPower = (gains: number[]) => {
    const before = target.power.reduce((sum, p) => sum + p, 0);
    const after = target.power.reduce((sum, p, k) => sum + p * gains[k] ** 2, 0);
    const scale = before > 0 && after > 0 ? Math.sqrt(before / after) : 1;
    return gains.map((g) => g * scale);
  };
  const limit = 10 ** (MATCH_LIMIT_DB / 20);
  const held = keepPower(db.map((d) => 10 ** (d / 20))).map((g) => Math.max(1 / limit, Math.min(limit, g)));
  return { sampleRate: target.sampleRate, size: target.size, gains: keepPower(held) };
}

/** The channels through the match's gains (new arrays, the same length). */
export function matchEq(channels: readonly Float32Array[], sampleRate: number, m: EqMatch): Float32Array[] {
  if (m.sampleRate !== sampleRate)
    throw new Error(`The match was worked out at ${m.sampleRate} Hz; work it out again at ${sampleRate} Hz.`);
  const gains = Float64Array.from(m.gains);
  return filterFrames(channels, m.size, () => gains).channels;
}

/** The most the match raises and lowers between 50 Hz and 16 kHz (dB) and where, for the notice. */
export function matchExtremes(m: EqMatch): { raiseDb: number; raiseHz: number; lowerDb: number; lowerHz: number } {
  let raise = { db: -Infinity, hz: 0 };
  let lower = { db: Infinity, hz: 0 };
  m.gains.forEach((g, k) => {
    const hz = (k * m.sampleRate) / m.size;
    if (hz < 50 || hz > 16000) return;
    const db = 20 * Math.log10(g);
    if (db > raise.db) raise = { db, hz };
    if (db < lower.db) lower = { db, hz };
  });
  return { raiseDb: raise.db, raiseHz: raise.hz, lowerDb: lower.db, lowerHz: lower.hz };
}
