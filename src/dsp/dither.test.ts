import { describe, expect, it } from 'vitest';
import { ditherInPlace, onGrid, seededRandom } from './dither';

/** The channels dithered, as copies. */
const dithered = (channels: Float32Array[], fullScale: number) => {
  const copies = channels.map((c) => Float32Array.from(c));
  ditherInPlace(copies, fullScale);
  return copies;
};
import { quantize } from './wav';

const FS = 32768;
const N = 1 << 16;
/** A 1 kHz sine at 48 kHz, `steps` 16-bit steps high. */
const sine = (steps: number) =>
  Float32Array.from({ length: N }, (_, i) => (steps / FS) * Math.sin((2 * Math.PI * 1000 * i) / 48000));
/** What the file holds minus what was asked, in steps. */
const errorOf = (asked: Float32Array, written: Float32Array) =>
  Float64Array.from(written, (v, i) => quantize(v, FS) - asked[i] * FS);
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
const correlation = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const [ma, mb] = [mean(a), mean(b)];
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('dither', () => {
  it('leaves audio already on the grid as it is, so an untouched 16-bit file round-trips bit for bit', () => {
    const grid = [Float32Array.from([0, 1 / FS, -3 / FS, 0.5, -1])];
    expect(onGrid(grid, FS)).toBe(true);
    expect(dithered(grid, FS)).toEqual(grid);
    expect(onGrid([Float32Array.from([0.3 / FS])], FS)).toBe(false);
  });

  it('makes the rounding error a steady hiss of half a step, independent of a quiet signal', () => {
    const quiet = sine(3); // -81 dBFS: plain rounding turns it into a staircase whose error follows the sine
    const plain = errorOf(quiet, quiet);
    const noisy = errorOf(quiet, dithered([quiet], FS)[0]);
    const rms = (e: Float64Array) => Math.sqrt(mean(e.map((v) => v * v)));
    expect(rms(noisy)).toBeCloseTo(0.5, 1); // TPDF: (1/12 + 1/6) step^2
    expect(Math.abs(mean(noisy))).toBeLessThan(0.01);
    // The error of plain rounding correlates with the signal's third harmonic (the staircase); dithered, with nothing.
    const third = Float64Array.from({ length: N }, (_, i) => Math.sin((2 * Math.PI * 3000 * i) / 48000));
    expect(Math.abs(correlation(plain, third))).toBeGreaterThan(0.1);
    expect(Math.abs(correlation(noisy, third))).toBeLessThan(0.02);
    expect(Math.abs(correlation(noisy, quiet))).toBeLessThan(0.02);
  });

  it('keeps a signal under the last bit audible on average instead of rounding it away', () => {
    const under = sine(0.4); // 0.4 steps: plain rounding writes zeros
    expect(errorOf(under, under).every((e, i) => e === -under[i] * FS)).toBe(true);
    // Averaged over the sine's cycles the dithered file holds the sine: its correlation with it is clear.
    const written = Float64Array.from(dithered([under], FS)[0], (v) => quantize(v, FS));
    expect(correlation(written, under)).toBeGreaterThan(0.15);
  });

  it('is the same noise for the same mix (exports are reproducible)', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});
