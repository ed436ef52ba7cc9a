import { describe, expect, it } from 'vitest';
import { defaultClickSettings, readClickSettings } from './click-settings';

describe('the metronome’s settings', () => {
  it('read back what was saved, defaults for what is missing, damaged or out of range', () => {
    expect(readClickSettings({ on: true, countInBars: 2, levelDb: -6 })).toEqual({
      on: true,
      countInBars: 2,
      levelDb: -6,
    });
    expect(readClickSettings(null)).toEqual(defaultClickSettings());
    expect(readClickSettings({ on: 'yes', countInBars: 3, levelDb: 12 })).toEqual(defaultClickSettings());
    expect(readClickSettings({ countInBars: 0 })).toEqual({ ...defaultClickSettings(), countInBars: 0 });
  });
});
