/** Short-time Fourier transform and a colour image of its magnitudes, for the spectrogram view. */

/** In-place radix-2 FFT of (re, im); the length must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  bitReverse(re, im);
  for (let size = 2; size <= n; size <<= 1) fftStage(re, im, size, 0, n >> 1);
}

/** The FFT's first step: (re, im) in bit-reversed order, in place. */
export function bitReverse(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i],
        m = im[i];
      re[i] = re[j];
      im[i] = im[j];
      re[j] = r;
      im[j] = m;
    }
  }
}

/** Butterflies [from, to) of the FFT's stage that joins transforms of `size` / 2 into ones of `size` (each stage has
 * n / 2), in place: an FFT can be done a share at a time (src/dsp/convolver.ts spreads one over an audio block). */
export function fftStage(re: Float64Array, im: Float64Array, size: number, from: number, to: number): void {
  const n = re.length;
  const half = size >> 1,
    step = n / size;
  const { cos, sin } = twiddles(n);
  for (let b = from; b < to; ) {
    const group = Math.floor(b / half);
    const first = b - group * half;
    const last = Math.min(half, first + to - b);
    for (let k = first, a = group * size + first; k < last; k++, a++) {
      const wr = cos[k * step],
        wi = sin[k * step];
      const c = a + half;
      const tr = re[c] * wr - im[c] * wi,
        ti = re[c] * wi + im[c] * wr;
      re[c] = re[a] - tr;
      im[c] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
    b += last - first;
  }
}

/** cos and sin of -2 pi k / n for k < n / 2, computed once per size: the transform's trigonometry was most of its time. */
const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();
function twiddles(n: number) {
  let t = twiddleCache.get(n);
  if (!t) {
    const cos = new Float64Array(n >> 1),
      sin = new Float64Array(n >> 1);
    for (let k = 0; k < n >> 1; k++) {
      cos[k] = Math.cos((-2 * Math.PI * k) / n);
      sin[k] = Math.sin((-2 * Math.PI * k) / n);
    }
    t = { cos, sin };
    twiddleCache.set(n, t);
  }
  return t;
}

/** The periodic Hann window of n samples. */
export const hann = (n: number) =>
  Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));

/**
 * The `columns` analysis frames of `fftSize` samples spread evenly over signal[from, to), packed one after another.
 * Only these samples travel to the worker, however long the signal is.
 */
export function gatherFrames(
  signal: Float32Array,
  fftSize: number,
  columns: number,
  from = 0,
  to = signal.length,
): Float32Array<ArrayBuffer> {
  const hop = Math.max(1, (to - from - fftSize) / Math.max(1, columns - 1));
  const frames = new Float32Array(columns * fftSize);
  for (let c = 0; c < columns; c++) {
    const start = from + Math.round(c * hop);
    frames.set(signal.subarray(start, Math.min(to, start + fftSize)), c * fftSize);
  }
  return frames;
}

/** Magnitudes in dB (a full-scale sine reads 0 dB) of packed frames; each column holds bins 0..fftSize/2. */
export function framesToDb(frames: Float32Array, fftSize: number): Float32Array[] {
  const window = hann(fftSize);
  const bins = fftSize / 2 + 1;
  const norm = 2 / fftSize / 0.5; // Hann's coherent gain is 0.5
  const re = new Float64Array(fftSize),
    im = new Float64Array(fftSize);
  const out: Float32Array[] = [];
  for (let at = 0; at + fftSize <= frames.length; at += fftSize) {
    for (let i = 0; i < fftSize; i++) {
      re[i] = frames[at + i] * window[i];
      im[i] = 0;
    }
    fft(re, im);
    const column = new Float32Array(bins);
    for (let k = 0; k < bins; k++) column[k] = 20 * Math.log10(Math.hypot(re[k], im[k]) * norm + 1e-10);
    out.push(column);
  }
  return out;
}

/** Magnitudes in dB of `columns` frames spread evenly over the signal. */
export function stftDb(signal: Float32Array, fftSize: number, columns: number): Float32Array[] {
  return framesToDb(gatherFrames(signal, fftSize, columns), fftSize);
}

/** A perceptual colour map (dark blue -> magenta -> orange -> pale yellow) for values in [0, 1]. */
function colour(v: number): [number, number, number] {
  const stops = [
    [8, 8, 32],
    [80, 18, 123],
    [182, 54, 121],
    [251, 136, 97],
    [252, 253, 191],
  ];
  const x = Math.min(0.9999, Math.max(0, v)) * (stops.length - 1);
  const i = Math.floor(x),
    f = x - i;
  return [0, 1, 2].map((ch) => stops[i][ch] + f * (stops[i + 1][ch] - stops[i][ch])) as [number, number, number];
}

/** The frequency shown at pixel row `y` of `height`: logarithmic from `minHz` (bottom) to Nyquist (top). */
export function rowFrequency(y: number, height: number, sampleRate: number, minHz = 30): number {
  const fromBottom = (height - 1 - y) / Math.max(1, height - 1);
  return minHz * (sampleRate / 2 / minHz) ** fromBottom;
}

/** The pixel row (fractional) where `hz` is shown: rowFrequency's inverse, clamped to the image. */
export function frequencyRow(hz: number, height: number, sampleRate: number, minHz = 30): number {
  const fromBottom = Math.log(Math.max(hz, minHz) / minHz) / Math.log(sampleRate / 2 / minHz);
  return height - 1 - Math.min(1, fromBottom) * Math.max(1, height - 1);
}

/**
 * RGBA pixels (width = columns, height rows) of a dB spectrogram over `floorDb`..0, on a logarithmic frequency axis
 * as audio editors show it, so speech and music are not squeezed into the bottom rows.
 */
export function spectrogramImage(
  columns: Float32Array[],
  height: number,
  sampleRate: number,
  floorDb = -100,
): Uint8ClampedArray {
  const width = columns.length;
  const pixels = new Uint8ClampedArray(width * height * 4);
  const bins = columns[0]?.length ?? 0;
  const binHz = sampleRate / 2 / Math.max(1, bins - 1);
  // Each row shows the loudest bin of the band it covers, so no tone falls between two rows.
  const binOf = (hz: number) => Math.min(bins - 1, Math.max(0, Math.round(hz / binHz)));
  const rowBands = Array.from({ length: height }, (_, y) => {
    const lo = binOf(rowFrequency(y + 0.5, height, sampleRate));
    return [lo, Math.max(lo, binOf(rowFrequency(y - 0.5, height, sampleRate)))];
  });
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      let db = -Infinity;
      for (let k = rowBands[y][0]; k <= rowBands[y][1]; k++) db = Math.max(db, columns[x][k]);
      const [r, g, b] = colour(1 - db / floorDb);
      const at = (y * width + x) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = 255;
    }
  }
  return pixels;
}

/** The power spectrum (bins 0 .. size/2 - 1) of each Hann-windowed frame lying wholly inside `x`, frame by frame,
 * in one reused buffer (for analyses that fold each frame into a few numbers: onsets, chroma). */
export function forEachPowerSpectrum(
  x: Float32Array,
  size: number,
  hop: number,
  visit: (power: Float64Array, frame: number) => void,
): void {
  const w = hann(size);
  const re = new Float64Array(size),
    im = new Float64Array(size),
    power = new Float64Array(size / 2);
  for (let f = 0; f * hop + size <= x.length; f++) {
    for (let k = 0; k < size; k++) {
      re[k] = x[f * hop + k] * w[k];
      im[k] = 0;
    }
    fft(re, im);
    for (let k = 0; k < size / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    visit(power, f);
  }
}
