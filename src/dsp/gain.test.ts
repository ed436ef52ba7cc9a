import { describe, expect, it } from 'vitest';
import { applyGain, dbToGain, gainToDb, peakNormalizeGain, peakOf, samplesOverFullScale } from './gain';
import { integratedLoudness } from './loudness';

const sine = (freq: number, rate: number, seconds: number, amp: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

describe('gain', () => {
  it('converts decibels both ways', () => {
    expect(dbToGain(-6.0206)).toBeCloseTo(0.5, 4);
    expect(gainToDb(2)).toBeCloseTo(6.0206, 3);
  });
  it('applies gain and normalises the peak to the target', () => {
    const a = new Float32Array([0.1, -0.25, 0.2]);
    applyGain(a, 2);
    expect(Array.from(a)).toEqual([0.2, -0.5, 0.4].map(Math.fround));
    const g = peakNormalizeGain([a, new Float32Array([0.3])], -1);
    expect(peakOf([a]) * g).toBeCloseTo(dbToGain(-1), 6);
    expect(peakNormalizeGain([new Float32Array(4)], 0)).toBe(1);
  });
  it('counts the samples past full scale, full scale itself not among them', () => {
    expect(samplesOverFullScale([new Float32Array([1, -1, 1.01, 0.5]), new Float32Array([-1.5])])).toBe(2);
  });
});

describe('integratedLoudness (BS.1770-4)', () => {
  it('reads a 997 Hz full-scale sine in one channel as -3.01 LUFS, at 48 and 44.1 kHz', () => {
    expect(integratedLoudness([sine(997, 48000, 3, 1)], 48000)).toBeCloseTo(-3.01, 1);
    expect(integratedLoudness([sine(997, 44100, 3, 1)], 44100)).toBeCloseTo(-3.01, 1);
  });
  it('adds 3 dB for the same signal in two channels and follows the level', () => {
    const s = sine(997, 48000, 3, 0.1);
    expect(integratedLoudness([s, s], 48000)).toBeCloseTo(-20 - 3.01 + 3.01, 1);
  });
  it('weights low frequencies down (K-weighting high pass)', () => {
    expect(integratedLoudness([sine(30, 48000, 3, 1)], 48000)).toBeLessThan(-4);
  });
  it('gates out silence', () => {
    expect(integratedLoudness([new Float32Array(48000 * 2)], 48000)).toBe(-Infinity);
    const half = new Float32Array(48000 * 4);
    half.set(sine(997, 48000, 2, 1));
    expect(integratedLoudness([half], 48000)).toBeCloseTo(-3.01, 0);
  });
});
