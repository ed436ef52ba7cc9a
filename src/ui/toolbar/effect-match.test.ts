import { describe, expect, it } from 'vitest';
import { effectMatches, effectText } from './effect-match';

describe('the effect filter', () => {
  it('finds effects by any words of their names or descriptions, case aside, and every effect when empty', () => {
    expect(effectMatches('noise', effectText(['reduceNoise']))).toBe(true);
    expect(effectMatches('Noise', effectText(['gate']))).toBe(true); // "Noise gate: turn down the quiet stretches..."
    expect(effectMatches('noise', effectText(['reverb']))).toBe(false);
    expect(effectMatches('pitch change', effectText(['changePitch']))).toBe(true);
    expect(effectMatches('pitch tempo', effectText(['changePitch']))).toBe(false);
    expect(effectMatches('  ', effectText(['reverb']))).toBe(true);
  });
});
