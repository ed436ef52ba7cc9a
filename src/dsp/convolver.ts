/**
 * Convolution with an impulse response (a recorded room, hall, plate or speaker cabinet), as a convolution reverb
 * (Logic's Space Designer, Reaper's ReaVerb, Audition's Convolution Reverb) runs it: partitioned overlap-save in two
 * stages (Gardner 1995; Wefers 2015). The impulse's first part is cut into blocks of HEAD samples, the rest into
 * blocks of TAIL samples; each block's spectrum (an FFT of twice its length, zero-padded) is multiplied with the
 * spectra of the input's last blocks of that size and the products summed. Small head blocks keep the latency at
 * HEAD samples; big tail blocks make a long impulse cheap (a 10 s impulse at 48 kHz costs about 70 spectral
 * products a sample rather than 470). The tail starts late enough in the impulse (2 TAIL - HEAD samples) that each
 * of its blocks has a whole block's time to be worked out, so its work, FFTs too, is spread evenly over the quanta of
 * the audio thread, as is the head's; no quantum carries a block's whole sum. Two channels share each FFT (one as its
 * real part, one as its imaginary part). An impulse block's spectrum is made only when the input has run long
 * enough to reach it.
 */
import { bitReverse, fftStage } from './spectrogram';

/** The head's partition, in samples: the convolver's latency (21 ms at 48 kHz). */
export const CONVOLVER_BLOCK = 1024;
const HEAD = CONVOLVER_BLOCK;
const TAIL = 8192;
/** Where the tail's part of the impulse starts: its output comes 2 TAIL samples late, the head's HEAD. */
const SPLIT = 2 * TAIL - HEAD;

/** A pair of channels sharing one complex FFT; `b` -1: an odd channel out (the imaginary part left at zero). */
interface Pair {
  a: number;
  b: number;
}

/** Split complex spectra of `parts` blocks, block p at p * bins. */
interface Spectra {
  re: Float32Array;
  im: Float32Array;
}

const spectra = (parts: number, bins: number): Spectra => ({
  re: new Float32Array(parts * bins),
  im: new Float32Array(parts * bins),
});

/** Channels 0..count-1 in pairs, an odd one last alone. */
function pairs(count: number): Pair[] {
  const out: Pair[] = [];
  for (let a = 0; a < count; a += 2) out.push({ a, b: a + 1 < count ? a + 1 : -1 });
  return out;
}

/** Each channel's part [from, to) of its impulse, channels given the same impulse sharing one part. */
function segments(impulses: readonly Float32Array[], from: number, to: number): Float32Array[] {
  const cut = new Map<Float32Array, Float32Array>();
  return impulses.map((h) => {
    if (!cut.has(h)) cut.set(h, h.subarray(Math.min(from, h.length), Math.min(to, h.length)));
    return cut.get(h)!;
  });
}

/** The impulse's convolution with each channel, HEAD samples late, in two uniformly partitioned stages. */
export class PartitionedConvolver {
  private readonly head: UniformStage;
  private readonly tail: UniformStage | null;
  /** Each channel's last HEAD samples of input: the dry sound, as late as the convolved one. */
  private readonly dryLine: Float32Array[];
  private dryAt = 0;
  private wetAll: Float32Array[] = [];

  /** `impulses`: each channel's impulse response (the same array for channels that share one). */
  constructor(impulses: readonly Float32Array[]) {
    this.head = new UniformStage(segments(impulses, 0, SPLIT), HEAD, false);
    const long = impulses.some((h) => h.length > SPLIT);
    this.tail = long ? new UniformStage(segments(impulses, SPLIT, Infinity), TAIL, true) : null;
    this.dryLine = impulses.map(() => new Float32Array(HEAD));
  }

