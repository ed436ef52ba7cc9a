/**
 * Noise reduction from a noise profile, as Audacity's: the user selects a stretch of noise alone (hiss, hum, room
 * tone), whose mean power per frequency becomes the profile; then every short-time spectrum of the recording is
 * gated bin by bin: where its power, averaged over a few neighbouring bins, is not `sensitivityDb` over the profile's
 * it is taken down by `reductionDb`. (Unaveraged, one noise bin in fifty passes a 6 dB threshold by chance, and the
 * gate then lets through a twittering "musical noise".) The gate opens at once, closes over `RELEASE_SECONDS` (so a
 * note's tail is not chopped), and is smoothed across neighbouring bins. The channels share one gate, computed on
 * their mean power, so a stereo image is not pulled about. Frames are processed as they come (overlap-add): an hour
 * needs no more memory than a second.
 */
import { fft, hann } from './spectrogram';

export interface NoiseProfile {
  sampleRate: number;
  /** Frame length of the analysis (a power of two, about 46 ms). */
  size: number;
  /** Mean power of the noise per frequency bin (size / 2 + 1 values). */
  power: number[];
}

export interface NoiseReduction {
  reductionDb: number;
  sensitivityDb: number;
}

export const NOISE_REDUCTION_DB = { min: 0, max: 48 } as const;
export const NOISE_SENSITIVITY_DB = { min: 0, max: 24 } as const;
/** A profile needs a few frames of noise to average. */
export const MIN_PROFILE_SECONDS = 0.1;

/** Frames overlap this many times (a hop of a quarter frame). */
export const OVERLAP = 4;
const RELEASE_SECONDS = 0.1;
const SMOOTH_BINS = 2;

/** About 46 ms of samples, a power of two (2048 at 44.1 and 48 kHz): fine enough in frequency for hum's harmonics. */
export function frameSize(sampleRate: number): number {
  return 2 ** Math.round(Math.log2(sampleRate * 0.046));
}

/** The mean power per bin of a stretch of noise (its channels averaged). */
export function noiseProfile(channels: readonly Float32Array[], sampleRate: number): NoiseProfile {
  const size = frameSize(sampleRate);
  const length = channels[0]?.length ?? 0;
  if (length < Math.max(size, MIN_PROFILE_SECONDS * sampleRate))
    throw new Error(`Select at least ${MIN_PROFILE_SECONDS} s of noise alone to take its profile.`);
  return meanSpectrum(channels, sampleRate);
}

/** The mean power per bin of the channels (averaged), over frames of `frameSize` at the rate. */
export function meanSpectrum(channels: readonly Float32Array[], sampleRate: number): NoiseProfile {
  const size = frameSize(sampleRate);
  const power = new Float64Array(size / 2 + 1);
  let frames = 0;
  forEachFrame(channels, size, (spectra) => {
    meanPower(spectra, (k, p) => {
      power[k] += p;
    });
    frames++;
  });
  return { sampleRate, size, power: Array.from(power, (p) => p / frames) };
}

/** The channels with the profile's noise taken down (new arrays, the same length). */
export function reduceNoise(
  channels: readonly Float32Array[],
  sampleRate: number,
  profile: NoiseProfile,
  { reductionDb, sensitivityDb }: NoiseReduction,
): Float32Array[] {
  if (profile.sampleRate !== sampleRate)
    throw new Error(`The noise profile was taken at ${profile.sampleRate} Hz; take it again at ${sampleRate} Hz.`);
  const { size } = profile;
  const bins = size / 2 + 1;
  const threshold = smoothed(Float64Array.from(profile.power), new Float64Array(bins)).map(
    (p) => p * 10 ** (sensitivityDb / 10),
  );
  // The gate in dB (0 open, -reductionDb closed), per bin, carried from frame to frame for the release.
  const gate = new Float64Array(bins).fill(-reductionDb);
  const release = (reductionDb * (size / OVERLAP)) / (RELEASE_SECONDS * sampleRate);
  const gateDb = new Float64Array(bins);
  const gains = new Float64Array(bins);
  return filterFrames(channels, size, (heard) => {
    for (let k = 0; k < bins; k++) gate[k] = Math.max(heard[k] >= threshold[k] ? 0 : -reductionDb, gate[k] - release);
    smoothed(gate, gateDb);
    for (let k = 0; k < bins; k++) gains[k] = 10 ** (gateDb[k] / 20);
    return gains;
  }).channels;
}

