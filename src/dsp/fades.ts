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