  /** Replaces the channels of `block` (in place) with `wet` times their convolution plus `dry` times themselves, both
   * CONVOLVER_BLOCK samples late. */
  run(block: Float32Array[], wet: number, dry: number): void {
    const length = block[0]?.length ?? 0;
    // Sized to the block: the worklet's every quantum reuses them (a shorter block, cut on the automation grid,
    // takes views).
    if ((this.wetAll[0]?.length ?? 0) < length) this.wetAll = block.map(() => new Float32Array(length));
    const sum = this.wetAll[0]?.length === length ? this.wetAll : this.wetAll.map((w) => w.subarray(0, length));
    for (const s of sum) s.fill(0);
    this.head.run(block, sum);
    this.tail?.run(block, sum);
    block.forEach((channel, c) => {
      const line = this.dryLine[c];
      const convolved = sum[c];
      for (let i = 0, at = this.dryAt; i < length; i++) {
        const late = line[at];
        line[at] = channel[i];
        channel[i] = wet * convolved[i] + dry * late;
        at = at + 1 === HEAD ? 0 : at + 1;
      }
    });
    this.dryAt = (this.dryAt + length) % HEAD;
  }
}

/** An in-place FFT of (re, im) done a share at a time: its bit reversal (counted as a stage), then its stages'
 * butterflies in order. */
class SteppedFft {
  private done = 0;
  private readonly half: number;
  private readonly total: number;

  constructor(
    readonly re: Float64Array,
    readonly im: Float64Array,
  ) {
    this.half = re.length >> 1;
    this.total = this.half * (Math.log2(re.length) + 1);
  }

  restart(): void {
    this.done = 0;
  }

  /** Works on until `share` of it is done (1: all of it). */
  advance(share: number): void {
    const target = Math.min(this.total, Math.ceil(share * this.total));
    while (this.done < target) {
      if (this.done === 0) {
        bitReverse(this.re, this.im);
        this.done = this.half;
        continue;
      }
      const stage = Math.floor(this.done / this.half); // joins transforms into ones of 2^stage
      const from = this.done - stage * this.half;
      const to = Math.min(this.half, from + target - this.done);
      fftStage(this.re, this.im, 2 ** stage, from, to);
      this.done += to - from;
    }
  }
}

/** Where in a tail block's time each part of the last block's work is to be done by: its input's FFT, the products
 * summed, the inverse FFT (the rest of the time is spare). */
const FORWARD_BY = 0.1;
const SUMS_BY = 0.7;
const INVERSE_BY = 0.95;

/** How far `share` is through [from, to), 0 to 1. */
const through = (share: number, from: number, to: number) => Math.max(0, Math.min(1, (share - from) / (to - from)));

/**
 * One uniformly partitioned overlap-save stage over blocks of `size` samples. Without slack, a block's output is
 * ready as its last input sample comes in (its newest product then, the older ones summed while it filled): `size`
 * samples late. With slack, it is worked out while the next block fills, its FFTs too, and heard after: 2 `size`
 * samples late.
 */
class UniformStage {
  private readonly n: number;
  private readonly bins: number;
  private readonly parts: number;
  private readonly impulses: readonly Float32Array[];
  private readonly impulseSpectra: Spectra[];
  private readonly impulseOf: number[];
  /** How many impulse blocks have their spectra so far. */
  private ready = 0;
  /** Each channel's last `parts` input spectra, a ring: the newest at `newest`. */
  private readonly inputSpectra: Spectra[];
  private newest = -1;
  /** Input blocks taken so far (spectra older than this many are silence). */
  private blocks = 0;
  /** Each channel's input: the previous block, then the one filling. */
  private readonly input: Float32Array[];
  /** Each channel's output given out now, and (with slack) the one being worked out. */
  private output: Float32Array[];
  private next: Float32Array[];
  private position = 0;
  /** Each pair of channels' FFT (of its input, then of its output). */
  private readonly transforms: SteppedFft[];
  /** The impulse blocks' FFT. */
  private readonly scratch: SteppedFft;
  /** The products summed so far for the block being worked out, and how many partitions they cover. */
  private readonly sums: Spectra[];
  private summed = 0;
  /** With slack, where the last block's work is: its input's spectra taken, its inverse FFT begun, done. */
  private split = true;
  private inverting = false;
  private pending = false;
  private readonly channelPairs: Pair[];
  private readonly impulsePairs: Pair[];

