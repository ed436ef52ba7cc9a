import { describe, expect, it } from 'vitest';
import { frameSize, noiseProfile, reduceNoise } from './noise-reduction';
import { noise } from './noise.fixture';

const RATE = 44100;

/** Hiss at -40 dBFS throughout and a 1 kHz tone at -20 dBFS over the second half. */
function hissyTone(seconds: number, seed = 1): Float32Array {
  const n = seconds * RATE;
  const hiss = noise(n, 0.01, seed);
  return hiss.map((v, i) => v + (i >= n / 2 ? 0.1 * Math.SQRT2 * Math.sin((2 * Math.PI * 1000 * i) / RATE) : 0));
}

const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((a, v) => a + v * v, 0) / x.length);

/** The RMS level of the component of `x` at `hz` (a single-bin DFT), in dB. */
function toneDb(x: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  x.forEach((v, i) => {
    re += v * Math.cos((2 * Math.PI * hz * i) / RATE);
    im += v * Math.sin((2 * Math.PI * hz * i) / RATE);
  });
  return 20 * Math.log10((2 * Math.hypot(re, im)) / x.length / Math.SQRT2);
}

describe('noise reduction', () => {
  it('takes the hiss down by the reduction and keeps the tone', () => {
    const x = hissyTone(2);
    const profile = noiseProfile([x.subarray(0, RATE / 2)], RATE);
    expect(profile.size).toBe(2048);
    const [y] = reduceNoise([x], RATE, profile, { reductionDb: 12, sensitivityDb: 6 });
    expect(y).toHaveLength(x.length);
    const hiss = [x, y].map((s) => rmsDb(s.subarray(RATE / 4, (3 * RATE) / 4)));
    expect(hiss[0]).toBeCloseTo(-40, 0);
    expect(hiss[0] - hiss[1]).toBeGreaterThan(11);
    expect(hiss[0] - hiss[1]).toBeLessThan(13);
    const tone = [x, y].map((s) => toneDb(s.subarray((5 * RATE) / 4, (7 * RATE) / 4), 1000));
    expect(tone[0]).toBeCloseTo(-20, 0);
    expect(Math.abs(tone[1] - tone[0])).toBeLessThan(0.5);
    // With no reduction the recording comes back as it was.
    const [same] = reduceNoise([x], RATE, profile, { reductionDb: 0, sensitivityDb: 6 });
    expect(Math.max(...same.map((v, i) => Math.abs(v - x[i])))).toBeLessThan(1e-5);
  });

  it('gates the channels together, so identical channels stay identical', () => {
    const left = hissyTone(1, 3);
    const right = Float32Array.from(left, (v) => 0.5 * v);
    const profile = noiseProfile([left.subarray(0, RATE / 4), right.subarray(0, RATE / 4)], RATE);
    const [l, r] = reduceNoise([left, right], RATE, profile, { reductionDb: 18, sensitivityDb: 6 });
    expect(Math.max(...l.map((v, i) => Math.abs(0.5 * v - r[i])))).toBeLessThan(1e-6);
  });

  it('refuses a profile too short to average or taken at another rate', () => {
    expect(() => noiseProfile([noise(1000, 0.01)], RATE)).toThrow('at least 0.1 s of noise');
    const profile = noiseProfile([noise(RATE, 0.01)], RATE);
    expect(() => reduceNoise([noise(RATE, 0.01)], 48000, profile, { reductionDb: 12, sensitivityDb: 6 })).toThrow(
      'taken at 44100 Hz',
    );
    expect(frameSize(48000)).toBe(2048);
    expect(frameSize(16000)).toBe(1024);
  });
});
