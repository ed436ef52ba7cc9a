import { describe, expect, it } from 'vitest';
import { nearestZeroCrossing } from './zero-crossing';

describe('nearestZeroCrossing', () => {
  it('finds the crossing nearest a position, the sample nearer zero, within reach', () => {
    // A 100-sample period: crossings at 0, 50, 100, ...
    const x = Float32Array.from({ length: 400 }, (_, i) => Math.sin((2 * Math.PI * (i + 0.3)) / 100));
    expect(nearestZeroCrossing(x, 140, 20)).toBe(150); // sin is -0.019 at 150: nearer zero than 149's +0.044
    expect(nearestZeroCrossing(x, 205, 20)).toBe(200);
    expect(nearestZeroCrossing(x, 125, 5)).toBe(125); // none within reach: where it was
  });
});
