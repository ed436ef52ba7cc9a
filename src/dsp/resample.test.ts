import { describe, expect, it } from 'vitest';
import { resample, resampledAt, resampleWeights } from './resample';

const sine = (freq: number, rate: number, n: number, amp = 0.5) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));
const rms = (x: Float32Array, from = 0, to = x.length) =>
  Math.sqrt(x.subarray(from, to).reduce((a, v) => a + v * v, 0) / (to - from));

describe('resample', () => {
  it('gives the expected length and returns a copy at the same rate', () => {
    const x = new Float32Array(44100);
    expect(resample(x, 44100, 48000).length).toBe(48000);
    expect(resample(x, 44100, 16000).length).toBe(16000);
    const same = resample(x, 8000, 8000);
    expect(same).not.toBe(x);
  });
  it('reproduces a 1 kHz sine at the new rate (44.1 -> 48 kHz, 48 -> 22.05 kHz, 8 -> 96 kHz)', () => {
    for (const [from, to] of [
      [44100, 48000],
      [48000, 22050],
      [8000, 96000],
    ]) {
      const out = resample(sine(1000, from, from / 2), from, to);
      const expected = sine(1000, to, out.length);
      let maxErr = 0;
      for (let i = 200; i < out.length - 200; i++) maxErr = Math.max(maxErr, Math.abs(out[i] - expected[i]));
      expect(maxErr).toBeLessThan(2e-3);
    }
  });
  it('keeps DC at unity gain', () => {
    const out = resample(new Float32Array(4000).fill(0.25), 44100, 32000);
    expect(out[1500]).toBeCloseTo(0.25, 3);
  });
  it('removes content above the new Nyquist instead of aliasing it', () => {
    const out = resample(sine(10000, 48000, 24000), 48000, 16000); // 10 kHz > 8 kHz Nyquist
    expect(rms(out, 200, out.length - 200)).toBeLessThan(0.005);
  });

  it('gives the weights it reads an output sample with, for a streaming resampler to sum: the very samples', () => {
    const x = Float32Array.from({ length: 400 }, (_, i) => Math.sin(i * 0.37) + 0.3 * Math.cos(i * 2.1));
    for (const [ratio, frac] of [
      [0.3, 0],
      [4, 0.25],
      [0.25, 0],
    ]) {
      const { first, weights, scale } = resampleWeights(frac, ratio);
      if (frac === 0) expect(first).toBe(-(weights.length - 1) / 2);
      for (const at of [150, 200]) {
        const sum = weights.reduce((acc, w, k) => acc + x[at + first + k] * w, 0);
        expect(sum * scale).toBe(resampledAt(x, at + frac, ratio));
      }
    }
  });
});
