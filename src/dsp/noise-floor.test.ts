import { describe, expect, it } from 'vitest';
import { seededRandom } from './dither';
import { learnedNoiseProfile } from './noise-floor';
import { meanSpectrum, reduceNoise } from './noise-reduction';

const RATE = 44100;
const random = seededRandom(21);
const noise = (n: number, level: number) => Float32Array.from({ length: n }, () => level * (random() - 0.5));
const db = (x: number) => 10 * Math.log10(x);
const rmsDb = (x: Float32Array) => db(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('the noise floor learned from the recording itself', () => {
  it("stands within 0.8 dB of the noise's mean power, mono or stereo", () => {
    for (const count of [1, 2]) {
      const channels = Array.from({ length: count }, () => noise(RATE * 10, 0.1));
      const learned = learnedNoiseProfile(channels, RATE)!;
      const truth = meanSpectrum(channels, RATE);
      const errors = learned.power.slice(10, 900).map((p, i) => db(p / truth.power[i + 10]));
      const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
      expect(Math.abs(mean)).toBeLessThan(0.8);
    }
  });

  it('learns the hiss under a tone that comes and goes, so Reduce noise takes the hiss down and keeps the tone', () => {
    const hiss = noise(RATE * 6, 0.02);
    const toneOn = (i: number) => (i % RATE) / RATE < 0.6; // sounding 60 % of each second
    const tone = Float32Array.from(hiss, (_, i) => (toneOn(i) ? 0.1 * Math.sin((2 * Math.PI * 1000 * i) / RATE) : 0));
    const mixed = tone.map((t, i) => t + hiss[i]);
    const profile = learnedNoiseProfile([mixed], RATE)!;
    const [out] = reduceNoise([mixed], RATE, profile, { reductionDb: 12, sensitivityDb: 6 });
    // A gap in the tone (0.7-0.95 s of a second): hiss alone, down about the reduction.
    const gap = (x: Float32Array) => x.subarray(Math.round(2.7 * RATE), Math.round(2.95 * RATE));
    expect(rmsDb(gap(mixed)) - rmsDb(gap(out))).toBeGreaterThan(9);
    // The tone's stretch keeps its level.
    const held = (x: Float32Array) => x.subarray(Math.round(2.1 * RATE), Math.round(2.5 * RATE));
    expect(Math.abs(rmsDb(held(mixed)) - rmsDb(held(out)))).toBeLessThan(0.5);
  });

  it('has nothing to learn from silence or from less than a frame', () => {
    expect(learnedNoiseProfile([new Float32Array(RATE)], RATE)).toBeNull();
    expect(learnedNoiseProfile([noise(100, 0.1)], RATE)).toBeNull();
  });
});
