import { describe, expect, it } from 'vitest';
import { toneLevelDb } from './noise.fixture';
import { distort, shape } from './distortion';

const RATE = 44100;
/** A whole number of cycles of 1 kHz - a little, so its harmonics past 22 kHz fold onto frequencies of their own. */
const HZ = 1013;
const x = Float32Array.from({ length: RATE / 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * HZ * i) / RATE));
const level = (y: Float32Array, hz: number) => toneLevelDb(y.subarray(2000, 20000), hz, RATE);

describe('distortion', () => {
  it('holds the driven sound under full scale, soft curves rounding the tops', () => {
    expect(shape('hard', 3)).toBe(1);
    expect(shape('soft', 3)).toBeCloseTo(Math.tanh(3), 12);
    expect(shape('tube', 0)).toBe(0);
    expect(shape('tube', 0.5)).toBeLessThan(-shape('tube', -0.5)); // the halves bend differently
  });

  it('adds odd harmonics (soft) and even ones too (tube), and folds nothing back past the Nyquist frequency', () => {
    const [soft] = distort([x], RATE, { curve: 'soft', driveDb: 24, outputDb: -6 });
    const fundamental = level(soft, HZ);
    expect(level(soft, 3 * HZ) - fundamental).toBeGreaterThan(-15);
    expect(level(soft, 2 * HZ) - fundamental).toBeLessThan(-60); // symmetric: no even harmonics
    // The 23rd harmonic (23.3 kHz) would fold to 44.1 - 23.3 = 20.8 kHz at the project's rate.
    expect(level(soft, RATE - 23 * HZ) - fundamental).toBeLessThan(-60);
    const [tube] = distort([x], RATE, { curve: 'tube', driveDb: 24, outputDb: -6 });
    expect(level(tube, 2 * HZ) - level(tube, HZ)).toBeGreaterThan(-30);
  });

  it('keeps the length and brings a full-scale input to the output level', () => {
    const [y] = distort([x], RATE, { curve: 'hard', driveDb: 40, outputDb: -6 });
    expect(y.length).toBe(x.length);
    // Driven 40 dB into the hard curve, the tone is a square wave at the output level: its RMS is its height.
    const middle = y.subarray(2000, 20000);
    const rms = Math.sqrt(middle.reduce((s, v) => s + v * v, 0) / middle.length);
    expect(20 * Math.log10(rms)).toBeCloseTo(-6, 0);
  });
});
