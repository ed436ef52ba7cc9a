import { describe, expect, it } from 'vitest';
import fixture from './sampler.parity.json';
import { cleanEstimate, eulerStep, guide } from './euler';
import { gaussianNoise } from './noise';
import { type SamplerOptions, sampleFlow } from './sample';
import { timesteps } from './schedule';

describe('schedule', () => {
  it('runs from 1 to 0 evenly without shift', () => {
    expect(Array.from(timesteps(4))).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  it('shift 3 spends more steps at high noise (hand-computed)', () => {
    // t' = 3t / (1 + 2t): 0.5 -> 1.5 / 2 = 0.75; 0.25 -> 0.75 / 1.5 = 0.5
    expect(Array.from(timesteps(4, 3))).toEqual([1, 0.9, 0.75, 0.5, 0]);
  });
  it('refuses nonsense', () => {
    expect(() => timesteps(0)).toThrow(RangeError);
    expect(() => timesteps(4, 0)).toThrow(RangeError);
  });
});

describe('step arithmetic', () => {
  it('guides, steps and estimates x0 as written', () => {
    expect(Array.from(guide(new Float32Array([2]), new Float32Array([1]), 3))).toEqual([4]);
    expect(Array.from(eulerStep(new Float32Array([1]), new Float32Array([2]), 1, 0.75))).toEqual([0.5]);
    expect(Array.from(cleanEstimate(new Float32Array([1]), new Float32Array([2]), 0.25))).toEqual([0.5]);
  });
});

describe('sampleFlow', () => {
  it('lands exactly on x0 when the model predicts the true velocity (straight paths make Euler exact)', async () => {
    const x0 = Float32Array.from([0.5, -0.25, 0.125, 1]);
    const noise = gaussianNoise(4, 7);
    const previews: number[][] = [];
    const out = await sampleFlow({
      size: 4,
      steps: 5,
      shift: 2,
      guidanceScale: 1,
      seed: 7,
      previewEvery: 2,
      predict: async () => ({ cond: Float32Array.from(noise, (n, i) => n - x0[i]) }),
      onPreview: (_step, _t, estimate) => void previews.push(Array.from(estimate)),
    });
    out.forEach((v, i) => expect(v).toBeCloseTo(x0[i], 5));
    expect(previews).toHaveLength(2); // after steps 2 and 4, not after the last
    previews[0].forEach((v, i) => expect(v).toBeCloseTo(x0[i], 5));
  });
  it('applies guidance to the batch of two', async () => {
    const out = await sampleFlow({
      size: 1,
      steps: 1,
      shift: 1,
      guidanceScale: 2,
      seed: 1,
      predict: async (x) => ({ cond: Float32Array.from(x, () => 3), uncond: Float32Array.from(x, () => 1) }),
    });
    expect(out[0]).toBeCloseTo(gaussianNoise(1, 1)[0] - 5, 5); // v = 1 + 2 * (3 - 1) = 5, one step of dt = -1
  });
  it('stops between steps when the checkpoint throws (cancel)', async () => {
    let calls = 0;
    const run = sampleFlow({
      size: 2,
      steps: 10,
      shift: 1,
      guidanceScale: 1,
      seed: 1,
      predict: async (x) => {
        calls++;
        return { cond: x };
      },
      checkpoint: () => {
        if (calls === 3) throw new Error('cancelled');
      },
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(calls).toBe(3);
  });
});

describe('seeded noise', () => {
  it('is reproducible per seed and standard normal', () => {
    expect(gaussianNoise(1000, 42)).toEqual(gaussianNoise(1000, 42));
    expect(gaussianNoise(8, 42)).not.toEqual(gaussianNoise(8, 43));
    const x = gaussianNoise(100_000, 3);
    const mean = x.reduce((a, v) => a + v, 0) / x.length;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeCloseTo(1, 1);
  });
});

// training/omni_model/model/sampler.py is the evaluation's copy of this sampler; the fixture it writes pins both.
describe('parity with the evaluation (sampler.parity.json, python -m omni_model.packing.parity)', () => {
  const close = (actual: ArrayLike<number>, expected: number[]) => {
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
  };
  it('draws the same noise for a seed', () => {
    for (const { seed, values } of fixture.noise) close(gaussianNoise(values.length, seed), values);
  });
  it('places the same timesteps', () => {
    for (const { steps, shift, values } of fixture.timesteps) close(timesteps(steps, shift), values);
  });
  /** The fixture's flow with the closed-form stand-in DiT of parity.py toy_velocities. */
  const toyFlow = (known?: SamplerOptions['known']) => {
    const { size, steps, shift, guidance, seed } = fixture.flow;
    const scaled = (v: Float32Array, k: number, t: number) => Float32Array.from(v, (a) => k * a + t);
    return sampleFlow({
      size,
      steps,
      shift,
      guidanceScale: guidance,
      seed,
      known,
      predict: async (v, t) => ({ cond: scaled(v, 0.5, t), uncond: scaled(v, 0.25, -t) }),
    });
  };
  it('ends the guided Euler loop at the same point', async () => {
    close(await toyFlow(), fixture.flow.x);
  });
  it('holds a known latent where the mask says so, and ends on it there (inpainting)', async () => {
    const { latent, mask, x } = fixture.known;
    const out = await toyFlow({ latent: Float32Array.from(latent), mask: Float32Array.from(mask) });
    close(out, x);
    expect(out[0]).toBeCloseTo(0.5, 6);
    expect(out[3]).toBeCloseTo(2, 6);
  });
});
