import { describe, expect, it } from 'vitest';
import { effectMatches } from './effect-match';

describe('the effect filter', () => {
  it('finds effects by any words of their names or descriptions, case aside, and every effect when empty', () => {
    expect(effectMatches('noise', ['reduceNoise'])).toBe(true);
    expect(effectMatches('Noise', ['gate'])).toBe(true); // "Noise gate: turn down the quiet stretches..."
    expect(effectMatches('noise', ['reverb'])).toBe(false);
    expect(effectMatches('pitch change', ['changePitch'])).toBe(true);
    expect(effectMatches('pitch tempo', ['changePitch'])).toBe(false);
    expect(effectMatches('  ', ['reverb'])).toBe(true);
  });
});
