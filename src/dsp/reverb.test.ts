import { describe, expect, it } from 'vitest';
import { filter } from './filters';
import { reverb, reverbTail } from './reverb';

const RATE = 16000;

/** RT60 from the Schroeder energy decay curve of `ir`: the slope between -5 and -25 dB, extended to 60 dB (T20). */
function rt60(ir: Float32Array): number {
  const energy = new Float64Array(ir.length + 1);
  for (let i = ir.length - 1; i >= 0; i--) energy[i] = energy[i + 1] + ir[i] * ir[i];
  const db = (i: number) => 10 * Math.log10(energy[i] / energy[0]);
  const at = (level: number) => {
    let i = 0;
    while (i < ir.length && db(i) > level) i++;
    return i;
  };
  return (3 * (at(-25) - at(-5))) / RATE;
}

const impulse = (seconds: number) => {
  const x = new Float32Array(Math.round(seconds * RATE));
  x[0] = 1;
  return x;
};

describe('reverb', () => {
  it('dies away by 60 dB in the decay time asked for (below 1 kHz), and the highs twice as fast', () => {
    for (const decay of [0.5, 1.5, 4]) {
      const [left] = reverbTail(impulse(2 * decay), RATE, decay);
      expect(rt60(filter(left, 'lowpass', 1000, RATE)) / decay).toBeGreaterThan(0.9);
      expect(rt60(filter(left, 'lowpass', 1000, RATE)) / decay).toBeLessThan(1.1);
      expect(rt60(filter(left, 'highpass', 6000, RATE)) / decay).toBeLessThan(0.75);
    }
  });

  it('is wide: its left and right tails are nearly uncorrelated', () => {
    const [left, right] = reverbTail(impulse(2), RATE, 1.5);
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);
    expect(Math.abs(dot(left, right)) / Math.sqrt(dot(left, left) * dot(right, right))).toBeLessThan(0.2);
  });

  it('keeps the dry sound and adds the tail at the level asked for', () => {
    const x = impulse(3);
    const [out] = reverb([x], RATE, { decaySeconds: 1, wetDb: -6 });
    expect(out[0]).toBe(1); // the tail starts after the pre-delay
    const tail = out.subarray(1);
    const tailDb = 10 * Math.log10(tail.reduce((e, v) => e + v * v, 0));
    expect(tailDb).toBeCloseTo(-6, 0);
  });
});
