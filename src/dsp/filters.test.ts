import { describe, expect, it } from 'vitest';
import { filter } from './filters';

const RATE = 44100;
const sine = (hz: number) => (i: number) => Math.sin((2 * Math.PI * hz * i) / RATE);

/** The RMS level in dB of the component of `x` at `hz` over its second half (past the filter's start). */
function levelDb(x: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  const from = x.length / 2;
  for (let i = from; i < x.length; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / RATE);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return 20 * Math.log10((2 * Math.hypot(re, im)) / (x.length - from) / Math.SQRT2);
}

describe('filters', () => {
  const low = sine(50);
  const high = sine(1000);
  const mix = Float32Array.from({ length: RATE }, (_, i) => 0.5 * low(i) + 0.5 * high(i));

  it('high-pass: rumble two octaves under the cut-off down by over 40 dB, the voice band kept', () => {
    const y = filter(mix, 'highpass', 200, RATE);
    expect(levelDb(mix, 50) - levelDb(y, 50)).toBeGreaterThan(40);
    expect(Math.abs(levelDb(mix, 1000) - levelDb(y, 1000))).toBeLessThan(0.1);
  });

  it('low-pass: the other way round, and -3 dB at the cut-off (Butterworth)', () => {
    const y = filter(mix, 'lowpass', 250, RATE);
    expect(levelDb(mix, 1000) - levelDb(y, 1000)).toBeGreaterThan(40);
    expect(Math.abs(levelDb(mix, 50) - levelDb(y, 50))).toBeLessThan(0.1);
    const atCutoff = Float32Array.from({ length: RATE }, (_, i) => sine(250)(i));
    expect(levelDb(atCutoff, 250) - levelDb(filter(atCutoff, 'lowpass', 250, RATE), 250)).toBeCloseTo(3.01, 1);
  });

  it('refuses a frequency the rate cannot hold', () => {
    expect(() => filter(mix, 'lowpass', 30000, RATE)).toThrow('between 0 and 22050 Hz');
  });
});
