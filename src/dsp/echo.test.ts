import { describe, expect, it } from 'vitest';
import { echo, echoTailSeconds } from './echo';

const RATE = 1000;

describe('echo', () => {
  it('brings an impulse back after each delay, each repeat the decay times the last', () => {
    const x = new Float32Array(1000);
    x[10] = 1;
    const [y] = echo([x], RATE, { delaySeconds: 0.2, decay: 0.5 });
    expect([10, 210, 410, 610, 810].map((i) => y[i])).toEqual([1, 0.5, 0.25, 0.125, 0.0625]);
    expect(y.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0)).toBe(5); // nothing between the repeats
  });

  it('echoes each channel apart and leaves a decay of 0 as it was', () => {
    const left = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i / 7));
    const right = new Float32Array(500);
    const [l, r] = echo([left, right], RATE, { delaySeconds: 0.05, decay: 0.7 });
    expect(r).toEqual(right);
    expect(l[60]).toBeCloseTo(left[60] + 0.7 * left[10], 6);
    expect(echo([left], RATE, { delaySeconds: 0.05, decay: 0 })[0]).toEqual(left);
  });

  it('says how long the repeats take to fall 60 dB', () => {
    expect(echoTailSeconds({ delaySeconds: 0.5, decay: 0.5 })).toBeCloseTo(5, 6); // 10 repeats of 6 dB
    expect(echoTailSeconds({ delaySeconds: 0.5, decay: 0 })).toBe(0);
  });
});
