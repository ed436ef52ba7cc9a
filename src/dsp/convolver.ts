/**
 * Convolution with an impulse response (a recorded room, hall, plate or speaker cabinet), as a convolution reverb
 * (Logic's Space Designer, Reaper's ReaVerb, Audition's Convolution Reverb) runs it: uniformly partitioned
 * overlap-save (Stockham 1966; Wefers 2015). The impulse is cut into blocks of BLOCK samples whose spectra (FFTs of
 * twice that, zero-padded) are multiplied with the spectra of the input's last blocks and summed, so a 10 s impulse
 * costs about as much per sample as one of BLOCK samples would directly, at BLOCK samples of latency. Two channels
 * share each FFT (one as its real part, one as its imaginary part). An impulse block's spectrum is made only when the
 * input has run long enough to reach it, one a block, so a long impulse does not stall the audio thread at the start.
 */
import { fft } from './spectrogram';

/** The partition and hop, in samples: the convolver's latency (21 ms at 48 kHz). */
export const CONVOLVER_BLOCK = 1024;

/** A pair of channels' working spectra (the pair sharing one complex FFT). */
interface Pair {
  a: number;
  /** The second channel, or -1 (an odd channel out: the imaginary part is left at zero). */
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

export class PartitionedConvolver {
  private readonly n = 2 * CONVOLVER_BLOCK;
  private readonly bins = CONVOLVER_BLOCK + 1;
  private readonly parts: number;
  /** Each distinct impulse's blocks' spectra (channels given the same impulse share one), and which each channel has. */
  private readonly impulses: readonly Float32Array[];
  private readonly impulseSpectra: Spectra[];
  private readonly impulseOf: number[];
  /** How many impulse blocks have their spectra so far. */
  private ready = 0;
  /** Each channel's last `parts` input spectra, a ring: the newest at `head`. */
  private readonly inputSpectra: Spectra[];
  private head = 0;
  /** Blocks run so far (the input spectra older than this many are silence). */
  private blocks = 0;
  /** Each channel's input: the previous block, then the one filling. */
  private readonly input: Float32Array[];
  /** Each channel's last block of output, given out while the next block of input fills. */
  private readonly output: Float32Array[];
  private position = 0;
  private readonly re = new Float64Array(2 * CONVOLVER_BLOCK);
  private readonly im = new Float64Array(2 * CONVOLVER_BLOCK);
  private readonly sum: Spectra[];
  private readonly channelPairs: Pair[];
  private readonly impulsePairs: Pair[];

  /** `impulses`: each channel's impulse response (the same array for channels that share one). */
  constructor(impulses: readonly Float32Array[]) {
    const distinct = [...new Set(impulses)];
    this.impulses = distinct;
    this.impulseOf = impulses.map((h) => distinct.indexOf(h));
    this.parts = Math.max(1, ...distinct.map((h) => Math.ceil(h.length / CONVOLVER_BLOCK)));
    this.impulseSpectra = distinct.map(() => spectra(this.parts, this.bins));
    this.inputSpectra = impulses.map(() => spectra(this.parts, this.bins));
    this.sum = impulses.map(() => spectra(1, this.bins));
    this.input = impulses.map(() => new Float32Array(this.n));
    this.output = impulses.map(() => new Float32Array(CONVOLVER_BLOCK));
    this.channelPairs = pairs(impulses.length);
    this.impulsePairs = pairs(distinct.length);
  }

  /** Replaces the channels of `block` (in place) with `wet` times their convolution plus `dry` times themselves, both
   * CONVOLVER_BLOCK samples late. */
  run(block: Float32Array[], wet: number, dry: number): void {
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; ) {
      const take = Math.min(length - i, CONVOLVER_BLOCK - this.position);
      block.forEach((channel, c) => {
        const input = this.input[c];
        const output = this.output[c];
        for (let j = 0; j < take; j++) {
          const at = this.position + j;
          input[CONVOLVER_BLOCK + at] = channel[i + j];
          channel[i + j] = wet * output[at] + dry * input[at];
        }
      });
      this.position += take;
      i += take;
      if (this.position === CONVOLVER_BLOCK) {
        this.step();
        this.position = 0;
      }
    }
  }

