/** A frequency band of a selection (a box drawn on the spectrogram) and how the spectral effects ease into it, in
 * frequency at its edges and in time at the selection's ends. */
import { filterFrames, frameSize } from './noise-reduction';

/** A frequency range of a selection (a box drawn on the spectrogram), in Hz. */
export interface FrequencyBand {
  lowHz: number;
  highHz: number;
}

/** A change eases in and out over this at a selection's ends. */
const EDGE_SECONDS = 0.01;
/** A band's edges ease out over this (raised cosine in log frequency), so its border leaves no step in the spectrum. */
const BAND_EDGE_OCTAVES = 1 / 6;

/** "250 Hz" or "2.5 kHz", as a band's edges are shown. */
export const formatHz = (hz: number) => (hz < 1000 ? `${Math.round(hz)} Hz` : `${(hz / 1000).toFixed(1)} kHz`);

/** "2.0-6.0 kHz"-style text for a band. */
export const describeBand = ({ lowHz, highHz }: FrequencyBand) => `${formatHz(lowHz)}–${formatHz(highHz)}`;

/** Why `band` is no band up to `nyquist` Hz, or null when it is one. */
export function bandProblem({ lowHz, highHz }: FrequencyBand, nyquist: number): string | null {
  return lowHz >= 0 && highHz <= nyquist && lowHz < highHz
    ? null
    : `A band runs from a lower to a higher frequency, between 0 and ${nyquist} Hz (got ${lowHz}-${highHz} Hz).`;
}

/** How much of the change each frequency bin takes: 1 inside the band, easing to 0 over BAND_EDGE_OCTAVES outside
 * it; every bin 1 with no band. */
export function bandWeights(band: FrequencyBand | undefined, size: number, sampleRate: number): Float64Array {
  const weights = new Float64Array(size / 2 + 1).fill(1);
  if (!band) return weights;
  const problem = bandProblem(band, sampleRate / 2);
  if (problem) throw new Error(problem);
  const ease = (octaves: number) =>
    octaves <= 0 ? 1 : octaves >= BAND_EDGE_OCTAVES ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * octaves) / BAND_EDGE_OCTAVES);
  for (let k = 0; k < weights.length; k++) {
    const hz = Math.max((k * sampleRate) / size, 1e-3);
    const below = band.lowHz > 0 ? Math.log2(band.lowHz / hz) : 0;
    weights[k] = ease(Math.max(below, Math.log2(hz / band.highHz)));
  }
  return weights;
}

/** The change fades in over the mark's first EDGE_SECONDS and out over its last (raised cosine), so a mark through
 * the middle of a loud sound does not click where the untouched audio meets it. */
export function easeEdges(x: Float32Array, y: Float32Array, sampleRate: number): void {
  const n = Math.min(Math.round(EDGE_SECONDS * sampleRate), Math.floor(y.length / 2));
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((Math.PI * i) / n);
    y[i] = x[i] + (y[i] - x[i]) * w;
    const j = y.length - 1 - i;
    y[j] = x[j] + (y[j] - x[j]) * w;
  }
}

/** The channels with `db` of gain in the band (RX's gain on a spectral selection), every other frequency as it was;
 * new arrays, the same length. */
export function bandGain(channels: readonly Float32Array[], sampleRate: number, band: FrequencyBand, db: number) {
  const size = frameSize(sampleRate);
  const reach = bandWeights(band, size, sampleRate);
  const gain = 10 ** (db / 20);
  const gains = reach.map((w) => 1 + w * (gain - 1));
  const made = filterFrames(channels, size, () => gains).channels;
  made.forEach((y, c) => easeEdges(channels[c], y, sampleRate));
  return made;
}