/** The channels through per-bin gains that `gainsOf` decides frame by frame from what it hears there (the channels'
 * mean power, averaged over neighbouring bins); the `follow` signals take the same gains (so an evaluation can tell
 * what happened to each part of a mixture). Overlap-add, frames as they come; new arrays, the same length. */
export function filterFrames(
  channels: readonly Float32Array[],
  size: number,
  gainsOf: (heard: Float64Array, start: number) => Float64Array,
  follow: readonly Float32Array[] = [],
): { channels: Float32Array[]; follow: Float32Array[] } {
  const bins = size / 2 + 1;
  const power = new Float64Array(bins);
  const heard = new Float64Array(bins);
  const results = editFrames([...channels, ...follow], size, (spectra, start) => {
    meanPower(spectra.slice(0, channels.length), (k, p) => {
      power[k] = p;
    });
    const gains = gainsOf(smoothed(power, heard), start);
    for (const { re, im } of spectra)
      for (let k = 0; k < bins; k++) {
        re[k] *= gains[k];
        im[k] *= gains[k];
      }
  });
  return { channels: results.slice(0, channels.length), follow: results.slice(channels.length) };
}

/** The signals with each frame's spectra (bins 0 to size / 2; the upper half is mirrored from them) changed in place
 * by `edit`, put back together by weighted overlap-add; new arrays, the same length. */
export function editFrames(
  signals: readonly Float32Array[],
  size: number,
  edit: (spectra: { re: Float64Array; im: Float64Array }[], start: number) => void,
): Float32Array[] {
  const window = hann(size);
  const length = signals[0]?.length ?? 0;
  const outs = signals.map(() => new Float64Array(length));
  const norm = new Float64Array(length);
  forEachFrame(signals, size, (spectra, start) => {
    edit(spectra, start);
    spectra.forEach(({ re, im }, c) => {
      inverse(re, im);
      const out = outs[c];
      for (let i = 0; i < size; i++) {
        const j = start + i;
        if (j >= 0 && j < length) out[j] += re[i] * window[i];
      }
    });
    for (let i = 0; i < size; i++) {
      const j = start + i;
      if (j >= 0 && j < length) norm[j] += window[i] * window[i];
    }
  });
  return outs.map((out) => Float32Array.from(out, (v, i) => (norm[i] > 1e-9 ? v / norm[i] : 0)));
}

/** Hann-windowed spectra of every channel, frames every size / OVERLAP samples from half a frame before the start
 * (so every sample is covered by a full set of windows); `start` is where the frame's first sample sits. */
export function forEachFrame(
  channels: readonly Float32Array[],
  size: number,
  visit: (spectra: { re: Float64Array; im: Float64Array }[], start: number) => void,
): void {
  const hop = size / OVERLAP;
  const window = hann(size);
  const length = channels[0]?.length ?? 0;
  const spectra = channels.map(() => ({ re: new Float64Array(size), im: new Float64Array(size) }));
  for (let start = -size + hop; start < length; start += hop) {
    channels.forEach((x, c) => {
      const { re, im } = spectra[c];
      for (let i = 0; i < size; i++) {
        const j = start + i;
        re[i] = j >= 0 && j < length ? x[j] * window[i] : 0;
      }
      im.fill(0);
      fft(re, im);
    });
    visit(spectra, start);
  }
}

/** Calls `use(k, power)` with the channels' mean power in each bin. */
export function meanPower(
  spectra: { re: Float64Array; im: Float64Array }[],
  use: (k: number, power: number) => void,
): void {
  const bins = spectra[0].re.length / 2 + 1;
  for (let k = 0; k < bins; k++) {
    let p = 0;
    for (const { re, im } of spectra) p += re[k] * re[k] + im[k] * im[k];
    use(k, p / spectra.length);
  }
}

/** Each value averaged with SMOOTH_BINS either side (fewer at the ends), into `out` (frame after frame, no new arrays). */
export function smoothed(values: Float64Array, out: Float64Array): Float64Array {
  for (let k = 0; k < values.length; k++) {
    const from = Math.max(0, k - SMOOTH_BINS);
    const to = Math.min(values.length - 1, k + SMOOTH_BINS);
    let sum = 0;
    for (let j = from; j <= to; j++) sum += values[j];
    out[k] = sum / (to - from + 1);
  }
  return out;
}

/** The real frame of a spectrum whose upper half mirrors its lower half, into `re` (by the conjugate FFT). */
function inverse(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let k = 1; k < n / 2; k++) {
    re[n - k] = re[k];
    im[n - k] = -im[k];
  }
  for (let k = 0; k < n; k++) im[k] = -im[k];
  fft(re, im);
  for (let i = 0; i < n; i++) re[i] /= n;
}
