/** Contrast, as Audacity's Analyze > Contrast: how far background sound sits under foreground speech, measured as RMS
 * levels, against WCAG 2.0 success criterion 1.4.7 (background sounds at least 20 dB lower than the speech, so that
 * listeners who are hard of hearing can follow it). */

export const WCAG_CONTRAST_DB = 20;

/** One measured stretch: its RMS level (dBFS) and what it was, in words. */
export interface ContrastSide {
  rmsDb: number;
  what: string;
}

export interface ContrastVerdict {
  /** Foreground level less background level, dB (Infinity for a silent background). */
  differenceDb: number;
  passes: boolean;
  text: string;
}

const dbfs = (db: number) => `${db.toFixed(1)} dBFS`;

export function contrastVerdict(foreground: ContrastSide, background: ContrastSide): ContrastVerdict {
  if (!Number.isFinite(foreground.rmsDb))
    return {
      differenceDb: Number.NaN,
      passes: false,
      text: 'The foreground is silent: measure the speech as the foreground.',
    };
  const differenceDb = foreground.rmsDb - background.rmsDb;
  const passes = differenceDb >= WCAG_CONTRAST_DB;
  const apart = Number.isFinite(differenceDb) ? `${differenceDb.toFixed(1)} dB apart` : 'the background is silence';
  const verdict = passes
    ? `passes WCAG 2.0 1.4.7 (the background at least ${WCAG_CONTRAST_DB} dB under the speech)`
    : `fails WCAG 2.0 1.4.7: the background must be at least ${WCAG_CONTRAST_DB} dB under the speech, so ${(
        WCAG_CONTRAST_DB - differenceDb
      ).toFixed(1)} dB quieter`;
  const levels = `Foreground ${dbfs(foreground.rmsDb)}, background ${Number.isFinite(background.rmsDb) ? dbfs(background.rmsDb) : 'silent'}`;
  return { differenceDb, passes, text: `${levels}: ${apart}; ${verdict}.` };
}