  constructor(
    impulses: readonly Float32Array[],
    private readonly size: number,
    private readonly slack: boolean,
  ) {
    this.n = 2 * size;
    this.bins = size + 1;
    const distinct = [...new Set(impulses)];
    this.impulses = distinct;
    this.impulseOf = impulses.map((h) => distinct.indexOf(h));
    this.parts = Math.max(1, ...distinct.map((h) => Math.ceil(h.length / size)));
    this.impulseSpectra = distinct.map(() => spectra(this.parts, this.bins));
    this.inputSpectra = impulses.map(() => spectra(this.parts, this.bins));
    this.sums = impulses.map(() => spectra(1, this.bins));
    this.input = impulses.map(() => new Float32Array(this.n));
    this.output = impulses.map(() => new Float32Array(size));
    this.next = impulses.map(() => new Float32Array(size));
    this.channelPairs = pairs(impulses.length);
    this.impulsePairs = pairs(distinct.length);
    const transform = () => new SteppedFft(new Float64Array(this.n), new Float64Array(this.n));
    this.transforms = this.channelPairs.map(transform);
    this.scratch = transform();
  }

  /** Takes `block`'s samples in and adds the stage's output over them to `out`. */
  run(block: readonly Float32Array[], out: Float32Array[]): void {
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; ) {
      const take = Math.min(length - i, this.size - this.position);
      block.forEach((channel, c) => {
        this.input[c].set(channel.subarray(i, i + take), this.size + this.position);
        const output = this.output[c];
        const sum = out[c];
        for (let j = 0; j < take; j++) sum[i + j] += output[this.position + j];
      });
      this.position += take;
      i += take;
      if (this.position === this.size) {
        this.boundary();
        this.position = 0;
      } else this.spread(this.position / this.size);
    }
  }

  /** The work due by `share` of the way through the block now filling. */
  private spread(share: number): void {
    if (!this.slack) {
      // The products of every partition but the newest, for the block filling.
      this.sumUpTo(Math.floor(share * (this.reach(this.blocks) - 1)), this.blocks);
      return;
    }
    if (!this.pending) return;
    this.forwardTo(through(share, 0, FORWARD_BY));
    if (share < FORWARD_BY) return;
    this.sumUpTo(Math.floor(through(share, FORWARD_BY, SUMS_BY) * this.reach(this.blocks - 1)), this.blocks - 1);
    if (share >= SUMS_BY) this.inverseTo(through(share, SUMS_BY, INVERSE_BY), this.next);
  }

  /** A block of input is in. Without slack: its spectrum, its product, and its output; with slack: the last block's
   * work finished and its output heard from now, this one's begun. */
  private boundary(): void {
    if (this.slack) {
      if (this.pending) {
        this.forwardTo(1);
        this.inverseTo(1, this.next);
      }
      [this.output, this.next] = [this.next, this.output];
    }
    this.takeInput();
    if (this.slack) return;
    this.forwardTo(1);
    this.inverseTo(1, this.output);
  }

  /** How many partitions reach block `index` (those with input that far back). */
  private reach(index: number): number {
    return Math.min(this.parts, index + 1);
  }

  /** The block just in, as each pair's FFT's input (the real and imaginary parts), the filling half moved back to be
   * the previous block; its spectra go in the ring's next place. */
  private takeInput(): void {
    this.channelPairs.forEach(({ a, b }, k) => {
      const { re, im } = this.transforms[k];
      re.set(this.input[a]);
      if (b < 0) im.fill(0);
      else im.set(this.input[b]);
      this.transforms[k].restart();
    });
    for (const input of this.input) input.copyWithin(0, this.size);
    this.newest = (this.newest + 1) % this.parts;
    this.blocks++;
    [this.split, this.inverting, this.pending] = [false, false, true];
  }

  /** The input's FFTs worked on until `share` of them is done; once done, the spectra taken into the ring. */
  private forwardTo(share: number): void {
    if (this.split) return;
    for (const transform of this.transforms) transform.advance(share);
    if (share < 1) return;
    this.channelPairs.forEach((pair, k) => this.splitInto(this.transforms[k], pair, this.inputSpectra, this.newest));
    this.split = true;
  }

  /** The sums completed, then the inverse FFTs worked on until `share` of them is done; once done, the output block
   * in `into`, and the sums cleared for the next block's. */
  private inverseTo(share: number, into: Float32Array[]): void {
    if (!this.pending) return;
    if (!this.inverting) {
      this.sumUpTo(this.reach(this.blocks - 1), this.blocks - 1);
      this.channelPairs.forEach((pair, k) => this.joinFrom(pair, this.transforms[k]));
      this.inverting = true;
    }
    for (const transform of this.transforms) transform.advance(share);
    if (share < 1) return;
    this.channelPairs.forEach(({ a, b }, k) => {
      const { re, im } = this.transforms[k];
      const { size, n } = this;
      for (let i = 0; i < size; i++) {
        into[a][i] = re[size + i] / n;
        if (b >= 0) into[b][i] = -im[size + i] / n;
      }
    });
    for (const { re, im } of this.sums) {
      re.fill(0);
      im.fill(0);
    }
    this.summed = 0; // the next block's sums begin
    this.pending = false;
  }

  /** The products of the partitions [summed, to) in turn added to the sums for the output of input block `index`
   * (partition p times the spectrum of input block index - p, which the ring holds p places before that block's).
   * With slack the partitions go in order; without, the newest (p = 0, whose input is the block filling) goes last.
   * Nothing before the first block. */
  private sumUpTo(to: number, index: number): void {
    const { bins, parts } = this;
    if (index < 0) return;
    const reach = this.reach(index);
    const slotOfIndex = (this.newest - (this.blocks - 1 - index) + parts) % parts;
    for (; this.summed < to; this.summed++) {
      const p = this.slack ? this.summed : (this.summed + 1) % reach;
      while (this.ready <= p) this.transformImpulseBlock(this.ready++);
      const xo = ((slotOfIndex - p + parts) % parts) * bins;
      const ho = p * bins;
      this.inputSpectra.forEach((x, c) => {
        const h = this.impulseSpectra[this.impulseOf[c]];
        const { re: sr, im: si } = this.sums[c];
        for (let k = 0; k < bins; k++) {
          const xr = x.re[xo + k],
            xi = x.im[xo + k],
            hr = h.re[ho + k],
            hi = h.im[ho + k];
          sr[k] += xr * hr - xi * hi;
          si[k] += xr * hi + xi * hr;
        }
      });
    }
  }

  /** Impulse block p's spectrum, for each distinct impulse (zero-padded to twice the block). */
  private transformImpulseBlock(p: number): void {
    const { re, im } = this.scratch;
    const part = (h: Float32Array | undefined, into: Float64Array) => {
      into.fill(0);
      if (h) into.set(h.subarray(p * this.size, (p + 1) * this.size));
    };
    for (const pair of this.impulsePairs) {
      part(this.impulses[pair.a], re);
      part(pair.b < 0 ? undefined : this.impulses[pair.b], im);
      this.scratch.restart();
      this.scratch.advance(1);
      this.splitInto(this.scratch, pair, this.impulseSpectra, p);
    }
  }

  /** The two real signals' half spectra out of their joint FFT, into block `slot` of `into`. */
  private splitInto({ re, im }: SteppedFft, { a, b }: Pair, into: Spectra[], slot: number): void {
    const { n } = this;
    const [A, B] = [into[a], b < 0 ? null : into[b]];
    const at = slot * this.bins;
    for (let k = 0; k < this.bins; k++) {
      const m = (n - k) % n;
      A.re[at + k] = (re[k] + re[m]) / 2;
      A.im[at + k] = (im[k] - im[m]) / 2;
      if (B) {
        B.re[at + k] = (im[k] + im[m]) / 2;
        B.im[at + k] = (re[m] - re[k]) / 2;
      }
    }
  }

  /** The pair's sums as one spectrum A + iB over all n bins (each half spectrum's other half is its mirror's
   * conjugate), conjugated so that a forward FFT inverts it, in the transform's arrays. */
  private joinFrom({ a, b }: Pair, transform: SteppedFft): void {
    const { n, bins } = this;
    const { re, im } = transform;
    const A = this.sums[a];
    const B = b < 0 ? null : this.sums[b];
    for (let k = 0; k < n; k++) {
      const mirrored = k >= bins;
      const j = mirrored ? n - k : k;
      const sign = mirrored ? -1 : 1;
      const bi = B ? sign * B.im[j] : 0;
      const br = B ? B.re[j] : 0;
      re[k] = A.re[j] - bi;
      im[k] = -(sign * A.im[j] + br);
    }
    transform.restart();
  }
}
