/** Gain, peak measurement and peak normalisation. */

export const dbToGain = (db: number) => 10 ** (db / 20);
export const gainToDb = (gain: number) => 20 * Math.log10(gain);

export function applyGain(samples: Float32Array, gain: number): void {
  for (let i = 0; i < samples.length; i++) samples[i] *= gain;
}

/** Largest absolute sample over all the given arrays. */
export function peakOf(arrays: Float32Array[]): number {
  let peak = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) peak = Math.max(peak, Math.abs(a[i]));
  return peak;
}

/** How many samples lie past full scale (a fixed-point file or an MP3 cuts them flat). */
export function samplesOverFullScale(arrays: Float32Array[]): number {
  let count = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) > 1) count++;
  return count;
}

/** The gain that brings the peak to `targetDb` dBFS; 1 for silence, which no gain can normalise. */
export function peakNormalizeGain(arrays: Float32Array[], targetDb: number): number {
  const peak = peakOf(arrays);
  return peak === 0 ? 1 : dbToGain(targetDb) / peak;
}

export function reverseInPlace(samples: Float32Array): void {
  samples.reverse();
}
