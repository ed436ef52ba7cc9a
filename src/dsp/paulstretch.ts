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
  const scratch = { re: new Float64Array(size), im: new Float64Array(size) };
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k <= half; k++) phases[k] = 2 * Math.PI * random();
    const from = Math.round(f * step) - (inside ? 0 : half);
    // Two channels a frame through one complex transform: one as its real part, the other as its imaginary part.
    for (let c = 0; c < channels.length; c += 2) {
      const [a, b] = [channels[c], channels[c + 1]];
      for (let i = 0; i < size; i++) {
        const j = from + i;
        const inside = j >= 0 && j < inLength;
        re[i] = inside ? a[j] * window[i] : 0;
        im[i] = inside && b ? b[j] * window[i] : 0;
      }
      fft(re, im);
      randomisePhases(re, im, phases, scratch);
      fft(re, im); // the inverse, by the conjugate transform (randomisePhases left the spectrum conjugated)
      const at = f * half - half;
      for (let i = 0; i < size; i++) {
        const j = at + i;
        if (j < 0 || j >= length) continue;
        outs[c][j] += (re[i] / size) * synthesis[i];
        if (b) outs[c + 1][j] -= (im[i] / size) * synthesis[i];
      }
    }
  }
  // A Hann-windowed frame keeps 3/8 of a steady sound's power; the random phases spread it evenly over the frame.
  const scale = Math.sqrt(8 / 3);
  return outs.map((out) => Float32Array.from(out.subarray(0, length), (v) => v * scale));
}

/**
 * A two-channel frame's spectrum Z (channel a as the real part, b as the imaginary) made into the conjugate of a
 * spectrum whose inverse is a' + i b', in place: each channel's magnitudes kept, every bin's phase set to `phases`
 * (the DC and Nyquist bins kept real); `w` is scratch space. Separated, A = (Z[k] + conj Z[N-k]) / 2 and B = (Z[k] - conj Z[N-k]) / 2i.
 */
function randomisePhases(
  re: Float64Array,
  im: Float64Array,
  phases: Float64Array,
  w: { re: Float64Array; im: Float64Array },
): void {
  const size = re.length;
  const half = size / 2;
  for (let k = 0; k <= half; k++) {
    const m = (size - k) % size;
    const aRe = (re[k] + re[m]) / 2;
    const aIm = (im[k] - im[m]) / 2;
    const bRe = (im[k] + im[m]) / 2;
    const bIm = (re[m] - re[k]) / 2;
    const [magA, magB] = [Math.hypot(aRe, aIm), Math.hypot(bRe, bIm)];
    const edge = k === 0 || k === half; // real there: the part of e^(i phase) a real signal keeps
    const [cos, sin] = [Math.cos(phases[k]), edge ? 0 : Math.sin(phases[k])];
    // A' = magA e^(i phase), B' = magB e^(i phase); W[k] = A' + i B', W[N-k] = conj A' + i conj B'.
    w.re[k] = magA * cos - magB * sin;
    w.im[k] = magA * sin + magB * cos;
    if (k !== 0 && k !== half) {
      w.re[m] = magA * cos + magB * sin;
      w.im[m] = -magA * sin + magB * cos;
    }
  }
  for (let k = 0; k < size; k++) {
    re[k] = w.re[k];
    im[k] = -w.im[k];
  }
}
