/**
 * A parametric equalizer, as Audition's Parametric Equalizer and Audacity's EQ: up to five bands, each a low shelf, a
 * bell (peak) or a high shelf with its frequency, gain and Q, run one after another as second-order sections (the RBJ
 * Audio EQ Cookbook's, the same formulas as sox's `bass`, `equalizer` and `treble`). The curve the panel draws is
 * computed from the very sections that are applied, so what is drawn is what is done.
 */
import { type Biquad, biquad } from './filters';

export type EqBandType = 'lowShelf' | 'peak' | 'highShelf';

export const EQ_BAND_TYPES: readonly EqBandType[] = ['lowShelf', 'peak', 'highShelf'];

export const EQ_BAND_NAMES: Readonly<Record<EqBandType, string>> = {
  lowShelf: 'Low shelf',
  peak: 'Bell',
  highShelf: 'High shelf',
};

export interface EqBand {
  type: EqBandType;
  hz: number;
  gainDb: number;
  /** How narrow a bell is (its bandwidth is about hz / q); for a shelf, how steep (0.707: steepest without a bump). */
  q: number;
}

export const EQ_HZ = { min: 20, max: 20000 } as const;
export const EQ_GAIN_DB = { min: -24, max: 24 } as const;
export const EQ_Q = { min: 0.1, max: 18 } as const;

const SHELF_Q = Math.SQRT1_2;

/** Five flat bands where a voice or a mix is usually shaped: rumble, mud, body, presence, air. */
export const FLAT_EQ: readonly EqBand[] = [
  { type: 'lowShelf', hz: 100, gainDb: 0, q: SHELF_Q },
  { type: 'peak', hz: 300, gainDb: 0, q: 1 },
  { type: 'peak', hz: 1000, gainDb: 0, q: 1 },
  { type: 'peak', hz: 3000, gainDb: 0, q: 1 },
  { type: 'highShelf', hz: 8000, gainDb: 0, q: SHELF_Q },
];

/** Starting points, as comparable editors offer: each is the flat bands with some gains set. */
export const EQ_PRESETS: Readonly<Record<string, readonly number[]>> = {
  Flat: [0, 0, 0, 0, 0],
  'Bass boost': [6, 0, 0, 0, 0],
  'Bass cut': [-12, 0, 0, 0, 0],
  'Treble boost': [0, 0, 0, 0, 6],
  'Treble cut': [0, 0, 0, 0, -12],
  'Voice clarity': [-6, -3, 0, 3, 2],
  'Less muddy': [0, -4, 0, 0, 0],
  Telephone: [-24, 0, 6, 0, -24],
};

/** The flat bands with a preset's gains. */
export const presetBands = (name: string): EqBand[] =>
  FLAT_EQ.map((band, i) => ({ ...band, gainDb: EQ_PRESETS[name]?.[i] ?? 0 }));

/** Why the bands cannot be applied, or null: every field inside its bounds. */
export function eqProblem(bands: readonly EqBand[]): string | null {
  const outside = (v: number, { min, max }: { min: number; max: number }) => !(v >= min && v <= max);
  for (const [i, band] of bands.entries()) {
    const which = `Equalizer band ${i + 1}`;
    if (!EQ_BAND_TYPES.includes(band.type)) return `${which} is of no known type (${band.type}).`;
    if (outside(band.hz, EQ_HZ)) return `${which}'s frequency must be ${EQ_HZ.min} to ${EQ_HZ.max} Hz.`;
    if (outside(band.gainDb, EQ_GAIN_DB)) return `${which}'s gain must be ${EQ_GAIN_DB.min} to +${EQ_GAIN_DB.max} dB.`;
    if (outside(band.q, EQ_Q)) return `${which}'s Q must be ${EQ_Q.min} to ${EQ_Q.max}.`;
  }
  return null;
}

/** Whether the bands change anything at a rate: some band has a gain and a frequency under the Nyquist frequency. */
export const eqChanges = (bands: readonly EqBand[], sampleRate: number): boolean =>
  eqSections(bands, sampleRate).length > 0;

/** The sections to run: a band with no gain is left out (so a flat equalizer keeps every sample bit for bit), and
 * so is one at or over the Nyquist frequency, where the rate holds nothing for it to change. */
export const eqSections = (bands: readonly EqBand[], sampleRate: number): Biquad[] =>
  bands.filter((b) => b.gainDb !== 0 && b.hz < sampleRate / 2).map((b) => section(b, sampleRate));

/** Each channel through every section, from rest at its start (new arrays). */
export function equalize(channels: Float32Array[], sampleRate: number, bands: readonly EqBand[]): Float32Array[] {
  const problem = eqProblem(bands);
  if (problem) throw new Error(problem);
  const sections = eqSections(bands, sampleRate);
  return channels.map((ch) => sections.reduce((out, s) => biquad(out, s), ch.slice()));
}

/** The equalizer's gain in dB at a frequency (the sections' magnitude response, multiplied). */
export function eqResponseDb(bands: readonly EqBand[], sampleRate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / sampleRate;
  return eqSections(bands, sampleRate).reduce((db, s) => db + 10 * Math.log10(powerAt(s, w)), 0);
}

/** |H(e^jw)|^2 of one section. */
function powerAt({ b0, b1, b2, a1, a2 }: Biquad, w: number): number {
  const [c1, s1, c2, s2] = [Math.cos(w), Math.sin(w), Math.cos(2 * w), Math.sin(2 * w)];
  const numerator = (b0 + b1 * c1 + b2 * c2) ** 2 + (b1 * s1 + b2 * s2) ** 2;
  const denominator = (1 + a1 * c1 + a2 * c2) ** 2 + (a1 * s1 + a2 * s2) ** 2;
  return numerator / denominator;
}

/** The cookbook's coefficients for one band, normalised so that a0 = 1. */
function section({ type, hz, gainDb, q }: EqBand, sampleRate: number): Biquad {
  const a = 10 ** (gainDb / 40);
  const w = (2 * Math.PI * hz) / sampleRate;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  if (type === 'peak')
    return normalise([1 + alpha * a, -2 * cos, 1 - alpha * a], [1 + alpha / a, -2 * cos, 1 - alpha / a]);
  const root = 2 * Math.sqrt(a) * alpha;
  // A high shelf is the low shelf's formulas with the cosine's sign turned.
  const sign = type === 'lowShelf' ? 1 : -1;
  const c = sign * cos;
  return normalise(
    [a * (a + 1 - (a - 1) * c + root), 2 * sign * a * (a - 1 - (a + 1) * c), a * (a + 1 - (a - 1) * c - root)],
    [a + 1 + (a - 1) * c + root, -2 * sign * (a - 1 + (a + 1) * c), a + 1 + (a - 1) * c - root],
  );
}

function normalise([b0, b1, b2]: number[], [a0, a1, a2]: number[]): Biquad {
  return { b0: b0 / a0, b1: b1 / a0, b2: b2 / a0, a1: a1 / a0, a2: a2 / a0 };
}
