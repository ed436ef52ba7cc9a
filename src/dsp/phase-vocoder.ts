/**
 * Time stretching by a phase vocoder with identity phase locking (Laroche and Dolson, 1999): overlapping Hann-windowed
 * spectra of the input, read at the stretched pace, each partial's phase advanced by its own measured frequency and
 * the bins around it locked to it, then added back at the output's pace. Unlike WSOLA, which splices whole frames and
 * can keep only one period aligned, every partial of a chord keeps its frequency, so a pitch shift built on it
 * (src/dsp/time-stretch.ts) moves a chord's notes cleanly; onsets smear over a window (128 ms at 16 kHz), which the
 * beat survives (bench/sketch-bench.ts). Several channels are stretched together: the phases are advanced on their
 * sum and every channel is turned by the same angles, so the channels keep their phase relations (the stereo image
 * does not wander, as it does when each channel is stretched alone).
 */
import { fft, hann } from './spectrogram';

const SIZE = 2048;
const OVERLAP = 4;

/** `x` lasting `factor` times as long, its pitch unchanged. */
export function phaseVocoderStretch(x: Float32Array, factor: number): Float32Array {
  return phaseVocoderStretchChannels([x], factor)[0];
}

/** Every channel lasting `factor` times as long, pitch and phase relations between the channels unchanged. */
export function phaseVocoderStretchChannels(channels: readonly Float32Array[], factor: number): Float32Array[] {
  if (!(factor > 0)) throw new Error(`A stretch factor must be positive (got ${factor}).`);
  const length = channels[0]?.length ?? 0;
  const outLength = Math.round(length * factor);
  const hop = SIZE / OVERLAP;
  const window = hann(SIZE);
  const outs = channels.map(() => new Float64Array(outLength + SIZE));
  const norm = new Float64Array(outLength + SIZE);
  const state = new PhaseState(SIZE / 2 + 1);
  const spectra = channels.map(() => ({ re: new Float64Array(SIZE), im: new Float64Array(SIZE) }));
  const sum = { re: new Float64Array(SIZE), im: new Float64Array(SIZE) };
  const turn = { cos: new Float64Array(SIZE / 2 + 1), sin: new Float64Array(SIZE / 2 + 1) };
  for (let m = 0; m * hop < outLength + SIZE / 2; m++) {
    // The frame centred where the output's frame m reads the input.
    const read = Math.round((m * hop) / factor) - SIZE / 2;
    sum.re.fill(0);
    sum.im.fill(0);
    channels.forEach((x, c) => {
      const { re, im } = spectra[c];
      for (let i = 0; i < SIZE; i++) {
        const j = read + i;
        re[i] = j >= 0 && j < x.length ? x[j] * window[i] : 0;
        im[i] = 0;
      }
      fft(re, im);
      for (let k = 0; k < SIZE; k++) {
        sum.re[k] += re[k];
        sum.im[k] += im[k];
      }
    });
    state.advance(sum.re, sum.im, read, hop);
    state.turns(turn);
    const at = m * hop - SIZE / 2;
    spectra.forEach(({ re, im }, c) => {
      turnAndInvert(re, im, turn);
      const out = outs[c];
      for (let i = 0; i < SIZE; i++) {
        const j = at + i;
        if (j >= 0 && j < out.length) out[j] += re[i] * window[i];
      }
    });
    for (let i = 0; i < SIZE; i++) {
      const j = at + i;
      if (j >= 0 && j < norm.length) norm[j] += window[i] * window[i];
    }
  }
  return outs.map((out) => {
    const y = new Float32Array(outLength);
    for (let i = 0; i < outLength; i++) y[i] = norm[i] > 1e-6 ? out[i] / norm[i] : 0;
    return y;
  });
}

/** The magnitudes of the latest frame and the phases it is given in the output, from frame to frame. */
class PhaseState {
  private readonly magnitude: Float64Array;
  private readonly output: Float64Array;
  private readonly phase: Float64Array;
  private readonly previous: Float64Array;
  private readonly next: Float64Array;
  private lastRead: number | null = null;

  constructor(bins: number) {
    this.magnitude = new Float64Array(bins);
    this.output = new Float64Array(bins);
    this.phase = new Float64Array(bins);
    this.previous = new Float64Array(bins);
    this.next = new Float64Array(bins);
  }

  /** Takes a frame's spectrum read at `read` (samples) and sets its output phases for a step of `hop` samples. */
  advance(re: Float64Array, im: Float64Array, read: number, hop: number): void {
    const bins = this.magnitude.length;
    for (let k = 0; k < bins; k++) {
      this.magnitude[k] = Math.hypot(re[k], im[k]);
      this.phase[k] = Math.atan2(im[k], re[k]);
    }
    if (this.lastRead === null) this.output.set(this.phase);
    else this.lockToPeaks(read - this.lastRead, hop);
    this.previous.set(this.phase);
    this.lastRead = read;
  }

  /** The angle each bin is turned by, from the phase read to the phase given (the same for every channel). */
  turns(into: { cos: Float64Array; sin: Float64Array }): void {
    for (let k = 0; k < this.output.length; k++) {
      const angle = this.output[k] - this.phase[k];
      into.cos[k] = Math.cos(angle);
      into.sin[k] = Math.sin(angle);
    }
  }

  /** Each peak's phase runs on at the frequency measured between the two input frames `stride` apart; the bins
   * nearest a peak keep their phase relative to it (identity phase locking), so a partial's skirt moves with it. */
  private lockToPeaks(stride: number, hop: number): void {
    const { magnitude, phase, previous, output, next } = this;
    const bins = magnitude.length;
    const peaks: number[] = [];
    for (let k = 1; k < bins - 1; k++)
      if (magnitude[k] > magnitude[k - 1] && magnitude[k] >= magnitude[k + 1]) peaks.push(k);
    if (peaks.length === 0) peaks.push(0);
    for (const k of peaks) {
      const omega = (2 * Math.PI * k) / ((bins - 1) * 2);
      const measured = stride > 0 ? omega + wrap(phase[k] - previous[k] - omega * stride) / stride : omega;
      next[k] = output[k] + measured * hop;
    }
    let p = 0;
    for (let k = 0; k < bins; k++) {
      while (p + 1 < peaks.length && peaks[p + 1] - k < k - peaks[p]) p++;
      if (k !== peaks[p]) next[k] = next[peaks[p]] + phase[k] - phase[peaks[p]];
    }
    output.set(next);
  }
}

/** A channel's frame spectrum turned, bin by bin, by the state's angles (from the phases it read to the phases it
 * gives the output), and back to a real frame in `re` (by the conjugate FFT). With one channel this is the state's
 * magnitudes at the output phases. */
function turnAndInvert(re: Float64Array, im: Float64Array, turn: { cos: Float64Array; sin: Float64Array }): void {
  const n = re.length;
  const bins = n / 2 + 1;
  for (let k = 0; k < bins; k++) {
    const a = re[k];
    const b = im[k];
    re[k] = a * turn.cos[k] - b * turn.sin[k];
    im[k] = -(a * turn.sin[k] + b * turn.cos[k]);
  }
  for (let k = bins; k < n; k++) {
    re[k] = re[n - k];
    im[k] = -im[n - k];
  }
  fft(re, im);
  for (let i = 0; i < n; i++) re[i] /= n;
}

const wrap = (angle: number) => angle - 2 * Math.PI * Math.round(angle / (2 * Math.PI));
