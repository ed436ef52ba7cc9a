/** Sung syllables for the aligner's tests: a guide and takes of it, early or late, and where each syllable starts. */

export const RATE = 22050;

/** Six sung syllables (a tone with harmonics, each its own pitch) with pauses between them, starting at `onsets` (s),
 * each 0.2 s long, at `level` and `cents` off the guide's pitches. */
export function syllables(onsets: number[], level = 0.2, cents = 0): Float32Array {
  const x = new Float32Array(3.2 * RATE);
  const pitches = [220, 262, 294, 247, 330, 196];
  onsets.forEach((onset, k) => {
    const hz = pitches[k] * 2 ** (cents / 1200);
    const start = Math.round(onset * RATE);
    for (let i = 0; i < 0.2 * RATE; i++) {
      const t = i / RATE;
      const swell = Math.min(1, t / 0.01, (0.2 - t) / 0.02);
      let v = 0;
      for (let h = 1; h <= 5; h++) v += Math.sin(2 * Math.PI * hz * h * t) / h;
      x[start + i] += level * swell * v;
    }
  });
  return x;
}

/** Where each syllable starts (the first sample over a tenth of the loudest, after a pause of 50 ms), s. */
export function starts(x: Float32Array): number[] {
  const loud = Math.max(...x.map(Math.abs));
  const found: number[] = [];
  let quietFor = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]) > 0.1 * loud) {
      if (quietFor > 0.05 * RATE) found.push(i / RATE);
      quietFor = 0;
    } else quietFor++;
  }
  return found;
}
