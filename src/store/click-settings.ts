/** The metronome's settings, as a DAW keeps them between sessions (src/persist/preferences.ts): whether it clicks
 * while playing and recording, how many bars it counts in before a take, and how loud it is. */

export interface ClickSettings {
  /** Clicks while the project plays or records. */
  on: boolean;
  /** Bars of clicks before a take begins (0: none), as a DAW's count-in; they are never part of the take. */
  countInBars: number;
  /** The peak of a bar's first click, dBFS (the other beats 6 dB under). */
  levelDb: number;
}

export const COUNT_IN_BARS = [0, 1, 2, 4] as const;
export const CLICK_LEVEL_RANGE = { min: -40, max: 0 } as const;

export const defaultClickSettings = (): ClickSettings => ({ on: false, countInBars: 1, levelDb: -12 });

/** Saved settings read back; what is missing or out of range takes its default. */
export function readClickSettings(saved: unknown): ClickSettings {
  const settings = defaultClickSettings();
  if (typeof saved !== 'object' || saved === null) return settings;
  const s = saved as Record<string, unknown>;
  const level = Number(s.levelDb);
  return {
    on: typeof s.on === 'boolean' ? s.on : settings.on,
    countInBars: COUNT_IN_BARS.includes(s.countInBars as 0) ? (s.countInBars as number) : settings.countInBars,
    levelDb:
      Number.isFinite(level) && level >= CLICK_LEVEL_RANGE.min && level <= CLICK_LEVEL_RANGE.max
        ? level
        : settings.levelDb,
  };
}
