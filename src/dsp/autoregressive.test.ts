import { describe, expect, it } from 'vitest';
import { allPoleModel, autocorrelation, interpolate, windowedModel } from './autoregressive';
import { uniform } from './dehum.fixture';

/** x[n] = 1.6 x[n-1] - 0.8 x[n-2] + white noise: the model a = [1, -1.6, 0.8]. */
function secondOrder(length: number): Float32Array {
  const random = uniform(9);
  const x = new Float32Array(length);
  for (let n = 2; n < length; n++) x[n] = 1.6 * x[n - 1] - 0.8 * x[n - 2] + (random() - 0.5);
  return x;
}

describe('autoregressive models', () => {
  const x = secondOrder(20000);

  it('recovers a known process from a window (autocorrelation method) and from a stretch (covariance method)', () => {
    const windowed = windowedModel(x, [[1000, 19000]], 2);
    const covariance = allPoleModel(x, 1000, 19000, 2, () => false);
    for (const a of [windowed, covariance]) {
      expect(a?.[0]).toBe(1);
      expect(a?.[1]).toBeCloseTo(-1.6, 1);
      expect(a?.[2]).toBeCloseTo(0.8, 1);
    }
  });

  it('fits two stretches together as one, and says there is nothing to fit in silence', () => {
    const split = windowedModel(
      x,
      [
        [1000, 9000],
        [11000, 19000],
      ],
      2,
    );
    expect(split[1]).toBeCloseTo(-1.6, 1);
    expect(Array.from(windowedModel(new Float32Array(100), [[0, 100]], 2))).toEqual([1]);
    expect(allPoleModel(new Float32Array(100), 0, 100, 2, () => false)).toBeNull();
  });

  it('leaves out the samples it is told are missing, and draws them again close to what they were', () => {
    const tone = Float32Array.from({ length: 4000 }, (_, n) => Math.sin(0.05 * n) + 0.5 * Math.sin(0.13 * n + 1));
    const missing = [2000, 2001, 2002, 2003, 2004, 2005];
    const damaged = Float32Array.from(tone);
    for (const n of missing) damaged[n] = 5;
    const poles = allPoleModel(damaged, 1000, 3000, 8, (t) => missing.includes(t));
    expect(poles).not.toBeNull();
    const drawn = interpolate(damaged, missing, autocorrelation(poles as Float64Array, 8));
    missing.forEach((n, k) => expect(drawn[k]).toBeCloseTo(tone[n], 3));
  });
});
