/** Mains hum found in a recording, for De-hum (src/dsp/dehum.ts): a fundamental within a tenth of a hertz of 50 or
 * 60 Hz whose harmonics stand out of a fine long-term spectrum (2 s frames, about 0.35 Hz between bins), each the
 * one line around it, and steadily through the recording: a sound that comes and goes, a note, a dense comb of an
 * engine's lines or a drone off the grid is not hum. */
import { fft, hann } from './spectrogram';

export interface Hum {
  /** The fundamental in Hz, refined from the harmonics' peaks. */
  hz: number;
  /** Harmonic numbers (1 is the fundamental) to take out. */
  harmonics: number[];
}

const MAINS_HZ = [50, 60];
/** Under this, too few of the fundamental's cycles to tell hum from anything else. */
export const MIN_SECONDS = 0.25;
/** How far the fundamental may sit from its nominal frequency: grids hold it within a few hundredths of a hertz
 * (a tenth in a disturbance) and recorders' clocks are closer still, so a steady tone further off is music or a
 * machine, not mains hum. */
const SEARCH_HZ = 0.1;
/** Long-term spectrum frames: 2 s, half overlapping; at most MAX_FRAMES of them, spread over the range. */
const FRAME_SECONDS = 2;
const MAX_FRAMES = 32;
/** The evidence: of the first ten harmonics, two rise FOUND_DB over the median spectrum around them, or one
 * ALONE_DB, each also LONE_DB over the highest bin around it. */
const FIRST_HARMONICS = 10;
const FOUND_DB = 10;
const ALONE_DB = 13;
const LONE_DB = 3;
/** Steadiness: one of the three strongest harmonics rises STEADY_DB in STEADY_SHARE of the frames, and the
 * strongest line's level drops in no frame more than LEVEL_DROP_DB under its median frame. */
const STEADY_SHARE = 0.8;
const STEADY_HARMONICS = 3;
const STEADY_DB = 6;
const LEVEL_DROP_DB = 6;
/** Taken out once hum is found: every harmonic up to the last that rises FOUND_DB, and any above it that rises
 * KEEP_DB, up to MAX_HZ. */
const KEEP_DB = 4;
const MAX_HZ = 8000;
/** Told there is hum, at least the first three harmonics are taken out. */
const TOLD_HARMONICS = 3;

/** Which mains to look for: either (found by itself), or the one the user says is there. */
export const MAINS = ['auto', '50', '60'] as const;
export type Mains = (typeof MAINS)[number];

/** The mains hum in the channels, or null where there is none. Told the mains, it takes the user's word that there is
 * hum and only finds its fundamental and harmonics (never null while the range is long enough to tell). */
export function findHum(channels: readonly Float32Array[], sampleRate: number, mains: Mains = 'auto'): Hum | null {
  const spectra = frameSpectra(mixDown(channels), sampleRate);
  if (spectra.frames.length === 0) return null;
  const told = mains !== 'auto';
  let best: (Hum & { score: number }) | null = null;
  for (const nominal of told ? [Number(mains)] : MAINS_HZ) {
    const found = humAt(spectra, nominal, sampleRate, told);
    if (found && (!best || found.score > best.score)) best = found;
  }
  return best && { hz: best.hz, harmonics: best.harmonics };
}

interface Spectra {
  /** Power per bin, each frame's and their mean. */
  frames: Float64Array[];
  mean: Float64Array;
  binHz: number;
}

function mixDown(channels: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(channels[0]?.length ?? 0);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i] / channels.length;
  return out;
}

function frameSpectra(x: Float32Array, sampleRate: number): Spectra {
  const frame = Math.min(x.length, Math.round(FRAME_SECONDS * sampleRate));
  const size = 2 ** Math.ceil(Math.log2(Math.max(2, frame)));
  const window = hann(frame);
  const count = frame < MIN_SECONDS * sampleRate ? 0 : Math.min(MAX_FRAMES, Math.floor((2 * x.length) / frame) - 1);
  const frames: Float64Array[] = [];
  const mean = new Float64Array(size / 2);
  for (let f = 0; f < count; f++) {
    const start = count === 1 ? 0 : Math.round((f * (x.length - frame)) / (count - 1));
    const re = new Float64Array(size);
    const im = new Float64Array(size);
    for (let i = 0; i < frame; i++) re[i] = x[start + i] * window[i];
    fft(re, im);
    const power = new Float64Array(size / 2);
    for (let b = 0; b < size / 2; b++) power[b] = re[b] * re[b] + im[b] * im[b] + 1e-30;
    frames.push(power);
    for (let b = 0; b < size / 2; b++) mean[b] += power[b] / count;
  }
  return { frames, mean, binHz: sampleRate / size };
}

/** Hum with its fundamental near `nominal` Hz, scored by how far its harmonics stand out; null if it is not there
 * (unless `told` it is). */
