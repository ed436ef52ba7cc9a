import { describe, expect, it } from 'vitest';
import { contrastVerdict } from './contrast';

const side = (rmsDb: number) => ({ rmsDb, what: 'a stretch' });

describe('contrast between foreground speech and its background', () => {
  it('passes at 20 dB apart or more, and says how much quieter a failing background must be', () => {
    expect(contrastVerdict(side(-20), side(-40))).toMatchObject({ differenceDb: 20, passes: true });
    const fails = contrastVerdict(side(-20), side(-32.5));
    expect(fails.passes).toBe(false);
    expect(fails.text).toContain('12.5 dB apart');
    expect(fails.text).toContain('so 7.5 dB quieter');
  });

  it('passes over a silent background, and will not judge a silent foreground', () => {
    expect(contrastVerdict(side(-20), side(-Infinity))).toMatchObject({ passes: true });
    expect(contrastVerdict(side(-Infinity), side(-40)).passes).toBe(false);
  });
});
