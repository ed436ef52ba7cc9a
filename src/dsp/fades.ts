/** Fade curves and their application to sample ranges. */

export type FadeCurve = 'linear' | 'equal-power' | 's-curve' | 'exponential';
export type FadeDirection = 'in' | 'out';

export const FADE_CURVES: readonly FadeCurve[] = ['linear', 'equal-power', 's-curve', 'exponential'];

/** Gain of a fade-in at position x in [0, 1]; a fade-out is the same curve read backwards. */
export function fadeInGain(curve: FadeCurve, x: number): number {
  const t = Math.min(1, Math.max(0, x));
  switch (curve) {
    case 'linear':
      return t;
    case 'equal-power':
      return Math.sin((t * Math.PI) / 2);
    case 's-curve':
      return 0.5 - 0.5 * Math.cos(Math.PI * t);
    case 'exponential':
      // -60 dB to 0 dB along a straight line in decibels; exactly silent at the start.
      return t === 0 ? 0 : 10 ** ((-60 * (1 - t)) / 20);
  }
}

/**
 * Gain of sample `i` of an equal-power rise `length` samples long, taken at the sample's centre: a crossfade's two
 * sides are `crossfadeRise(i, n)` and `crossfadeRise(n - 1 - i, n)`, whose squares sum to one at every sample.
 */
export function crossfadeRise(i: number, length: number): number {
  return Math.sin(((i + 0.5) / length) * (Math.PI / 2));
}

/**
 * `from` crossfaded into `to` (the same length): equal-power curves scaled so the level holds whether the two are
 * unrelated (noise, a different take: equal power as it is) or alike (a steady tone or pad continued in phase, which
 * equal power would swell by up to 3 dB in the middle; alike, the curves sum to one in amplitude instead). How alike
 * is their correlation over the crossfade, held in [0, 1]: sounds in opposite phase dip whatever the curves.
 */
export function correlatedCrossfade(from: ArrayLike<number>, to: ArrayLike<number>): Float32Array {
  const n = from.length;
  let [cross, powerFrom, powerTo] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    cross += from[i] * to[i];
    powerFrom += from[i] * from[i];
    powerTo += to[i] * to[i];
  }
  const alike = powerFrom > 0 && powerTo > 0 ? Math.max(0, Math.min(1, cross / Math.sqrt(powerFrom * powerTo))) : 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const rise = crossfadeRise(i, n);
    const fall = crossfadeRise(n - 1 - i, n);
    const scale = 1 / Math.sqrt(1 + 2 * alike * rise * fall); // rise² + fall² = 1
    out[i] = (from[i] * fall + to[i] * rise) * scale;
  }
  return out;
}

/**
 * Multiplies `samples` by the fade, where samples[0] sits at position `offset` of a fade `length` samples long.
 * Lets one fade span several clips: each piece passes its own offset.
 */
export function applyFade(
  samples: Float32Array,
  direction: FadeDirection,
  curve: FadeCurve,
  offset: number,
  length: number,
): void {
  const denominator = Math.max(1, length - 1);
  for (let i = 0; i < samples.length; i++) {
    const x = (offset + i) / denominator;
    samples[i] *= fadeInGain(curve, direction === 'in' ? x : 1 - x);
  }
}
