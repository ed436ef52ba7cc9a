import { describe, expect, it } from 'vitest';
import { loopLength } from './loop';

describe('loop length', () => {
  it('is the selection less its crossfade, or whole bars (else beats) where the tempo is known', () => {
    const rate = 1000;
    expect(loopLength(4000, rate)).toBe(3500); // half a second of crossfade
    expect(loopLength(9000, rate, 120)).toBe(8000); // 8.5 s free: four bars of 2 s
    expect(loopLength(2000, rate, 120)).toBe(1500); // 1.5 s free: under a bar, so three beats
    expect(loopLength(600, rate, 60)).toBe(450); // not even a beat: all of it
  });
});
