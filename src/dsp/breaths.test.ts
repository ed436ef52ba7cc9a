import { describe, expect, it } from 'vitest';
import { findBreaths, turnDownBreaths } from './breaths';
import { noise } from './signals';
import { at, RATE, voiceOver } from './breaths.fixture';

describe('breaths', () => {
  it('finds the breath between the phrases and not the sibilant inside one', () => {
    const breaths = findBreaths([voiceOver()], RATE);
    expect(breaths).toHaveLength(1);
    expect(Math.abs(breaths[0].start / RATE - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(breaths[0].end / RATE - 0.95)).toBeLessThan(0.03);
  });

  it('finds none where there is no voice, or only voice', () => {
    expect(findBreaths([noise('pink', 0.01, RATE)], RATE)).toEqual([]);
    const x = voiceOver().subarray(0, at(0.5));
    expect(findBreaths([x], RATE)).toEqual([]);
  });

  it('turns the breath down with short fades and leaves the phrases as they were', () => {
    const x = voiceOver();
    const [breath] = findBreaths([x], RATE);
    const y = turnDownBreaths([x], 0, [breath], RATE, 12)[0];
    const rms = (a: Float32Array, from: number, to: number) =>
      10 * Math.log10(a.subarray(at(from), at(to)).reduce((s, v) => s + v * v, 0) / (at(to) - at(from)));
    expect(rms(x, 0.65, 0.9) - rms(y, 0.65, 0.9)).toBeCloseTo(12, 0);
    expect(y.subarray(0, at(0.55))).toEqual(x.subarray(0, at(0.55)));
    expect(y.subarray(at(1.0))).toEqual(x.subarray(at(1.0)));
  });
});
