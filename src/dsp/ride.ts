/**
 * Riding a vocal against the music, as Waves Vocal Rider and a mix engineer's hand on the fader: every 100 ms the
 * vocal's momentary loudness (EBU R128, 400 ms) is set against the rest of the mix's, and the gain that keeps the voice
 * `aboveLu` over it (within ± `rangeDb`) is asked; averaged over half a second either side, so words keep their shape
 * and only phrases and syllables that sink or jump are moved. Where the voice pauses (the leveler's gate) or the music
 * is silent the gain is held, so breaths and room tone are not pulled up.
 */
import { smoothedCurve, type LevelingCurve, speechGate } from './leveler';
import { momentarySeries } from './loudness';

export interface Riding {
  /** How far over the music the voice sits, LU. */
  aboveLu: number;
  /** The most the ride raises or lowers, dB. */
  rangeDb: number;
}

export const RIDE_ABOVE_LU = { min: -12, max: 12 } as const;
export const RIDE_RANGE_DB = { min: 1, max: 12 } as const;

const SMOOTHING_SECONDS = 0.5;
/** Music quieter than this is silence: nothing to ride against. */
const SILENT_LUFS = -70;

/** The ride's gain at each 100 ms step: `voice` (as the fader gets it) against `music` (the rest of the mix, heard),
 * over the same samples; `faderDb`, the track's own gain, counted in. */
export function rideCurve(
  voice: Float32Array[],
  music: Float32Array[],
  rate: number,
  { aboveLu, rangeDb }: Riding,
  faderDb = 0,
): LevelingCurve {
  const sung = momentarySeries(voice, rate);
  const under = momentarySeries(music, rate).loudness;
  const gate = speechGate(sung.loudness);
  const asked = Array.from(sung.loudness, (l, k) => {
    const bed = under[k] ?? -Infinity;
    if (!(l > gate) || !(bed > SILENT_LUFS)) return Number.NaN;
    return Math.max(-rangeDb, Math.min(rangeDb, bed + aboveLu - l - faderDb));
  });
  return smoothedCurve(asked, sung, Math.round((SMOOTHING_SECONDS * rate) / sung.hop));
}
