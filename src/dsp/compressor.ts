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
  settings: Compression,
): { channels: Float32Array[]; reductionDb: number } {
  const out = channels.map((c) => Float32Array.from(c));
  const compressor = new Compressor(rate, settings);
  compressor.run(out);
  return { channels: out, reductionDb: compressor.mostReductionDb };
}

/** The compressor's detector and settings, so a signal can be compressed block by block (a track's realtime
 * effects) exactly as `compress` does a whole one; `makeup` multiplies what comes out (1: none). */
export class Compressor {
  private readonly rise: number;
  private readonly fall: number;
  private readonly average: number;
  private power = 0;
  private level = -120;
  /** How far the gain has gone down at most so far, and at the last sample (dB). */
  mostReductionDb = 0;
  reductionDb = 0;

  constructor(
    rate: number,
    private settings: Compression,
    private readonly makeup = 1,
  ) {
    this.rise = 1 - Math.exp(-1 / (ATTACK_S * rate));
    this.fall = 1 - Math.exp(-1 / (RELEASE_S * rate));
    this.average = 1 - Math.exp(-1 / (AVERAGE_S * rate));
  }

  /** Takes new settings (an automated threshold), its detector going on. */
  retune(settings: Compression): void {
    this.settings = { thresholdDb: settings.thresholdDb, ratio: settings.ratio };
  }

  /** Compresses the channels (of one length) in place, carrying on from the last block; its detector hears `key`
   * where given (a sidechain: another sound of the same length decides how far these are turned down). */
  run(channels: readonly Float32Array[], key: readonly Float32Array[] = channels): void {
    const { thresholdDb, ratio } = this.settings;
    const length = channels[0]?.length ?? 0;
    for (let n = 0; n < length; n++) {
      let now = 0;
      for (const c of key) now = Math.max(now, c[n] * c[n]);
      this.power += (now - this.power) * this.average;
      const db = 10 * Math.log10(Math.max(FLOOR, this.power));
      this.level += (db - this.level) * (db > this.level ? this.rise : this.fall);
      const down = reduction(this.level, thresholdDb, ratio);
      this.mostReductionDb = Math.max(this.mostReductionDb, down);
      this.reductionDb = down;
      const gain = 10 ** (-down / 20) * this.makeup;
      for (const c of channels) c[n] *= gain;
    }
  }
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
