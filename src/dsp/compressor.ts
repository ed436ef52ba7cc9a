/**
 * A compressor, as Audacity's Compressor or any DAW's: what rises over the threshold is turned down so that each dB
 * over it comes out as 1/ratio dB (a 6 dB soft knee around the threshold), the quieter parts untouched, so the
 * difference between loud and quiet shrinks. The level is the loudest channel's RMS level (dBFS RMS: a sine peaking
 * at 0 dBFS is at -3, averaged over 10 ms), followed by a detector that rises within the attack time and falls within
 * the release time; all channels get the same gain, so the stereo image stays where it was. There is no make-up
 * gain: Normalize loudness or Gain afterwards brings the level back up.
 */

export interface Compression {
  /** dBFS. */
  thresholdDb: number;
  /** 2: each 2 dB over the threshold comes out as 1. */
  ratio: number;
}

/** The settings the studio offers. */
export const THRESHOLD_DB = { min: -60, max: 0 } as const;
export const RATIO = { min: 1, max: 20 } as const;

/** The loudest channel's power is averaged over this long (its RMS level)... */
const AVERAGE_S = 0.01;
/** ...and the level the gain follows rises within the attack time and falls within the release time: quick enough to
 * catch a syllable or a drum, slow enough not to pump on each beat. */
const ATTACK_S = 0.005;
const RELEASE_S = 0.15;
const KNEE_DB = 6;
/** Power is never taken as under this (-120 dBFS), so silence has a logarithm. */
const FLOOR = 1e-12;

/** The channels compressed (new arrays), and how far the gain went down at most (dB). */
export function compress(
  channels: readonly Float32Array[],
  rate: number,
  { thresholdDb, ratio }: Compression,
): { channels: Float32Array[]; reductionDb: number } {
  const length = channels[0]?.length ?? 0;
  const rise = 1 - Math.exp(-1 / (ATTACK_S * rate));
  const fall = 1 - Math.exp(-1 / (RELEASE_S * rate));
  const out = channels.map((c) => Float32Array.from(c));
  const average = 1 - Math.exp(-1 / (AVERAGE_S * rate));
  let power = 0;
  let level = -120;
  let most = 0;
  for (let n = 0; n < length; n++) {
    let now = 0;
    for (const c of channels) now = Math.max(now, c[n] * c[n]);
    power += (now - power) * average;
    const db = 10 * Math.log10(Math.max(FLOOR, power));
    level += (db - level) * (db > level ? rise : fall);
    const down = reduction(level, thresholdDb, ratio);
    most = Math.max(most, down);
    const gain = 10 ** (-down / 20);
    for (const c of out) c[n] *= gain;
  }
  return { channels: out, reductionDb: most };
}

/** How many dB a level is turned down: none under the knee, (1 - 1/ratio) of the excess over it, a quadratic
 * between. */
export function reduction(levelDb: number, thresholdDb: number, ratio: number): number {
  const over = levelDb - thresholdDb;
  const slope = 1 - 1 / ratio;
  if (over <= -KNEE_DB / 2) return 0;
  if (over >= KNEE_DB / 2) return slope * over;
  return (slope * (over + KNEE_DB / 2) ** 2) / (2 * KNEE_DB);
}
