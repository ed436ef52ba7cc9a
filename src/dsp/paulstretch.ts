/**
 * Paulstretch, as Audacity's (Paul Nasca's extreme time stretch): a sound made many times longer without its pitch
 * moving, smeared into a slowly changing texture, as ambient and sound-design work asks. Frames of `windowSeconds`
 * (Hann-windowed) are read from the input at an even pace `factor` times slower than they are written; each frame's
 * spectrum keeps its magnitudes and takes random phases (the same for every channel, so the image stays as wide as
 * the channels' levels make it), and the frames overlap by half through a sine window (whose square, Hann's, sums to
 * one at half overlap: the frames' random phases add as powers, so the level holds steady instead of pumping at the
 * frame rate), scaled so that a steady sound keeps its level.
 * Seeded, so the same settings make the same sound.
 */
import { fft, hann } from './spectrogram';

export interface Paulstretch {
  /** How many times longer the sound becomes (1 to 50). */
  factor: number;
  /** The frame, s (0.05 to 2): longer frames smear more and keep low notes whole. */
  windowSeconds: number;
}

export const STRETCH_FACTOR = { min: 1, max: 50 } as const;
export const STRETCH_WINDOW_SECONDS = { min: 0.05, max: 2 } as const;

/** The frame length: `windowSeconds` rounded to a power of two, at least 256 samples. */
export const stretchFrameSize = (windowSeconds: number, rate: number) =>
  Math.max(256, 2 ** Math.round(Math.log2(windowSeconds * rate)));

/** The channels stretched to `length` samples (the caller's round(input * factor)). */
export function paulstretch(
  channels: readonly Float32Array[],
  rate: number,
  { windowSeconds }: Paulstretch,
  length: number,
): Float32Array[] {
  const size = stretchFrameSize(windowSeconds, rate);
  const half = size / 2;
  const window = hann(size);
  const synthesis = window.map(Math.sqrt);
  const inLength = channels[0]?.length ?? 0;
  const outs = channels.map(() => new Float64Array(length + size));
  const frames = Math.ceil(length / half) + 1;
  // The input frame moves evenly through the input while the output's moves by `half`; where the input is longer than
  // a frame, it stays inside it (a frame cut off by the input's edge would smear that edge's click over the stretch).
  const inside = inLength >= size;
  const step = frames > 1 ? (inside ? inLength - size : inLength) / (frames - 1) : 0;
  let seed = 12345;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const phases = new Float64Array(half + 1);
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k <= half; k++) phases[k] = 2 * Math.PI * random();
    const from = Math.round(f * step) - (inside ? 0 : half);
    channels.forEach((x, c) => {
      for (let i = 0; i < size; i++) {
        const j = from + i;
        re[i] = j >= 0 && j < inLength ? x[j] * window[i] : 0;
      }
      im.fill(0);
      fft(re, im);
      for (let k = 0; k <= half; k++) {
        const magnitude = Math.hypot(re[k], im[k]);
        re[k] = magnitude * Math.cos(phases[k]);
        im[k] = magnitude * Math.sin(phases[k]);
      }
      for (let k = 1; k < half; k++) {
        re[size - k] = re[k];
        im[size - k] = -im[k];
      }
      for (let k = 0; k < size; k++) im[k] = -im[k]; // the inverse by the conjugate transform
      fft(re, im);
      const out = outs[c];
      const at = f * half - half;
      for (let i = 0; i < size; i++) {
        const j = at + i;
        if (j >= 0 && j < length) out[j] += (re[i] / size) * synthesis[i];
      }
    });
  }
  // A Hann-windowed frame keeps 3/8 of a steady sound's power; the random phases spread it evenly over the frame.
  const scale = Math.sqrt(8 / 3);
  return outs.map((out) => Float32Array.from(out.subarray(0, length), (v) => v * scale));
}
