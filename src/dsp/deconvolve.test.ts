import { describe, expect, it } from 'vitest';
import { deconvolve } from './deconvolve';
import { seededRandom } from './dither';
import { tone } from './signals';

const RATE = 16000;

/** x convolved with h, `length` samples. */
function convolve(x: Float32Array, h: Float32Array, length: number): Float32Array {
  const y = new Float32Array(length);
  for (let k = 0; k < h.length; k++) {
    if (h[k] === 0) continue;
    for (let n = k; n < length && n - k < x.length; n++) y[n] += h[k] * x[n - k];
  }
  return y;
}

/** How alike two signals are, 1 the same shape (their normalized correlation over the first's length). */
function likeness(a: Float32Array, b: Float32Array): number {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    const v = b[i] ?? 0;
    ab += a[i] * v;
    aa += a[i] * a[i];
    bb += v * v;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('deconvolving a sweep', () => {
  it("gives back the room's response from the sweep and its recording, whatever the level", () => {
    const random = seededRandom(3);
    // A direct sound, a reflection and a decaying tail.
    const room = new Float32Array(3000);
    room[0] = 1;
    room[400] = -0.5;
    for (let i = 600; i < room.length; i++) room[i] = 0.2 * (random() * 2 - 1) * Math.exp(-i / 600);
    const sweep = tone('sine', { from: 30, to: 7500 }, { from: 0.5, to: 0.5 }, RATE, RATE);
    const recorded = convolve(sweep, room, RATE + room.length).map((v) => 0.1 * v);
    const heard = deconvolve(recorded, sweep, 5 * RATE);
    expect(likeness(room, heard)).toBeGreaterThan(0.97);
    expect(heard.length).toBeLessThan(recorded.length); // cut where it died away
    expect(heard[0] / heard[400]).toBeCloseTo(-2, 0);
  });
});
