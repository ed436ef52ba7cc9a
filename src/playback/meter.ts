/**
 * A peak meter's ballistics, as a DAW's or Audacity's meter toolbar shows them: the level is the highest sample of
 * what was just played, falling back no faster than 20 dB a second so a peak can be read; the highest peak is held
 * for 1.5 s; a sample at or past full scale lights the clip light until it is reset.
 */

export interface MeterReading {
  /** dBFS, -Infinity in silence. */
  db: number;
  holdDb: number;
  clipped: boolean;
}

/** The bottom of the meter's scale. */
export const METER_FLOOR_DB = -60;
const FALL_DB_PER_S = 20;
const HOLD_S = 1.5;

export class PeakMeter {
  private db = -Infinity;
  private holdDb = -Infinity;
  private holdUntil = 0;
  private lastAt: number | null = null;
  private clipped = false;

  /** Takes the samples just played at time `now` (seconds) and says what the meter shows. */
  read(samples: Float32Array, now: number): MeterReading {
    let peak = 0;
    for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
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
    return { db: this.db, holdDb: this.holdDb, clipped: this.clipped };
  }

  /** Puts the clip light out and forgets the held peak. */
  reset(): void {
    this.clipped = false;
    this.holdDb = -Infinity;
  }
}
