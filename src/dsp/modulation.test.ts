import { describe, expect, it } from 'vitest';
import { toneLevelDb } from './noise.fixture';
import { chorus, phaser, phaserHz, tremolo } from './modulation';

const RATE = 8000;
const sine = (hz: number, seconds = 1) =>
  Float32Array.from({ length: seconds * RATE }, (_, i) => Math.sin((2 * Math.PI * hz * i) / RATE));

describe('tremolo', () => {
  it('swings the level from full down to 1 - depth and back, rate times a second', () => {
    const [y] = tremolo([new Float32Array(RATE).fill(1)], RATE, { rateHz: 4, depth: 0.5 });
    expect(y[0]).toBe(1);
    expect(y[RATE / 8]).toBeCloseTo(0.5, 6); // half a period in: the trough
    expect(y[RATE / 4]).toBeCloseTo(1, 6);
    expect(Math.min(...y)).toBeCloseTo(0.5, 6);
  });
});

describe('phaser', () => {
  const still = { rateHz: 1, depth: 0, feedback: 0 };

  it('notches the frequency where its chain turns the phase half a cycle, and passes the rest', () => {
    // Four stages breaking at 200 Hz turn 200 tan(67.5 degrees) = 482.8 Hz by 540 degrees: mixed with the dry
    // sound, it cancels.
    const level = (hz: number) => {
      const x = sine(hz);
      const [y] = phaser([x], RATE, still);
      const tail = (a: Float32Array) => a.subarray(RATE / 2);
      return toneLevelDb(tail(y), hz, RATE) - toneLevelDb(tail(x), hz, RATE);
    };
    expect(level(200 * Math.tan((67.5 * Math.PI) / 180))).toBeLessThan(-30);
    expect(level(2000)).toBeGreaterThan(-0.5);
  });

  it('sweeps its notches four octaves up at full depth and back', () => {
    const p = { ...still, rateHz: 0.5, depth: 1 };
    expect(phaserHz(p, RATE, 0)).toBeCloseTo(200, 6);
    expect(phaserHz(p, RATE, RATE)).toBeCloseTo(3200, 6); // half a period
    expect(phaserHz(p, RATE, 2 * RATE)).toBeCloseTo(200, 6);
  });
});

describe('chorus', () => {
  it('adds a copy 20 ms late (the swing at 0) at the mix level, and nothing at a mix of 0', () => {
    const x = new Float32Array(RATE);
    x[100] = 1;
    const [y] = chorus([x], RATE, { rateHz: 1, depthMs: 0, mix: 0.5 });
    expect(y[100]).toBe(1);
    expect(y[100 + 0.02 * RATE]).toBeCloseTo(0.5, 6);
    expect(chorus([x], RATE, { rateHz: 1, depthMs: 5, mix: 0 })[0]).toEqual(x);
  });

  it("swings its delay, the right channel's a quarter turn behind the left's", () => {
    const x = sine(440);
    const [l, r] = chorus([x, x], RATE, { rateHz: 2, depthMs: 5, mix: 1 });
    expect(l).not.toEqual(r);
  });
});
