/**
 * Loudness-normalized export, as Reaper's render normalization, Audition's Match Loudness on export and Auphonic's
 * delivery: the file is brought to an integrated loudness (ITU-R BS.1770-4, -16 LUFS for podcasts by default) and, if
 * that pushes its true peaks over a ceiling (-1 dBTP), the true-peak limiter holds them there, so the file meets a
 * platform's spec whatever the mix was. The project is unchanged: only the exported file is.
 */
import { dbToGain } from '../dsp/gain';
import { limit } from '../dsp/limiter';
import { integratedLoudness } from '../dsp/loudness';

export interface Delivery {
  lufs: number;
  /** True peaks are held at or under this, dBTP. */
  ceilingDb: number;
}

export const DELIVERY_LUFS = { min: -40, max: -5 } as const;
/** The ceiling streaming and podcast specs ask for. */
export const DELIVERY_CEILING_DBTP = -1;
const LIMITER_RELEASE_MS = 100;

/** Passes of gain then limiting: what the limiter takes off lowers the loudness, so the gain is found again. */
const PASSES = 3;
const CLOSE_ENOUGH_LU = 0.1;

/** Brings the channels (in place) to the loudness, limiting true peaks where it must; says what it did. */
export function deliverInPlace(channels: Float32Array[], rate: number, { lufs, ceilingDb }: Delivery): string[] {
  const measured = integratedLoudness(channels, rate);
  if (!Number.isFinite(measured)) return ['The audio is too quiet or short to measure its loudness: not normalized.'];
  let level = measured;
  let limitedDb = 0;
  for (let pass = 0; pass < PASSES && Math.abs(lufs - level) > CLOSE_ENOUGH_LU; pass++) {
    const gain = dbToGain(lufs - level);
    for (const ch of channels) for (let i = 0; i < ch.length; i++) ch[i] *= gain;
    const limited = limit(channels, rate, { ceilingDb, releaseMs: LIMITER_RELEASE_MS, truePeak: true });
    if (limited.reductionDb > 0) limited.channels.forEach((ch, c) => channels[c].set(ch));
    limitedDb = Math.max(limitedDb, limited.reductionDb);
    level = integratedLoudness(channels, rate);
  }
  const notes = [`Normalized from ${measured.toFixed(1)} LUFS to ${level.toFixed(1)} LUFS.`];
  if (limitedDb > 0) notes.push(`True peaks limited to ${ceilingDb} dBTP (down ${limitedDb.toFixed(1)} dB at most).`);
  return notes;
}