  /** A block of input in: its spectra into the ring, the sums of products out as the next block of output. */
  private step(): void {
    while (this.ready < Math.min(this.parts, this.blocks + 1)) this.transformImpulseBlock(this.ready++);
    for (const pair of this.channelPairs) {
      this.forward(this.input[pair.a], pair.b < 0 ? null : this.input[pair.b]);
      this.split(pair, this.inputSpectra, this.head);
    }
    this.input.forEach((_, c) => this.multiplyAdd(c));
    for (const pair of this.channelPairs) this.inverse(pair);
    for (const input of this.input) input.copyWithin(0, CONVOLVER_BLOCK);
    this.head = (this.head + 1) % this.parts;
    this.blocks++;
  }

  /** Impulse block p's spectrum, for each distinct impulse. */
  private transformImpulseBlock(p: number): void {
    const frame = (h: Float32Array) => {
      const part = new Float32Array(this.n);
      part.set(h.subarray(p * CONVOLVER_BLOCK, (p + 1) * CONVOLVER_BLOCK));
      return part;
    };
    for (const pair of this.impulsePairs) {
      this.forward(frame(this.impulses[pair.a]), pair.b < 0 ? null : frame(this.impulses[pair.b]));
      this.split(pair, this.impulseSpectra, p);
    }
  }

  /** The FFT of `a` + i `b` into re, im. */
  private forward(a: Float32Array, b: Float32Array | null): void {
    this.re.set(a);
    if (b) this.im.set(b);
    else this.im.fill(0);
    fft(this.re, this.im);
  }

  /** The two real signals' half spectra out of their joint one (re, im), into block `slot` of `into`. */
  private split({ a, b }: Pair, into: Spectra[], slot: number): void {
    const { re, im, n } = this;
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

  /** Channel c's output spectrum: each of its last inputs' spectra times the impulse block as far back, summed. */
  private multiplyAdd(c: number): void {
    const { bins, parts } = this;
    const x = this.inputSpectra[c];
    const h = this.impulseSpectra[this.impulseOf[c]];
    const { re: sr, im: si } = this.sum[c];
    sr.fill(0);
    si.fill(0);
    const reach = Math.min(parts, this.blocks + 1);
    for (let p = 0; p < reach; p++) {
      const xo = ((this.head - p + parts) % parts) * bins;
      const ho = p * bins;
      for (let k = 0; k < bins; k++) {
        const xr = x.re[xo + k],
          xi = x.im[xo + k],
          hr = h.re[ho + k],
          hi = h.im[ho + k];
        sr[k] += xr * hr - xi * hi;
        si[k] += xr * hi + xi * hr;
      }
    }
  }

  /** The pair's output spectra back to samples: the last block of the inverse FFT is the new output. */
  private inverse({ a, b }: Pair): void {
    const { re, im, n, bins } = this;
    const A = this.sum[a];
    const B = b < 0 ? null : this.sum[b];
    // The joint spectrum A + iB over all n bins (each half spectrum's other half is its mirror's conjugate),
    // conjugated so that a forward FFT inverts it.
    for (let k = 0; k < n; k++) {
      const mirrored = k >= bins;
      const j = mirrored ? n - k : k;
      const sign = mirrored ? -1 : 1;
      const [ar, ai] = [A.re[j], sign * A.im[j]];
      const [br, bi] = B ? [B.re[j], sign * B.im[j]] : [0, 0];
      re[k] = ar - bi;
      im[k] = -(ai + br);
    }
    fft(re, im);
    const outA = this.output[a];
    const outB = b < 0 ? null : this.output[b];
    for (let i = 0; i < CONVOLVER_BLOCK; i++) {
      outA[i] = re[CONVOLVER_BLOCK + i] / n;
      if (outB) outB[i] = -im[CONVOLVER_BLOCK + i] / n;
    }
  }
}

/** Channels 0..count-1 in pairs, an odd one last alone. */
function pairs(count: number): Pair[] {
  const out: Pair[] = [];
  for (let a = 0; a < count; a += 2) out.push({ a, b: a + 1 < count ? a + 1 : -1 });
  return out;
}
