/** The arithmetic of one sampler step, on flat Float32Arrays. */

/** Classifier-free guidance: uncond + scale * (cond - uncond). */
export function guide(cond: Float32Array, uncond: Float32Array, scale: number): Float32Array {
  const out = new Float32Array(cond.length);
  for (let i = 0; i < cond.length; i++) out[i] = uncond[i] + scale * (cond[i] - uncond[i]);
  return out;
}

/** One Euler step of dx/dt = v from t to tNext (tNext < t when integrating 1 -> 0). */
export function eulerStep(x: Float32Array, v: Float32Array, t: number, tNext: number): Float32Array {
  const dt = tNext - t;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + dt * v[i];
  return out;
}

/** The clean-signal estimate behind a preview: x0 = x_t - t * v (for x_t = (1 - t) x0 + t noise, v = noise - x0). */
export function cleanEstimate(x: Float32Array, v: Float32Array, t: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] - t * v[i];
  return out;
}

/** Inpainting by replacement: where `mask` is 1, x is put back on the straight path from the noise to the known
 * latent, (1 - t) known + t noise, so the model draws the rest to fit what it sees there. */
export function holdKnown(
  x: Float32Array,
  known: { latent: Float32Array; mask: Float32Array },
  noise: Float32Array,
  t: number,
): Float32Array {
  const out = Float32Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const m = known.mask[i];
    if (m > 0) out[i] = (1 - m) * x[i] + m * ((1 - t) * known.latent[i] + t * noise[i]);
  }
  return out;
}
