import { describe, expect, it } from 'vitest';
import { alignment, alignPiece } from './align';
import { RATE, starts, syllables } from './align.fixture';

describe('aligning a take to a guide', () => {
  it("moves each of a take's syllables onto the guide's, 40 ms early or late, its level and pitch its own", () => {
    const guideOnsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const takeOnsets = guideOnsets.map((t, k) => t + [0.04, -0.03, 0.035, -0.04, 0.02, -0.035][k]);
    const guide = syllables(guideOnsets);
    const take = syllables(takeOnsets, 0.1, 20); // 6 dB quieter, 20 cents sharp
    const before = starts(take).map((t, k) => Math.abs(t - guideOnsets[k]));
    expect(Math.max(...before)).toBeGreaterThan(0.035);
    const aligned = alignPiece([take], RATE, [...alignment([guide], [take], RATE).readAt], 0)[0];
    expect(aligned.length).toBe(guide.length);
    const after = starts(aligned);
    expect(after).toHaveLength(6);
    for (let k = 0; k < 6; k++) expect(Math.abs(after[k] - guideOnsets[k])).toBeLessThan(0.012);
  });

  it('leaves a take already in time where it is', () => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const take = syllables(onsets, 0.1, 20);
    const { readAt } = alignment([syllables(onsets)], [take], RATE);
    // Within a frame and a half (in the pauses, where every frame is alike, the path may wander that far).
    for (let k = 0; k < readAt.length; k++) expect(Math.abs(readAt[k] - k * 0.01)).toBeLessThan(0.015);
    const moved = [...readAt].map((t, k) => Math.abs(t - k * 0.01)).sort((p, q) => p - q);
    expect(moved[Math.floor(moved.length / 2)]).toBeLessThan(0.001);
  });
});
