import { describe, expect, it } from 'vitest';
import { averageSpectrum, noteOf } from './spectrum';

const RATE = 44100;
const sine = (hz: number, amplitude: number, seconds = 2) =>
  Float32Array.from({ length: seconds * RATE }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE));

describe('averageSpectrum', () => {
  it('finds a sine between the bins, at its level (a full-scale sine reads 0 dB)', () => {
    const spectrum = averageSpectrum([sine(1000, 0.5)], RATE)!;
    expect(spectrum.peakHz).toBeCloseTo(1000, 0);
    expect(spectrum.peakDb).toBeCloseTo(-6.02, 0);
    for (const hz of [261.63, 3520.7]) expect(averageSpectrum([sine(hz, 0.1)], RATE)!.peakHz).toBeCloseTo(hz, 0);
  });

  it('averages the channels, and finds the louder of two tones', () => {
    const spectrum = averageSpectrum([sine(440, 0.1), sine(660, 0.3)], RATE)!;
    expect(spectrum.peakHz).toBeCloseTo(660, 0);
    expect(spectrum.peakDb).toBeCloseTo(20 * Math.log10(0.3) - 3.01, 0); // in one channel of two
    expect(spectrum.hz[1]).toBeCloseTo(RATE / 8192);
  });

  it('reads silence as nothing, and a selection shorter than its smallest window as no spectrum', () => {
    expect(averageSpectrum([new Float32Array(RATE)], RATE)!.peakDb).toBe(-Infinity);
    expect(averageSpectrum([new Float32Array(100)], RATE)).toBeNull();
    expect(averageSpectrum([sine(1000, 0.5, 0.01)], RATE)!.peakHz).toBeGreaterThan(900); // 441 samples: a 256 window
  });
});

describe('noteOf', () => {
  it('names the nearest note and how far off it is', () => {
    expect(noteOf(440)).toBe('A4 +0 cents');
    expect(noteOf(261.63)).toBe('C4 +0 cents');
    expect(noteOf(1000)).toBe('B5 +21 cents');
    expect(noteOf(50)).toBe('G1 +35 cents');
  });
});
