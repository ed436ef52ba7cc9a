/**
 * Keeps what an edit did not touch. The model regenerates the whole selection through its VAE, which costs detail
 * everywhere; but comparing its output Y with its own reconstruction R of the input says *where* it changed the
 * sound. Remove then becomes a time-frequency gain min(1, |Y| / (0.5 |R|)) on the original recording (its own detail
 * and phase), and add becomes the original plus the part of Y that R does not explain, Y * max(0, 1 - |R| / (0.5 |Y|)).
 * Y is first level-matched to R per frequency (medians over time: an edit is local, the rest dominates), and only
 * changes over 6 dB count, so where the model changed nothing the original comes through untouched.
 * Style transfer can keep the performance instead: transferTimbre applies the model's change of spectral envelope,
 * |Y| / |R| smoothed, to the original, so its notes, timing and phase stay and only the colour of the sound changes.
 * A pack's separator gives the remove and extract gains directly: its mask on this same grid (applySeparation).
 * training/omni_model/model/preserve.py is the same in numpy, for the evaluation.
 */
import { fft, hann } from './spectrogram';
import { resample } from './resample';

export type PreservingEdit = 'remove' | 'add';
export type SeparatingEdit = 'remove' | 'extract';

/** Only changes larger than 6 dB count: the model's sample never matches its reconstruction exactly. */
const THRESHOLD = 0.5;

/** Analysis at the model's rate: 512-point frames (31 Hz bins), hop 128. */
const N = 512;
const HOP = 128;

interface Spectrum {
  re: Float64Array[];
  im: Float64Array[];
  size: number;
  hop: number;
}

