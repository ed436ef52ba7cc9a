import { describe, expect, it } from 'vitest';
import { filter } from './filters';
import { trackPitch } from './pitch-track';
import { shiftFormants, shiftVoice } from './psola';
import { averageSpectrum } from './spectrum';
import { stretchAndShiftChannels } from './time-stretch';

const RATE = 44100;

/** An "ah" at 150 Hz: a pulse train (the glottis) through a band around 700-1200 Hz (the vowel's formants). */
function vowel(): Float32Array {
  const pulses = new Float32Array(RATE);
  for (let i = 0; i < pulses.length; i += RATE / 150) pulses[Math.round(i)] = 1;
  return filter(filter(pulses, 'highpass', 700, RATE), 'lowpass', 1200, RATE);
}

/** The spectrum's centroid between 100 Hz and 4 kHz: where the formants put the energy. */
function centroidHz(x: Float32Array): number {
  const spectrum = averageSpectrum([x], RATE)!;
  let [sum, weight] = [0, 0];
  spectrum.hz.forEach((hz, k) => {
    if (hz < 100 || hz > 4000) return;
    const power = 10 ** (spectrum.db[k] / 10);
    [sum, weight] = [sum + hz * power, weight + power];
  });
  return sum / weight;
}

const pitchHz = (x: Float32Array) => {
  const hz = [...trackPitch(x, RATE).hz].filter((v) => v > 0).sort((a, b) => a - b);
  return hz[Math.floor(hz.length / 2)];
};

describe('a voice shifted with its formants kept', () => {
  it('moves the pitch and leaves the vowel where it was, where the phase vocoder moves both', () => {
    const x = vowel();
    const up = 5; // semitones: 150 Hz to 200 Hz
    const kept = shiftVoice([x], RATE, up)[0];
    const moved = stretchAndShiftChannels([x], 1, up, RATE)[0];
    expect(Math.abs(1200 * Math.log2(pitchHz(kept) / (150 * 2 ** (up / 12))))).toBeLessThan(10);
    expect(Math.abs(1200 * Math.log2(pitchHz(moved) / (150 * 2 ** (up / 12))))).toBeLessThan(10);
    const before = centroidHz(x);
    expect(Math.abs(centroidHz(kept) / before - 1)).toBeLessThan(0.06);
    expect(centroidHz(moved) / before).toBeGreaterThan(1.2); // the vowel moved up too, by about a third
    expect(kept.length).toBe(x.length);
  });

  it('changes nothing by 0 semitones', () => {
    const x = vowel();
    expect(shiftVoice([x], RATE, 0)[0]).toEqual(x);
  });
});

describe('formants shifted alone', () => {
  it('moves the vowel by the semitones asked and keeps the pitch', () => {
    const x = vowel();
    for (const semitones of [3, -3]) {
      const y = shiftFormants([x], RATE, semitones)[0];
      expect(Math.abs(1200 * Math.log2(pitchHz(y) / 150))).toBeLessThan(10);
      expect(centroidHz(y) / centroidHz(x)).toBeCloseTo(2 ** (semitones / 12), 1);
      expect(y.length).toBe(x.length);
    }
    expect(shiftFormants([x], RATE, 0)[0]).toEqual(x);
  });
});
