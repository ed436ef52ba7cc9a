import { describe, expect, it } from 'vitest';
import { lpcPredictor, lpcResidual } from './flac-lpc';

describe('FLAC linear prediction', () => {
  it('predicts two sines, rounded to 16 bits, to within a few steps where the fixed predictors leave hundreds', () => {
    const x = Int32Array.from({ length: 4096 }, (_, i) =>
      Math.round(12000 * Math.sin(i * 0.05) + 8000 * Math.sin(i * 0.31 + 1)),
    );
    const predictor = lpcPredictor(x, 16)!;
    expect(predictor.shift).toBeGreaterThan(0);
    expect(Math.max(...predictor.coefficients.map(Math.abs))).toBeLessThan(2 ** 13);
    const folded = lpcResidual(x, predictor)!;
    const mean = folded.reduce((s, u) => s + u, 0) / folded.length / 2; // folded values are twice the magnitude
    expect(mean).toBeLessThan(4);
    const secondDifference = x.slice(2).map((v, i) => Math.abs(v - 2 * x[i + 1] + x[i]));
    expect(secondDifference.reduce((s, v) => s + v, 0) / secondDifference.length).toBeGreaterThan(100);
  });

  it('has no predictor for silence, and none longer than the block allows', () => {
    expect(lpcPredictor(new Int32Array(4096), 16)).toBeNull();
    expect(lpcPredictor(Int32Array.of(5, -3, 2, 7, 1), 16)?.order ?? 0).toBeLessThanOrEqual(4);
  });
});
