/**
 * The noise floor of a recording learned from the recording itself, as Audition's Adaptive Noise Reduction and RX's
 * adaptive mode do: no stretch of noise alone is needed. Per frequency, the noise is what the recording never falls
 * under for long: the 10th percentile of its power over the frames (minimum statistics, Martin 2001), scaled up to the
 * mean power the noise has, so it stands where a profile of noise alone (src/dsp/noise-reduction.ts) would. Sound that
 * lasts through more than nine frames in ten in a band (a steady tone) is taken for noise there: that band is left
 * as it is rather than cut.
 */
import { frameSize, meanPower, type NoiseProfile, smoothed } from './noise-reduction';
import { fft, hann } from './spectrogram';

/** Frames looked at, spread evenly over the recording: an hour costs what a minute does. */
const MAX_FRAMES = 2000;
const PERCENTILE = 0.1;
/** The 10th percentile of noise's power (averaged over five bins, as the gate hears it) as a share of its mean: 0.38
 * for one channel, 0.53 for two of their own (their mean spreads less), measured on white noise; between them, the
 * learned floor is within 0.8 dB of the noise's mean either way (noise-floor.test.ts). */
const PERCENTILE_OF_MEAN = 0.45;

/** The learned profile; null where the recording is shorter than a frame or silent. */
export function learnedNoiseProfile(channels: readonly Float32Array[], sampleRate: number): NoiseProfile | null {
  const size = frameSize(sampleRate);
  const bins = size / 2 + 1;
  const length = channels[0]?.length ?? 0;
  if (length < size) return null;
  const step = Math.max(size / 4, Math.ceil((length - size) / MAX_FRAMES));
  const count = Math.floor((length - size) / step) + 1;
  const heard = new Float32Array(count * bins);
  const window = hann(size);
  const spectra = channels.map(() => ({ re: new Float64Array(size), im: new Float64Array(size) }));
  const power = new Float64Array(bins);
  const smooth = new Float64Array(bins);
  for (let f = 0; f < count; f++) {
    channels.forEach((x, c) => {
      const { re, im } = spectra[c];
      for (let i = 0; i < size; i++) re[i] = x[f * step + i] * window[i];
      im.fill(0);
      fft(re, im);
    });
    meanPower(spectra, (k, p) => {
      power[k] = p;
    });
    heard.set(smoothed(power, smooth), f * bins);
  }
  const column = new Float32Array(count);
  const floor = Array.from({ length: bins }, (_, k) => {
    for (let f = 0; f < count; f++) column[f] = heard[f * bins + k];
    column.sort();
    return column[Math.floor(PERCENTILE * (count - 1))] / PERCENTILE_OF_MEAN;
  });
  return floor.some((p) => p > 0) ? { sampleRate, size, power: floor } : null;
}
