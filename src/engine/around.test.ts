import { describe, expect, it } from 'vitest';
import { knownFrames, planAround } from './around';

const sizes = { window: 100, context: 30, join: 5 };

describe('windows that make a part around known audio', () => {
  it('takes context on both sides when the part and its context fit one window', () => {
    expect(planAround(200, 80, 120, sizes)).toEqual([{ start: 50, end: 150, from: 80, to: 120 }]);
  });

  it('extends forward: context before only, then each window continues the last, overlapping by the join', () => {
    const plan = planAround(250, 40, 250, sizes);
    expect(plan[0]).toEqual({ start: 10, end: 110, from: 40, to: 110 });
    expect(plan[1]).toEqual({ start: 75, end: 175, from: 105, to: 175 });
    expect(plan.at(-1)!.to).toBe(250);
    for (const w of plan) expect(w.end - w.start).toBeLessThanOrEqual(100);
    for (let i = 1; i < plan.length; i++) expect(plan[i].from).toBe(plan[i - 1].to - 5);
  });

  it('extends backward: context after the part', () => {
    expect(planAround(100, 0, 40, sizes)).toEqual([{ start: 0, end: 70, from: 0, to: 40 }]);
  });

  it('refuses an empty part or one outside the audio', () => {
    expect(() => planAround(100, 50, 50, sizes)).toThrow(RangeError);
    expect(() => planAround(100, 50, 120, sizes)).toThrow(RangeError);
  });

  it('marks as known only latent frames wholly outside the part and inside the window', () => {
    // Frames of 10 samples over [0, 45): the part [12, 25) touches frames 1 and 2; frame 4 runs past the window.
    expect(Array.from(knownFrames({ start: 0, end: 45, from: 12, to: 25 }, 10))).toEqual([1, 0, 0, 1, 0]);
  });
});
