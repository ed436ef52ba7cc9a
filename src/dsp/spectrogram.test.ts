import { describe, expect, it } from 'vitest';
import { fft, gatherFrames, rowFrequency, spectrogramImage, stftDb } from './spectrogram';

describe('fft', () => {
  it('matches a directly computed DFT', () => {
    const n = 16;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) + 0.5 * Math.cos(i * 0.2));
    const re = Float64Array.from(x),
      im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k < n; k++) {
      let dr = 0,
        di = 0;
      x.forEach((v, t) => {
        dr += v * Math.cos((-2 * Math.PI * k * t) / n);
        di += v * Math.sin((-2 * Math.PI * k * t) / n);
      });
      expect(re[k]).toBeCloseTo(dr, 9);
      expect(im[k]).toBeCloseTo(di, 9);
    }
  });
});

describe('stftDb', () => {
  it('puts a full-scale sine at its bin, near 0 dB', () => {
    const rate = 16000,
      fftSize = 512;
    const bin = 32; // 1 kHz
    const signal = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / rate));
    const columns = stftDb(signal, fftSize, 10);
    expect(columns).toHaveLength(10);
    const col = columns[5];
    const loudest = col.indexOf(Math.max(...col));
    expect(loudest).toBe(bin);
    expect(col[bin]).toBeCloseTo(0, 0);
    expect(col[bin + 20]).toBeLessThan(-60);
  });
  it('draws an image of the requested size with opaque pixels', () => {
    const img = spectrogramImage([new Float32Array(5).fill(-50), new Float32Array(5).fill(0)], 4, 8000);
    expect(img.length).toBe(2 * 4 * 4);
    expect(img[3]).toBe(255);
    expect(img[4]).toBeGreaterThan(img[0]); // the louder column is brighter
  });
});

describe('gatherFrames', () => {
  it('packs evenly spread frames from a sub-range, zero-padding past its end', () => {
    const signal = Float32Array.from({ length: 100 }, (_, i) => i);
    const frames = gatherFrames(signal, 4, 3, 10, 30);
    expect(Array.from(frames)).toEqual([10, 11, 12, 13, 18, 19, 20, 21, 26, 27, 28, 29]);
    const short = gatherFrames(signal, 8, 1, 96, 100);
    expect(Array.from(short)).toEqual([96, 97, 98, 99, 0, 0, 0, 0]);
  });
});

describe('spectrogram frequency axis', () => {
  it('runs logarithmically from 30 Hz at the bottom row to Nyquist at the top', () => {
    expect(rowFrequency(99, 100, 48000)).toBeCloseTo(30, 6);
    expect(rowFrequency(0, 100, 48000)).toBeCloseTo(24000, 6);
    expect(rowFrequency(49.5, 100, 48000)).toBeCloseTo(Math.sqrt(30 * 24000), 6);
  });
  it('draws a 1 kHz tone brightest on the row of 1 kHz', () => {
    const rate = 16000,
      height = 64;
    const signal = Float32Array.from({ length: 8192 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / rate));
    const img = spectrogramImage(stftDb(signal, 1024, 1), height, rate);
    const brightness = Array.from({ length: height }, (_, y) => img[y * 4] + img[y * 4 + 1] + img[y * 4 + 2]);
    const brightest = brightness.indexOf(Math.max(...brightness));
    expect(rowFrequency(brightest, height, rate)).toBeGreaterThan(900);
    expect(rowFrequency(brightest, height, rate)).toBeLessThan(1100);
  });
});
