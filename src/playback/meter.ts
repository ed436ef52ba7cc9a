/**
 * A peak meter's ballistics, as a DAW's or Audacity's meter toolbar shows them: the level is the highest sample of
 * what was just played, falling back no faster than 20 dB a second so a peak can be read; the highest peak is held
 * for 1.5 s; a sample at or past full scale lights the clip light until it is reset. Beside the peak, the RMS level
 * (the mean square of what was just played, averaged over about 300 ms, as Audition's meter and a VU meter's
 * integration time), which follows how loud the sound is heard more than its peaks do.
 */

export interface MeterReading {
  /** dBFS, -Infinity in silence. */
  db: number;
  holdDb: number;
  clipped: boolean;
  /** RMS dBFS over about RMS_SECONDS, -Infinity in silence. */
  rmsDb: number;
}

/** What a meter tap holds, samples (the most an AnalyserNode keeps): about 0.7 s at 44.1 kHz, enough for the
 * momentary loudness's 400 ms and the K-weighting's settling before them. */
export const METER_BUFFER = 32768;
/** The peak and RMS levels read the newest this many samples of it (about 46 ms at 44.1 kHz). */
export const PEAK_WINDOW = 2048;

/** The bottom of the meter's scale. */
export const METER_FLOOR_DB = -60;
const FALL_DB_PER_S = 20;
const HOLD_S = 1.5;
const RMS_SECONDS = 0.3;

export class PeakMeter {
  private db = -Infinity;
  private holdDb = -Infinity;
  private holdUntil = 0;
  private lastAt: number | null = null;
  private clipped = false;
  private meanSquare = 0;

  /** Takes the samples just played at time `now` (seconds) and says what the meter shows. */
  read(samples: Float32Array, now: number): MeterReading {
    let peak = 0;
    let sum = 0;
    for (let i = 0; i < samples.length; i++) {
      peak = Math.max(peak, Math.abs(samples[i]));
      sum += samples[i] * samples[i];
    }
    // The first reading, or one after a long gap, starts the average afresh.
    const keep = this.lastAt === null ? 0 : Math.exp(-Math.max(0, now - this.lastAt) / RMS_SECONDS);
    this.meanSquare = keep * this.meanSquare + (1 - keep) * (samples.length ? sum / samples.length : 0);
    const db = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
    const fallen = this.lastAt === null ? -Infinity : this.db - FALL_DB_PER_S * (now - this.lastAt);
    const level = Math.max(db, fallen);
    this.db = level < METER_FLOOR_DB ? -Infinity : level; // fallen off the scale
    this.lastAt = now;
    if (db >= this.holdDb || now > this.holdUntil) {
      this.holdDb = db;
      this.holdUntil = now + HOLD_S;
    }
    if (peak >= 1) this.clipped = true;
    const rmsDb = this.meanSquare > 0 ? 10 * Math.log10(this.meanSquare) : -Infinity;
    return {
      db: this.db,
      holdDb: this.holdDb,
      clipped: this.clipped,
      rmsDb: rmsDb < METER_FLOOR_DB ? -Infinity : rmsDb,
    };
  }

  /** Puts the clip light out and forgets the held peak. */
  reset(): void {
    this.clipped = false;
    this.holdDb = -Infinity;
  }
}