function humAt(spectra: Spectra, nominal: number, sampleRate: number, told: boolean): (Hum & { score: number }) | null {
  const { mean, binHz } = spectra;
  const count = Math.floor(Math.min(MAX_HZ, 0.45 * sampleRate) / nominal);
  const near = fundamentalNear(mean, nominal, binHz, count);
  if (near === null && !told) return null;
  const hz = near ?? nominal;
  const rise = Array.from({ length: count }, (_, i) => prominence(mean, (i + 1) * hz, binHz, hz));
  // Evidence: harmonics that stand out of the spectrum and are the one line around (a dense comb of lines, an
  // engine's or a low drone's, lines up with some harmonic wherever the fundamental is put).
  const first = rise
    .slice(0, FIRST_HARMONICS)
    .map((r, i) => (prominence(mean, (i + 1) * hz, binHz, hz, 1) >= LONE_DB ? r : 0));
  const score = first.reduce((sum, r) => sum + Math.max(0, Math.min(30, r)), 0);
  if (!told && !(standsOut(first) && isSteady(spectra, first, hz))) return null;
  const last = rise.reduce((top, r, i) => (r >= FOUND_DB ? i + 1 : top), told ? TOLD_HARMONICS : 1);
  const harmonics = rise.flatMap((r, i) => (i < last || r >= KEEP_DB ? [i + 1] : []));
  return { hz, harmonics, score };
}

/** The fundamental within SEARCH_HZ of `nominal` that lines the first harmonics up with peaks, refined from each
 * peak's own frequency; null if the refined one falls outside. */
function fundamentalNear(mean: Float64Array, nominal: number, binHz: number, count: number): number | null {
  let hz = nominal;
  let bestScore = -1;
  for (let f = nominal - SEARCH_HZ; f <= nominal + SEARCH_HZ + 1e-9; f += binHz / 8) {
    let score = 0;
    for (let k = 1; k <= FIRST_HARMONICS; k++) score += Math.max(0, Math.min(30, prominence(mean, k * f, binHz, f)));
    if (score > bestScore) [bestScore, hz] = [score, f];
  }
  hz = refine(mean, refine(mean, hz, binHz, FIRST_HARMONICS), binHz, count); // the first ten bring the rest within a bin
  return Math.abs(hz - nominal) <= SEARCH_HZ ? hz : null;
}

const standsOut = (first: number[]) =>
  first.filter((r) => r >= FOUND_DB).length >= 2 || first.some((r) => r >= ALONE_DB);

/** Whether the hum's strongest harmonics show through the frames and the strongest holds its level. */
function isSteady(spectra: Spectra, first: number[], hz: number): boolean {
  const strongest = first
    .map((r, i) => [r, (i + 1) * hz])
    .sort((a, b) => b[0] - a[0])
    .slice(0, STEADY_HARMONICS)
    .map(([, f]) => f);
  const shows = (p: Float64Array) => strongest.some((f) => prominence(p, f, spectra.binHz, hz) >= STEADY_DB);
  return (
    spectra.frames.filter(shows).length >= STEADY_SHARE * spectra.frames.length && holdsLevel(spectra, strongest[0])
  );
}

/** Whether the line at `hz` holds its level: no frame more than LEVEL_DROP_DB under the median frame (hum under a
 * loud passage only gains from it; a sound that stops loses it). */
function holdsLevel({ frames, binHz }: Spectra, hz: number): boolean {
  const powers = frames.map((p) => p[peakBin(p, hz, binHz)]).sort((a, b) => a - b);
  return 10 * Math.log10(powers[powers.length >> 1] / powers[0]) <= LEVEL_DROP_DB;
}

/** The fundamental fitted to the harmonics' peak frequencies (each interpolated between bins), weighted by how far
 * each stands out. */
function refine(power: Float64Array, hz: number, binHz: number, count: number): number {
  let num = 0,
    den = 0;
  for (let k = 1; k <= count; k++) {
    const rise = prominence(power, k * hz, binHz, hz);
    if (rise < FOUND_DB) continue;
    const peak = peakBin(power, k * hz, binHz);
    const [l, c, r] = [power[peak - 1], power[peak], power[peak + 1]].map(Math.log);
    const offset = (0.5 * (l - r)) / (l - 2 * c + r || 1);
    const weight = Math.min(30, rise) * k * k;
    num += (weight * ((peak + offset) * binHz)) / k;
    den += weight;
  }
  return den > 0 ? num / den : hz;
}

/** The bin with most power within a bin of `hz`. */
function peakBin(power: Float64Array, hz: number, binHz: number): number {
  const centre = Math.round(hz / binHz);
  let best = centre;
  for (let b = centre - 1; b <= centre + 1; b++) if (power[b] > power[best]) best = b;
  return Math.max(1, Math.min(power.length - 2, best));
}

/** How far, in dB, the peak at `hz` rises over the spectrum around it (within 0.4 of the fundamental either side,
 * the peak's own main lobe left out): over its median, or with `quantile` 1 over its highest bin. None where the
 * spectrum only climbs through `hz` towards a line further off (a steady tone a hertz away is not this harmonic). */
function prominence(power: Float64Array, hz: number, binHz: number, fundamental: number, quantile = 0.5): number {
  const peak = peakBin(power, hz, binHz);
  if (power[peak] < power[peak - 1] || power[peak] < power[peak + 1]) return 0;
  const reach = Math.round((0.4 * fundamental) / binHz);
  const around: number[] = [];
  for (let b = Math.max(1, peak - reach); b <= Math.min(power.length - 1, peak + reach); b++)
    if (Math.abs(b - peak) > 5) around.push(power[b]);
  if (around.length === 0) return 0;
  around.sort((a, b) => a - b);
  return 10 * Math.log10(power[peak] / around[Math.min(around.length - 1, Math.floor(quantile * around.length))]);
}
