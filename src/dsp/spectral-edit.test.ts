import { describe, expect, it } from 'vitest';
import { resample } from './resample';
import { istft, preserveEdit, stft } from './spectral-edit';

const tone = (hz: number, rate: number, n: number, amp = 0.3) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
function noise(n: number, amp = 0.1, seed = 1) {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return amp * ((s / 2 ** 32) * 2 - 1);
  });
}
const add = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]);
const rms = (x: Float32Array, from = 0, to = x.length) => Math.sqrt(x.slice(from, to).reduce((s, v) => s + v * v, 0) / (to - from));
/** Energy of x at one frequency (a single-bin DFT over the middle second). */
function level(x: Float32Array, hz: number, rate: number) {
  let re = 0, im = 0;
  for (let i = rate / 2; i < rate * 1.5; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return Math.hypot(re, im) / rate;
}

describe('spectral edits that keep what the model did not change', () => {
  it('rebuilds a signal from its STFT', () => {
    const x = add(tone(440, 16000, 16000), noise(16000));
    const y = istft(stft(x, 512, 128), x.length);
    expect(rms(y.map((v, i) => v - x[i]), 256, 15744)).toBeLessThan(1e-6);
  });

  it('returns the original where the model reproduced its input, at another rate too', () => {
    const original = add(tone(440, 48000, 96000), noise(96000));
    const at16k = resample(original, 48000, 16000);
    const [out] = preserveEdit('remove', [original], at16k, at16k, 16000, 48000);
    expect(rms(out.map((v, i) => v - original[i]), 4800, 91200) / rms(original)).toBeLessThan(0.02);
  });

  it('removes what the model removed, keeping the rest of the recording', () => {
    const rate = 16000, n = 2 * rate;
    const bed = noise(n, 0.05), beep = tone(1000, rate, n, 0.3);
    const [out] = preserveEdit('remove', [add(bed, beep)], bed, add(bed, beep), rate, rate);
    expect(level(out, 1000, rate)).toBeLessThan(0.1 * level(add(bed, beep), 1000, rate));
    expect(rms(out) / rms(bed)).toBeGreaterThan(0.8);
  });

  it('adds what the model added on top of the untouched original', () => {
    const rate = 16000, n = 2 * rate;
    const bed = noise(n, 0.05);
    const [out] = preserveEdit('add', [bed], add(noise(n, 0.05, 7), tone(2000, rate, n)), bed, rate, rate);
    expect(level(out, 2000, rate)).toBeGreaterThan(0.6 * level(tone(2000, rate, n), 2000, rate));
    expect(level(out, 500, rate)).toBeLessThan(2 * level(bed, 500, rate) + 1e-3);
  });
});
