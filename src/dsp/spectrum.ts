/**
 * Frequency analysis, as Audacity's Plot Spectrum: the average power spectrum of a programme (Welch's method: Hann
 * windows of 8192 samples, half overlapping, every channel), in dB where a full-scale sine's peak reads 0 dB, and its
 * loudest frequency found between bins (a parabola through the peak's log power) and named as a note.
 */
import { midiOf, nearestNoteOf, noteName } from './notes';
import { forEachPowerSpectrum } from './spectrogram';

export interface Spectrum {
  /** The bins' frequencies (Hz) and levels (dB), bin 0 to just under the Nyquist frequency. */
  hz: Float64Array;
  db: Float32Array;
  /** The loudest bin above 0 Hz, refined between bins; -Infinity dB in silence. */
  peakHz: number;
  peakDb: number;
}

const MAX_SIZE = 8192;
const MIN_SIZE = 256;

/** The programme's average spectrum, or null where it is shorter than the smallest window (256 samples). */
export function averageSpectrum(channels: Float32Array[], rate: number): Spectrum | null {
  const length = channels[0]?.length ?? 0;
  if (length < MIN_SIZE) return null;
  const size = Math.min(MAX_SIZE, 2 ** Math.floor(Math.log2(length)));
  const sum = new Float64Array(size / 2);
  let frames = 0;
  for (const ch of channels)
    forEachPowerSpectrum(ch, size, size / 2, (power) => {
      for (let k = 0; k < power.length; k++) sum[k] += power[k];
      frames++;
    });
  // A sine of amplitude A puts A * size / 4 in its Hann-windowed bin: that power reads 20 log10(A) dB.
  const fullScale = (size / 4) ** 2;
  const db = Float32Array.from(sum, (p) => 10 * Math.log10(p / frames / fullScale));
  const hz = Float64Array.from(db, (_, k) => (k * rate) / size);
  let peak = 1;
  for (let k = 2; k < db.length; k++) if (db[k] > db[peak]) peak = k;
  return { hz, db, ...refinedPeak(db, peak, rate / size) };
}

/** The peak between bins: the vertex of the parabola through the peak bin's level and its neighbours'. */
function refinedPeak(db: Float32Array, k: number, binHz: number): { peakHz: number; peakDb: number } {
  const [a, b, c] = [db[k - 1], db[k], db[k + 1] ?? db[k - 1]];
  if (!Number.isFinite(b)) return { peakHz: k * binHz, peakDb: -Infinity };
  const curve = a - 2 * b + c;
  const offset = curve < 0 ? (0.5 * (a - c)) / curve : 0;
  return { peakHz: (k + offset) * binHz, peakDb: b - 0.25 * (a - c) * offset };
}

/** A frequency as the nearest note of equal temperament (A4 = 440 Hz) and how many cents off it ("A4 +0 cents"). */
export function noteOf(hz: number): string {
  const { note, cents } = nearestNoteOf(midiOf(hz));
  return `${noteName(note)} ${cents >= 0 ? '+' : ''}${cents} cents`;
}
