import { describe, expect, it } from 'vitest';
import { clickTrack, dtmf, noise, tone } from './signals';
import { averageSpectrum } from './spectrum';

const RATE = 48000;
const peak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
/** Mean level (dB) of the spectrum's bins between two frequencies (with `total`, their summed power: a tone's). */
function bandDb(x: Float32Array, lo: number, hi: number, total = false) {
  const s = averageSpectrum([x], RATE)!;
  let sum = 0;
  let n = 0;
  s.hz.forEach((hz, k) => {
    if (hz >= lo && hz < hi) {
      sum += 10 ** (s.db[k] / 10);
      n++;
    }
  });
  return 10 * Math.log10(total ? sum : sum / n);
}

describe('signals', () => {
  it('a tone is at its frequency and amplitude, the sine starting at 0', () => {
    const sine = tone('sine', { from: 440, to: 440 }, { from: 0.5, to: 0.5 }, RATE, RATE);
    expect(sine[0]).toBe(0);
    expect(peak(sine)).toBeCloseTo(0.5, 4);
    const s = averageSpectrum([sine], RATE)!;
    expect(s.peakHz).toBeCloseTo(440, 0);
    expect(s.peakDb).toBeCloseTo(20 * Math.log10(0.5), 1);
    const square = tone('square', { from: 1000, to: 1000 }, { from: 1, to: 1 }, RATE, RATE);
    // A square's third harmonic is a third of its fundamental: 9.5 dB under it; it has no even harmonics.
    const harmonic = (hz: number) => bandDb(square, hz - 20, hz + 20, true);
    expect(harmonic(1000) - harmonic(3000)).toBeCloseTo(9.5, 0);
    expect(harmonic(1000) - harmonic(2000)).toBeGreaterThan(40);
  });

  it('a chirp sweeps from one frequency to the other, its level gliding too', () => {
    const chirp = tone('sine', { from: 100, to: 6400 }, { from: 1, to: 0.25 }, RATE, 6 * RATE);
    const first = averageSpectrum([chirp.subarray(0, 4096)], RATE)!;
    const last = averageSpectrum([chirp.subarray(chirp.length - 4096)], RATE)!;
    expect(first.peakHz).toBeGreaterThan(90);
    expect(first.peakHz).toBeLessThan(120);
    expect(last.peakHz).toBeGreaterThan(6000);
    expect(last.peakHz).toBeLessThan(6500);
    expect(peak(chirp.subarray(chirp.length - 4096))).toBeCloseTo(0.25, 1);
    // Octaves at an even pace: a sixth of the time per octave, so the middle is at 800 Hz.
    const middle = averageSpectrum([chirp.subarray(3 * RATE - 2048, 3 * RATE + 2048)], RATE)!;
    expect(middle.peakHz / 800).toBeCloseTo(1, 1);
  });

  it('white noise is flat, pink falls 3 dB an octave, brown 6, each at its peak amplitude', () => {
    const slope = (x: Float32Array) => (bandDb(x, 4000, 5000) - bandDb(x, 250, 312.5)) / 4; // four octaves apart
    const white = noise('white', 0.5, 4 * RATE);
    expect(peak(white)).toBeCloseTo(0.5, 6);
    expect(Math.abs(slope(white))).toBeLessThan(0.3);
    expect(slope(noise('pink', 0.5, 4 * RATE))).toBeCloseTo(-3, 0);
    expect(slope(noise('brown', 0.5, 4 * RATE))).toBeCloseTo(-6, 0);
    expect(noise('pink', 0.5, 100)).toEqual(noise('pink', 0.5, 100)); // seeded
  });

  it('telephone keys are their two frequencies, and a wrong key is refused in words', () => {
    const five = dtmf('5', 1, RATE, 0.5, 0);
    const s = averageSpectrum([five], RATE)!;
    expect(s.peakHz).toBeCloseTo(1336, -1); // 770 Hz and 1336 Hz, equally loud
    expect(Math.abs(bandDb(five, 750, 790, true) - bandDb(five, 1316, 1356, true))).toBeLessThan(0.5);
    expect(dtmf('12', 1, RATE).length).toBe(2 * 0.2 * RATE);
    expect(() => dtmf('1x', 1, RATE)).toThrow('“X” is not a telephone key');
  });

  it('a click track clicks on every beat, the downbeat louder and higher', () => {
    const clicks = clickTrack(120, 4, 0.8, RATE, 4 * RATE); // two bars at 120 BPM
    const onsets: number[] = [];
    for (let i = 1; i < clicks.length; i++)
      if (clicks[i] !== 0 && clicks[i - 1] === 0 && (onsets.length === 0 || i - onsets.at(-1)! > 1000))
        onsets.push(i - 1);
    expect(onsets).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((b) => b * 24000));
    const level = (beat: number) => peak(clicks.subarray(beat * 24000, beat * 24000 + 960));
    expect(level(0)).toBeGreaterThan(0.7);
    expect(level(4) / level(1)).toBeCloseTo(2, 0);
    // A downbeat 0.75 s in: the clicks before it keep the grid (at 0.25 s), and the bar counts from it.
    const shifted = clickTrack(120, 4, 0.8, RATE, 4 * RATE, 0.75 * RATE);
    const at = (s: number) => peak(shifted.subarray(s * RATE, s * RATE + 960));
    expect(at(0.25)).toBeCloseTo(0.4, 1);
    expect(at(0.75)).toBeGreaterThan(0.7);
    expect(at(2.75)).toBeGreaterThan(0.7);
    expect(at(0)).toBe(0);
  });
});
