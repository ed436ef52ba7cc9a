/** The rectified-flow sampler loop: Euler from t = 1 to 0 with guidance, reporting a clean estimate every k steps;
 * optionally holding a known part of the latent (inpainting by replacement). */
import { cleanEstimate, eulerStep, guide, holdKnown } from './euler';
import { gaussianNoise } from './noise';
import { timesteps } from './schedule';

export interface Velocities {
  cond: Float32Array;
  /** Absent when guidance is off (scale 1). */
  uncond?: Float32Array;
}

export interface SamplerOptions {
  size: number;
  steps: number;
  shift: number;
  guidanceScale: number;
  seed: number;
  /** Calls the DiT at (x_t, t): conditional and unconditional as one batch of 2. */
  predict(x: Float32Array, t: number): Promise<Velocities>;
  /** Every `previewEvery` steps: the step number, t, and the clean estimate x0. */
  onPreview?(step: number, t: number, x0: Float32Array): void | Promise<void>;
  previewEvery?: number;
  /** Between steps: may yield to the event loop, and throws to stop (a cancel). */
  checkpoint?(): void | Promise<void>;
  /** Inpainting (extend, regenerate a region): a latent of `size` and a mask of the same size, 1 where the latent is
   * known; those values follow the path to it at every step and are it at the end. */
  known?: { latent: Float32Array; mask: Float32Array };
}

export async function sampleFlow(o: SamplerOptions): Promise<Float32Array> {
  const ts = timesteps(o.steps, o.shift);
  const noise = gaussianNoise(o.size, o.seed);
  const hold = (x: Float32Array, t: number) => (o.known ? holdKnown(x, o.known, noise, t) : x);
  let x = noise;
  for (let i = 0; i < o.steps; i++) {
    await o.checkpoint?.();
    x = hold(x, ts[i]);
    const { cond, uncond } = await o.predict(x, ts[i]);
    const v = uncond ? guide(cond, uncond, o.guidanceScale) : cond;
    if (o.onPreview && o.previewEvery && (i + 1) % o.previewEvery === 0 && i + 1 < o.steps)
      await o.onPreview(i + 1, ts[i], cleanEstimate(x, v, ts[i]));
    x = eulerStep(x, v, ts[i], ts[i + 1]);
  }
  return hold(x, 0);
}
