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

/** A small seeded generator of 32-bit words (mulberry32): the same mix exports to the same bytes. */
export function seededWords(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in [0, 1) from the same generator. */
export function seededRandom(seed: number): () => number {
  const next = seededWords(seed);
  return () => next() / 4294967296;
}

/** Adds triangular dither of one step of `fullScale` either side to the channels, in place (they are left as they are
 * where they already lie on the grid). Each sample's two uniform numbers are the two halves of one 32-bit word:
 * 16 bits of resolution within a step is far finer than the step itself. */
export function ditherInPlace(channels: Float32Array[], fullScale: number, seed = 1): void {
  if (onGrid(channels, fullScale)) return;
  const next = seededWords(seed);
  const scale = 1 / (fullScale * 65536);
  for (const ch of channels)
    for (let i = 0; i < ch.length; i++) {
      const w = next();
      ch[i] += ((w & 0xffff) - (w >>> 16)) * scale;
    }
}
