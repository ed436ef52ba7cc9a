/**
 * Keeps what an edit did not touch. The model regenerates the whole selection through its VAE, which costs detail
 * everywhere; but comparing its output Y with its own reconstruction R of the input says *where* it changed the
 * sound. Remove and extract then become a time-frequency gain min(1, |Y| / |R|) on the original recording (its own
 * detail and phase), and add becomes the original plus the part of Y that R does not explain, Y * max(0, 1 - |R| / |Y|).
 * Where the model changed nothing the gains are ~1 (or ~0 for add), so the original comes through untouched.
 */
import { fft } from './spectrogram';
import { resample } from './resample';

export type PreservingEdit = 'remove' | 'extract' | 'add';

/** Analysis at the model's rate: 512-point frames (31 Hz bins), hop 128. */
const N = 512;
const HOP = 128;

interface Spectrum {
  re: Float64Array[];
  im: Float64Array[];
  size: number;
  hop: number;
}

const hann = (n: number) => Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));

/** Frames centred on multiples of `hop` (zero outside the signal), Hann-windowed. */
export function stft(x: Float32Array, size: number, hop: number): Spectrum {
  const w = hann(size);
  const frames = Math.floor(x.length / hop) + 1;
  const re: Float64Array[] = [], im: Float64Array[] = [];
  for (let f = 0; f < frames; f++) {
    const r = new Float64Array(size), i = new Float64Array(size);
    const start = f * hop - size / 2;
    for (let k = 0; k < size; k++) {
      const at = start + k;
      if (at >= 0 && at < x.length) r[k] = x[at] * w[k];
    }
    fft(r, i);
    re.push(r);
    im.push(i);
  }
  return { re, im, size, hop };
}

/** Weighted overlap-add inverse of `stft`, `length` samples. */
export function istft(s: Spectrum, length: number): Float32Array {
  const w = hann(s.size);
  const out = new Float64Array(length), norm = new Float64Array(length);
  for (let f = 0; f < s.re.length; f++) {
    const r = Float64Array.from(s.re[f]), i = s.im[f].map((v) => -v); // ifft = conj(fft(conj)) / n
    fft(r, i);
    const start = f * s.hop - s.size / 2;
    for (let k = 0; k < s.size; k++) {
      const at = start + k;
      if (at < 0 || at >= length) continue;
      out[at] += (r[k] / s.size) * w[k];
      norm[at] += w[k] * w[k];
    }
  }
  return Float32Array.from(out, (v, i) => (norm[i] > 1e-8 ? v / norm[i] : 0));
}

/** Magnitudes of the first size/2 + 1 bins, smoothed over 3 frames x 3 bins: the gains compare envelopes, not grain. */
function envelope(s: Spectrum): Float64Array[] {
  const bins = s.size / 2 + 1;
  const mag = s.re.map((r, f) => Float64Array.from({ length: bins }, (_, k) => Math.hypot(r[k], s.im[f][k])));
  return mag.map((_, f) => Float64Array.from({ length: bins }, (_, k) => {
    let sum = 0, n = 0;
    for (let df = -1; df <= 1; df++) for (let dk = -1; dk <= 1; dk++) {
      const row = mag[f + df];
      if (row && k + dk >= 0 && k + dk < bins) {
        sum += row[k + dk];
        n++;
      }
    }
    return sum / n;
  }));
}

/** The time-frequency gains at the model's rate for remove/extract (on the original) or add (on the model's output). */
export function editGains(kind: PreservingEdit, model: Float32Array, recon: Float32Array): Float64Array[] {
  const y = envelope(stft(model, N, HOP)), r = envelope(stft(recon, N, HOP));
  const eps = 1e-6;
  return y.map((row, f) => row.map((yv, k) => {
    const rv = r[f]?.[k] ?? 0;
    return kind === 'add' ? Math.max(0, 1 - rv / (yv + eps)) : Math.min(1, yv / (rv + eps));
  }));
}

/** Applies gains computed at `gainRate` to a signal at `rate`: by time of frame and by frequency, interpolated; above
 * the model's band (half its rate) each frame uses its gain over the top octave. */
function applyGains(x: Float32Array, rate: number, gains: Float64Array[], gainRate: number): Float32Array {
  const ratio = rate / gainRate;
  const size = 2 ** Math.ceil(Math.log2(N * ratio));
  const hop = Math.round(HOP * ratio);
  const s = stft(x, size, hop);
  const bins = N / 2 + 1;
  const topOctave = gains.map((g) => g.slice(bins >> 1).reduce((a, b) => a + b, 0) / (bins - (bins >> 1)));
  for (let f = 0; f < s.re.length; f++) {
    const gf = Math.min(gains.length - 1, Math.round((f * hop) / rate * gainRate / HOP));
    for (let k = 0; k <= size / 2; k++) {
      const at = ((k * rate) / size) * (N / gainRate); // this bin's frequency, in gain bins
      let g: number;
      if (at >= bins - 1) g = topOctave[gf];
      else {
        const lo = Math.floor(at), t = at - lo;
        g = gains[gf][lo] * (1 - t) + gains[gf][lo + 1] * t;
      }
      s.re[f][k] *= g;
      s.im[f][k] *= g;
      if (k > 0 && k < size / 2) { // the mirrored bin keeps the spectrum Hermitian, so the result stays real
        s.re[f][size - k] *= g;
        s.im[f][size - k] *= g;
      }
    }
  }
  return istft(s, x.length);
}

/**
 * The edit's result on every channel of the original (at `rate`), from the model's output and its reconstruction of
 * the input (both mono at `modelRate`).
 */
export function preserveEdit(kind: PreservingEdit, original: Float32Array[], model: Float32Array, recon: Float32Array, modelRate: number, rate: number): Float32Array[] {
  const gains = editGains(kind, model, recon);
  if (kind !== 'add') return original.map((ch) => applyGains(ch, rate, gains, modelRate));
  const added = applyGains(model, modelRate, gains, modelRate);
  const atRate = modelRate === rate ? added : resample(added, modelRate, rate);
  return original.map((ch) => Float32Array.from(ch, (v, i) => v + (atRate[i] ?? 0)));
}
