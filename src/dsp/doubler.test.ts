import { describe, expect, it } from 'vitest';
import { DOUBLE_CENTS, DOUBLE_DELAY_MS, doubleOf } from './doubler';
import { trackPitch } from './pitch-track';
import { noise } from './signals';

const RATE = 44100;

/** A voice-like 220 Hz tone (harmonics falling off) for `seconds`. */
function voice(seconds: number): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin((2 * Math.PI * 220 * h * i) / RATE) / h;
    return 0.1 * v;
  });
}

/** The lag (samples) within `most` at which `b` best matches `a` over [from, from + length). */
function bestLag(a: Float32Array, b: Float32Array, from: number, length: number, most: number): number {
  let [best, score] = [0, -Infinity];
  for (let lag = 0; lag <= most; lag++) {
    let s = 0;
    for (let i = from; i < from + length; i++) s += a[i] * b[i + lag];
    if (s > score) [best, score] = [lag, s];
  }
  return best;
}

describe('doubler', () => {
  it('drifts in tune by a few cents and in time by 12-28 ms, keeping the level; the same seed, the same double', () => {
    const x = voice(6);
    const [double] = doubleOf([x], RATE, 7);
    const cents = [...trackPitch(double, RATE).hz]
      .slice(20, -20)
      .filter((hz) => hz > 0)
      .map((hz) => 1200 * Math.log2(hz / 220));
    expect(cents.length).toBeGreaterThan(1000);
    const most = Math.max(...cents.map(Math.abs));
    expect(most).toBeLessThan(DOUBLE_CENTS + 12); // the moving delay bends it a few cents more
    expect(most).toBeGreaterThan(2); // not a copy
    // Timing, heard on noise (which has no pitch to move and no period to mistake a lag by): the lags a second apart
    // lie in the delay's range and move.
    const hiss = noise('white', 0.1, 6 * RATE);
    const [late] = doubleOf([hiss], RATE, 7);
    const lags = [1, 2, 3, 4, 5].map((s) => bestLag(hiss, late, s * RATE, 2048, 0.035 * RATE) / (RATE / 1000));
    for (const ms of lags) {
      expect(ms).toBeGreaterThanOrEqual(DOUBLE_DELAY_MS.min);
      expect(ms).toBeLessThanOrEqual(DOUBLE_DELAY_MS.max);
    }
    expect(Math.max(...lags) - Math.min(...lags)).toBeGreaterThan(1);
    const rms = (v: Float32Array) => Math.sqrt(v.reduce((s, a) => s + a * a, 0) / v.length);
    expect(Math.abs(20 * Math.log10(rms(double.subarray(RATE)) / rms(x.subarray(RATE))))).toBeLessThan(0.5);
    expect(doubleOf([x], RATE, 7)[0]).toEqual(double);
    expect(doubleOf([x], RATE, 8)[0]).not.toEqual(double);
  });
});
