import { describe, expect, it } from 'vitest';
import { alignment, alignTake } from './align';

const RATE = 22050;

/** Six sung syllables (a tone with harmonics, each its own pitch) with pauses between them, starting at `onsets` (s),
 * each 0.2 s long, at `level` and `cents` off the guide's pitches. */
function syllables(onsets: number[], level = 0.2, cents = 0): Float32Array {
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
function starts(x: Float32Array): number[] {
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

describe('aligning a take to a guide', () => {
  it("moves each of a take's syllables onto the guide's, 40 ms early or late, its level and pitch its own", () => {
    const guideOnsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const takeOnsets = guideOnsets.map((t, k) => t + [0.04, -0.03, 0.035, -0.04, 0.02, -0.035][k]);
    const guide = syllables(guideOnsets);
    const take = syllables(takeOnsets, 0.1, 20); // 6 dB quieter, 20 cents sharp
    const before = starts(take).map((t, k) => Math.abs(t - guideOnsets[k]));
    expect(Math.max(...before)).toBeGreaterThan(0.035);
    const aligned = alignTake([take], RATE, alignment([guide], [take], RATE), guide.length)[0];
    expect(aligned.length).toBe(guide.length);
    const after = starts(aligned);
    expect(after).toHaveLength(6);
    for (let k = 0; k < 6; k++) expect(Math.abs(after[k] - guideOnsets[k])).toBeLessThan(0.012);
  });

  it('leaves a take already in time where it is', () => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const take = syllables(onsets, 0.1, 20);
    const { readAt } = alignment([syllables(onsets)], [take], RATE);
    // Within a frame and a half (in the pauses, where every frame is alike, the path may wander that far).
    for (let k = 0; k < readAt.length; k++) expect(Math.abs(readAt[k] - k * 0.01)).toBeLessThan(0.015);
    const moved = [...readAt].map((t, k) => Math.abs(t - k * 0.01)).sort((p, q) => p - q);
    expect(moved[Math.floor(moved.length / 2)]).toBeLessThan(0.001);
  });
});
