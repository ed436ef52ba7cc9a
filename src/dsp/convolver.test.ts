import { describe, expect, it } from 'vitest';
import { CONVOLVER_BLOCK, PartitionedConvolver } from './convolver';
import { seededRandom } from './dither';

const noise = (length: number, seed: number) => {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => random() * 2 - 1);
};

/** x convolved with h, directly, the first `length` samples. */
function direct(x: Float32Array, h: Float32Array, length: number): Float64Array {
  const y = new Float64Array(length);
  for (let n = 0; n < length; n++)
    for (let k = 0; k <= n && k < h.length; k++) if (n - k < x.length) y[n] += h[k] * x[n - k];
  return y;
}

/** The convolver run over `signal` in blocks of the given sizes in turn (a copy, CONVOLVER_BLOCK longer). */
function streamed(convolver: PartitionedConvolver, signal: Float32Array[], sizes: number[], wet = 1, dry = 0) {
  const length = signal[0].length + CONVOLVER_BLOCK;
  const out = signal.map((c) => {
    const padded = new Float32Array(length);
    padded.set(c);
    return padded;
  });
  for (let at = 0, k = 0; at < length; k++) {
    const to = Math.min(length, at + sizes[k % sizes.length]);
    convolver.run(
      out.map((c) => c.subarray(at, to)),
      wet,
      dry,
    );
    at = to;
  }
  return out;
}

const worstError = (got: Float32Array, want: ArrayLike<number>, from: number) => {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[from + i] - want[i]));
  return worst;
};

describe('PartitionedConvolver', () => {
  it('gives each channel its impulse convolved with it, CONVOLVER_BLOCK samples late, whatever the block sizes', () => {
    const x = [noise(6000, 1), noise(6000, 2), noise(6000, 3)];
    const [h0, h1] = [noise(3500, 4), noise(700, 5)];
    const out = streamed(new PartitionedConvolver([h0, h1, h0]), x, [128, 997, 1, 3000]);
    [h0, h1, h0].forEach((h, c) => {
      const want = direct(x[c], h, x[c].length);
      expect(worstError(out[c], want, CONVOLVER_BLOCK)).toBeLessThan(1e-3);
      expect(out[c].subarray(0, CONVOLVER_BLOCK).every((v) => v === 0)).toBe(true);
    });
  });

  it('a mono channel alone, an impulse longer than the input; dry alone gives the input back, late', () => {
    const x = [noise(2500, 6)];
    const h = noise(9000, 7);
    const out = streamed(new PartitionedConvolver([h]), x, [128]);
    expect(worstError(out[0], direct(x[0], h, x[0].length), CONVOLVER_BLOCK)).toBeLessThan(1e-3);
    const dry = streamed(new PartitionedConvolver([h]), x, [500], 0, 1);
    expect(worstError(dry[0], x[0], CONVOLVER_BLOCK)).toBe(0);
  });

  it('a long impulse (its tail in big blocks, worked out across the quanta) gives the same as one convolution', () => {
    const x = [noise(40000, 10), noise(40000, 11)];
    // Dense parts in the head and across the tail's start, and taps about where the head hands over to the tail.
    const h = new Float32Array(50000);
    h.set(noise(500, 12), 0);
    h.set(noise(700, 13), 15000);
    for (const at of [15359, 15360, 24000, 31743, 31744, 49999]) h[at] = 0.7;
    const taps = [...h.keys()].filter((i) => h[i] !== 0);
    const want = (signal: Float32Array) =>
      Float64Array.from({ length: signal.length }, (_, n) => {
        let sum = 0;
        for (const k of taps) if (k <= n) sum += h[k] * signal[n - k];
        return sum;
      });
    const out = streamed(new PartitionedConvolver([h, h]), x, [128]);
    x.forEach((c, k) => expect(worstError(out[k], want(c), CONVOLVER_BLOCK)).toBeLessThan(2e-3));
    const inOne = streamed(new PartitionedConvolver([h, h]), x, [1 << 20]);
    expect(worstError(inOne[0], want(x[0]), CONVOLVER_BLOCK)).toBeLessThan(2e-3);
  });

  it('an impulse of one sample scales the sound; wet and dry add', () => {
    const x = [noise(3000, 8), noise(3000, 9)];
    const h = new Float32Array([0.5]);
    const out = streamed(new PartitionedConvolver([h, h]), x, [256], 2, 1);
    x.forEach((c, k) =>
      expect(
        worstError(
          out[k],
          c.map((v) => 2 * v),
          CONVOLVER_BLOCK,
        ),
      ).toBeLessThan(1e-5),
    );
  });
});