/** Frames centred on multiples of `hop` (zero outside the signal), Hann-windowed. */
export function stft(x: Float32Array, size: number, hop: number): Spectrum {
  const w = hann(size);
  const frames = Math.floor(x.length / hop) + 1;
  const re: Float64Array[] = [],
    im: Float64Array[] = [];
  for (let f = 0; f < frames; f++) {
    const r = new Float64Array(size),
      i = new Float64Array(size);
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
  const out = new Float64Array(length),
    norm = new Float64Array(length);
  const r = new Float64Array(s.size),
    i = new Float64Array(s.size);
  for (let f = 0; f < s.re.length; f++) {
    r.set(s.re[f]); // ifft = conj(fft(conj)) / n
    for (let k = 0; k < s.size; k++) i[k] = -s.im[f][k];
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

/** Mean over 2 * radius + 1 neighbours along time (rows) or frequency (columns), over those inside at the edges. */
function box(rows: Float64Array[], radius: number, alongTime: boolean): Float64Array[] {
  const frames = rows.length,
    bins = rows[0]?.length ?? 0;
  const out = rows.map(() => new Float64Array(bins));
  const length = alongTime ? frames : bins,
    lines = alongTime ? bins : frames;
  const at = (line: number, i: number) => (alongTime ? rows[i][line] : rows[line][i]);
  const prefix = new Float64Array(length + 1);
  for (let line = 0; line < lines; line++) {
    for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i] + at(line, i);
    for (let i = 0; i < length; i++) {
      const lo = Math.max(0, i - radius),
        hi = Math.min(length, i + radius + 1);
      const mean = (prefix[hi] - prefix[lo]) / (hi - lo);
      if (alongTime) out[i][line] = mean;
      else out[line][i] = mean;
    }
  }
  return out;
}

/** Magnitudes smoothed over +-8 frames (+-64 ms) and +-6 bins (+-190 Hz): the gains compare sound, not grain. */
function envelope(s: Spectrum): Float64Array[] {
  const bins = s.size / 2 + 1;
  const mag = s.re.map((r, f) => Float64Array.from({ length: bins }, (_, k) => Math.hypot(r[k], s.im[f][k])));
  return box(box(mag, 8, true), 6, false);
}

function medianOverTime(rows: Float64Array[], bin: number): number {
  const values = rows.map((r) => r[bin]).sort((a, b) => a - b);
  return values[values.length >> 1] ?? 0;
}

/** The time-frequency gains at the model's rate: for remove on the original, for add on the model's output. */
export function editGains(kind: PreservingEdit, model: Float32Array, recon: Float32Array): Float64Array[] {
  const y = envelope(stft(model, N, HOP)),
    r = envelope(stft(recon, N, HOP));
  const eps = 1e-6;
  const match = Float64Array.from(y[0] ?? [], (_, k) => (medianOverTime(r, k) + eps) / (medianOverTime(y, k) + eps));
  return y.map((row, f) =>
    row.map((yRaw, k) => {
      const yv = yRaw * match[k],
        rv = r[f]?.[k] ?? 0;
      return kind === 'add'
        ? Math.min(1, Math.max(0, 1 - rv / (THRESHOLD * yv + eps)))
        : Math.min(1, yv / (THRESHOLD * rv + eps));
    }),
  );
}

/** The timbre gain's range, +-30 dB: a band the original lacks cannot be conjured out of its noise floor. */
const TIMBRE_RANGE = 10 ** (30 / 20);

/** The model's change of timbre at the model's rate: env(Y) / env(R), unmatched in level (a timbre change covers the
 * whole selection, so there is no unchanged rest to match against). */
export function timbreGains(model: Float32Array, recon: Float32Array): Float64Array[] {
  const y = envelope(stft(model, N, HOP)),
    r = envelope(stft(recon, N, HOP));
  const eps = 1e-6;
  return y.map((row, f) =>
    row.map((yv, k) => Math.min(TIMBRE_RANGE, Math.max(1 / TIMBRE_RANGE, (yv + eps) / ((r[f]?.[k] ?? 0) + eps)))),
  );
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
    const gf = Math.min(gains.length - 1, Math.round((((f * hop) / rate) * gainRate) / HOP));
    for (let k = 0; k <= size / 2; k++) {
      const at = ((k * rate) / size) * (N / gainRate); // this bin's frequency, in gain bins
      let g: number;
      if (at >= bins - 1) g = topOctave[gf];
      else {
        const lo = Math.floor(at),
          t = at - lo;
        g = gains[gf][lo] * (1 - t) + gains[gf][lo + 1] * t;
      }
      s.re[f][k] *= g;
      s.im[f][k] *= g;
      if (k > 0 && k < size / 2) {
        // the mirrored bin keeps the spectrum Hermitian, so the result stays real
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
export function preserveEdit(
  kind: PreservingEdit,
  original: Float32Array[],
  model: Float32Array,
  recon: Float32Array,
  modelRate: number,
  rate: number,
  addLevelDb?: number,
): Float32Array[] {
  const gains = editGains(kind, model, recon);
  if (kind !== 'add') return original.map((ch) => applyGains(ch, rate, gains, modelRate));
  const added = applyGains(model, modelRate, gains, modelRate);
  const atRate = modelRate === rate ? added : resample(added, modelRate, rate);
  if (addLevelDb !== undefined) {
    const gain = levelGain(atRate, mixDown(original), rate, addLevelDb);
    for (let i = 0; i < atRate.length; i++) atRate[i] *= gain;
  }
  return original.map((ch) => Float32Array.from(ch, (v, i) => v + (atRate[i] ?? 0)));
}

const mixDown = (channels: Float32Array[]) =>
  Float32Array.from(channels[0], (_, i) => channels.reduce((sum, ch) => sum + ch[i], 0) / channels.length);

/** Where the added sound is loudest: 1 s windows every 0.1 s. */
const LEVEL_WINDOW_SECONDS = 1;
const LEVEL_HOP_SECONDS = 0.1;
/** An addition is raised by 30 dB at most: what the model barely drew stays a hint, not amplified noise. */
const MAX_ADD_GAIN = 10 ** (30 / 20);

/** The gain that puts the added sound's loudest second `levelDb` over the background in that second (the asked level
 * of an addition, as AudioEdit mixes its events over their span). preserve.py level_gain is the same. */
export function levelGain(added: Float32Array, background: Float32Array, rate: number, levelDb: number): number {
  const size = Math.min(added.length, Math.round(LEVEL_WINDOW_SECONDS * rate)),
    hop = Math.max(1, Math.round(LEVEL_HOP_SECONDS * rate));
  let best = 0,
    at = 0;
  for (let start = 0; start + size <= added.length; start += hop) {
    let e = 0;
    for (let i = start; i < start + size; i++) e += added[i] * added[i];
    if (e > best) [best, at] = [e, start];
  }
  if (best === 0) return 1;
  let b = 0;
  for (let i = at; i < at + size; i++) b += (background[i] ?? 0) ** 2;
  return Math.min(MAX_ADD_GAIN, Math.sqrt(b / best) * 10 ** (levelDb / 20));
}

/** Style transfer keeping the performance: every channel of the original (at `rate`) with the model's change of
 * timbre (model and reconstruction mono at `modelRate`). */
export function transferTimbre(
  original: Float32Array[],
  model: Float32Array,
  recon: Float32Array,
  modelRate: number,
  rate: number,
): Float32Array[] {
  const gains = timbreGains(model, recon);
  return original.map((ch) => applyGains(ch, rate, gains, modelRate));
}

/** The bins of the analysis grid (at the model's rate) that a separator's mask must have. */
export const GRID_BINS = N / 2 + 1;

/** A separator's mask (frames x GRID_BINS, row-major, in [0, 1]) as gains: extract keeps what the mask holds, remove
 * the rest. */
export function separationGains(kind: SeparatingEdit, mask: Float32Array, bins: number): Float64Array[] {
  if (bins !== GRID_BINS)
    throw new Error(`The separator's mask has ${bins} bins; the studio's grid has ${GRID_BINS} (512-point frames).`);
  const frames = mask.length / bins;
  return Array.from({ length: frames }, (_, f) =>
    Float64Array.from(mask.subarray(f * bins, (f + 1) * bins), (m) => (kind === 'extract' ? m : 1 - m)),
  );
}

/** Remove or extract on every channel of the original (at `rate`) from the separator's mask (at `modelRate`): the
 * recording's own detail and phase, gains applied like every other spectral edit. */
export function applySeparation(
  kind: SeparatingEdit,
  original: Float32Array[],
  mask: Float32Array,
  bins: number,
  modelRate: number,
  rate: number,
): Float32Array[] {
  const gains = separationGains(kind, mask, bins);
  return original.map((ch) => applyGains(ch, rate, gains, modelRate));
}
