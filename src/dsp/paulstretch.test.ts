import { describe, expect, it } from 'vitest';
import { noise, toneLevelDb } from './noise.fixture';
import { paulstretch } from './paulstretch';

const RATE = 8000;
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('paulstretch', () => {
  it('makes a tone ten times longer at its own pitch and level', () => {
    const tone = Float32Array.from({ length: RATE }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE));
    const [y] = paulstretch([tone], RATE, { factor: 10, windowSeconds: 0.25 }, 10 * RATE);
    expect(y.length).toBe(10 * RATE);
    const middle = y.subarray(2 * RATE, 8 * RATE);
    expect(rmsDb(middle)).toBeCloseTo(rmsDb(tone), 0);
    // The energy stays at 440 Hz: an octave away there is next to none.
    expect(toneLevelDb(middle, 440, RATE) - toneLevelDb(middle, 880, RATE)).toBeGreaterThan(30);
  });

  it('keeps a steady noise steady (no pumping at the frame rate) and is the same each time', () => {
    const hiss = noise(2 * RATE, 0.1, 3);
    const [y] = paulstretch([hiss], RATE, { factor: 4, windowSeconds: 0.25 }, 8 * RATE);
    const blocks = Array.from({ length: 24 }, (_, b) => rmsDb(y.subarray(RATE + b * 200, RATE + (b + 1) * 200)));
    expect(Math.max(...blocks) - Math.min(...blocks)).toBeLessThan(4);
    expect(rmsDb(y.subarray(RATE, 7 * RATE))).toBeCloseTo(rmsDb(hiss), 0);
    expect(paulstretch([hiss], RATE, { factor: 4, windowSeconds: 0.25 }, 8 * RATE)[0]).toEqual(y);
  });

  it('stretches a pair of channels as it stretches each alone (two channels share one transform)', () => {
    const left = noise(RATE, 0.1, 5);
    const right = Float32Array.from({ length: RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / RATE));
    const settings = { factor: 3, windowSeconds: 0.1 };
    const [l, r] = paulstretch([left, right], RATE, settings, 3 * RATE);
    const [alone] = paulstretch([right], RATE, settings, 3 * RATE);
    const [leftAlone] = paulstretch([left], RATE, settings, 3 * RATE);
    const worst = (x: Float32Array, y: Float32Array) => Math.max(...x.map((v, i) => Math.abs(v - y[i])));
    expect(worst(r, alone)).toBeLessThan(1e-5);
    expect(worst(l, leftAlone)).toBeLessThan(1e-5);
  });
});
