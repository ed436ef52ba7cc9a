/**
 * Dither for fixed-point files, as Audacity, Audition and every mastering tool apply it when a float mix becomes 16 or
 * 24 bits: triangular (TPDF) noise of one step either side added before rounding, so the rounding error is a steady,
 * signal-independent hiss (half a step RMS) instead of distortion that follows the signal, and a fade or a reverb tail
 * under the last bit dies into that hiss instead of stepping and then cutting off. Audio already on the file's grid
 * (a 16-bit recording exported untouched at its own rate and depth) is written as it is: no rounding, nothing to mask.
 */

/** Whether every sample is a whole number of steps of `fullScale` (so writing it at that depth rounds nothing). */
export function onGrid(channels: readonly Float32Array[], fullScale: number): boolean {
  for (const ch of channels) for (let i = 0; i < ch.length; i++) if (!Number.isInteger(ch[i] * fullScale)) return false;
  return true;
}

/** A small seeded generator (mulberry32): the same mix exports to the same bytes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The channels with triangular dither of one step of `fullScale` either side added (copies; the input as it is where
 * it already lies on the grid). */
export function ditherForDepth(channels: Float32Array[], fullScale: number, seed = 1): Float32Array[] {
  if (onGrid(channels, fullScale)) return channels;
  const random = seededRandom(seed);
  const step = 1 / fullScale;
  return channels.map((ch) => {
    const out = new Float32Array(ch.length);
    for (let i = 0; i < ch.length; i++) out[i] = ch[i] + (random() - random()) * step;
    return out;
  });
}
