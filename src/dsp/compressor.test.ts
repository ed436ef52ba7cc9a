import { describe, expect, it } from 'vitest';
import { compress, reduction } from './compressor';

const RATE = 44100;
const tone = (seconds: number, amplitude: number) =>
  Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, n) => amplitude * Math.sin((2 * Math.PI * 440 * n) / RATE),
  );
const rmsDb = (x: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let n = from; n < to; n++) sum += x[n] * x[n];
  return 10 * Math.log10(sum / (to - from));
};

describe('compressor', () => {
  it('follows its static curve: under the knee untouched, over it each dB a ratio-th of a dB, a smooth knee', () => {
    expect(reduction(-40, -20, 4)).toBe(0);
    expect(reduction(-8, -20, 4)).toBeCloseTo(9, 6); // 12 dB over comes out as 3
    expect(reduction(-20, -20, 4)).toBeGreaterThan(0);
    expect(reduction(-20, -20, 4)).toBeLessThan(reduction(-17, -20, 4));
    expect(reduction(0, -20, 1)).toBe(0);
  });

  it('turns a steady tone over the threshold down to the curve, and one under it not at all', () => {
    // A sine peaking at 0.5 is at -9 dBFS RMS: 11 dB over -20, out at -20 + 11 / 4.
    const loud = compress([tone(1, 0.5)], RATE, { thresholdDb: -20, ratio: 4 }).channels[0];
    expect(rmsDb(loud, RATE / 2, RATE)).toBeCloseTo(-20 + (rmsDb(tone(1, 0.5), 0, RATE) + 20) / 4, 1);
    const quiet = tone(1, 0.02);
    const same = compress([quiet], RATE, { thresholdDb: -20, ratio: 4 }).channels[0];
    expect(Array.from(same)).toEqual(Array.from(quiet));
  });

  it('narrows the gap between loud and quiet parts, the channels turned down together', () => {
    const x = tone(2, 0.03);
    for (let n = RATE / 2; n < RATE; n++) x[n] *= 20; // a loud second half-second: 26 dB up
    const right = x.map((v) => 0.5 * v);
    const { channels, reductionDb } = compress([x, right], RATE, { thresholdDb: -30, ratio: 3 });
    const gap = (y: Float32Array) => rmsDb(y, 0.8 * RATE, 0.95 * RATE) - rmsDb(y, 1.6 * RATE, 1.9 * RATE);
    expect(gap(x)).toBeCloseTo(26, 0);
    expect(gap(channels[0])).toBeLessThan(16);
    expect(reductionDb).toBeGreaterThan(10);
    const n = Math.round(0.9 * RATE);
    expect(channels[1][n] / right[n]).toBeCloseTo(channels[0][n] / x[n], 5);
  });
});
