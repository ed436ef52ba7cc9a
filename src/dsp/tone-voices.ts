/**
 * The pitched voices of the built-in instruments: wavetables of a few harmonics, a bright table fading into a mellow
 * one as a struck string's overtones die before its fundamental, under an attack/decay/release envelope; the guitar a
 * plucked string (Karplus-Strong). Each adds one note into a buffer.
 */
import { seededRandom } from './dither';
import { hzOf } from './notes';

export interface ToneVoice {
  /** Harmonic amplitudes at the strike (1: the fundamental) and once the strike has died away. */
  bright: number[];
  mellow: number[];
  /** Time constant of the bright table's fade into the mellow one, s. */
  brightTau: number;
  attack: number;
  /** Time constant of the level's decay while held at middle C, s (higher notes die sooner); 0: held level. */
  decayTau: number;
  /** Time constant of the fade after the note ends, s. */
  releaseTau: number;
  /** Two oscillators this many cents apart (a chorus, as strings and synth leads have); 0: one. */
  detuneCents: number;
}

const saw = (count: number, power: number) => Array.from({ length: count }, (_, k) => 1 / (k + 1) ** power);
const square = (count: number) => Array.from({ length: count }, (_, k) => (k % 2 === 0 ? 1 / (k + 1) : 0));

export const TONE_VOICES = {
  piano: {
    bright: [1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.08, 0.05],
    mellow: [1, 0.3, 0.1],
    brightTau: 0.3,
    attack: 0.002,
    decayTau: 1.4,
    releaseTau: 0.12,
    detuneCents: 0,
  },
  'electric-piano': {
    bright: [1, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.45],
    mellow: [1, 0.05],
    brightTau: 0.08,
    attack: 0.002,
    decayTau: 1.8,
    releaseTau: 0.2,
    detuneCents: 0,
  },
  organ: {
    bright: [1, 0.8, 0.5, 0.5, 0, 0.4, 0, 0.3],
    mellow: [1, 0.8, 0.5, 0.5, 0, 0.4, 0, 0.3],
    brightTau: 1,
    attack: 0.01,
    decayTau: 0,
    releaseTau: 0.05,
    detuneCents: 0,
  },
  bass: {
    bright: [1, 0.7, 0.45, 0.3, 0.2, 0.12],
    mellow: [1, 0.25],
    brightTau: 0.15,
    attack: 0.004,
    decayTau: 2.5,
    releaseTau: 0.06,
    detuneCents: 0,
  },
  strings: {
    bright: saw(16, 1),
    mellow: saw(16, 1.3),
    brightTau: 0.5,
    attack: 0.12,
    decayTau: 0,
    releaseTau: 0.3,
    detuneCents: 8,
  },
  lead: {
    bright: square(15),
    mellow: square(9),
    brightTau: 0.4,
    attack: 0.008,
    decayTau: 0,
    releaseTau: 0.08,
    detuneCents: 5,
  },
} satisfies Record<string, ToneVoice>;

const TABLE_SIZE = 2048;
const tables = new Map<string, Float32Array>();

/** One cycle of the harmonics, those at or over `limit` left out (they would fold back under Nyquist), peak 1. */
function wavetable(harmonics: number[], limit: number): Float32Array {
  const key = `${harmonics.join(',')}/${limit}`;
  const cached = tables.get(key);
  if (cached) return cached;
  const table = new Float32Array(TABLE_SIZE + 1);
  const used = harmonics.slice(0, Math.max(1, limit));
  for (let i = 0; i < TABLE_SIZE; i++) {
    const phase = (2 * Math.PI * i) / TABLE_SIZE;
    table[i] = used.reduce((sum, a, k) => sum + a * Math.sin((k + 1) * phase), 0);
  }
  let peak = 0;
  for (const v of table) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < TABLE_SIZE; i++) table[i] /= peak;
  table[TABLE_SIZE] = table[0]; // the wrap, so interpolation never reads past the end
  tables.set(key, table);
  return table;
}

/** How long after its end a note of this voice is still heard (its release down 60 dB), s. */
export const releaseSeconds = (voice: ToneVoice) => voice.releaseTau * 6.9;

/** A note held for `held` samples and let go, at full level (velocity scales it after), from its first sample. */
export function toneNote(note: number, held: number, voice: ToneVoice, rate: number): Float32Array {
  const hz = hzOf(note);
  const limit = Math.floor((0.45 * rate) / hz);
  const bright = wavetable(voice.bright, limit);
  const mellow = wavetable(voice.mellow, limit);
  const out = new Float32Array(held + Math.ceil(releaseSeconds(voice) * rate));
  const decayTau = voice.decayTau * 2 ** (-(note - 60) / 24);
  const decay = decayTau > 0 ? Math.exp(-1 / (decayTau * rate)) : 1;
  const fade = Math.exp(-1 / (voice.brightTau * rate));
  const release = Math.exp(-1 / (voice.releaseTau * rate));
  const attack = Math.max(1, Math.round(voice.attack * rate));
  // Detuned either side of the note, so the two beat around its pitch, not over it.
  const spread = voice.detuneCents / 200;
  const steps = spread ? [hzOf(note - spread), hzOf(note + spread)] : [hz];
  const phases = steps.map(() => 0);
  const increments = steps.map((f) => (f * TABLE_SIZE) / rate);
  let envelope = 1;
  let brightness = 1;
  for (let t = 0; t < out.length; t++) {
    let sample = 0;
    for (let o = 0; o < phases.length; o++) {
      const p = phases[o];
      const at = Math.floor(p);
      const frac = p - at;
      const b = bright[at] + (bright[at + 1] - bright[at]) * frac;
      const m = mellow[at] + (mellow[at + 1] - mellow[at]) * frac;
      sample += m + (b - m) * brightness;
      phases[o] = (p + increments[o]) % TABLE_SIZE;
    }
    out[t] = (envelope * Math.min(1, t / attack) * sample) / phases.length;
    envelope *= t < held ? decay : release;
    brightness *= fade;
  }
  return out;
}

const PLUCK_RELEASE_TAU = 0.08;

/** A plucked string held for `held` samples, at full level (Karplus-Strong: a burst of noise round a delay line one
 * period long, averaged each trip); the same pitch plucks the same noise. */
export function pluckNote(note: number, held: number, rate: number): Float32Array {
  // The averaging delays half a sample: the loop is one period long with it.
  const period = rate / hzOf(note) - 0.5;
  const size = Math.ceil(period) + 2;
  const line = new Float32Array(size);
  const random = seededRandom(note);
  const out = new Float32Array(held + Math.ceil(PLUCK_RELEASE_TAU * 6.9 * rate));
  const release = Math.exp(-1 / (PLUCK_RELEASE_TAU * rate));
  const read = (t: number, k: number) => (k >= 0 && t - k < size ? line[k % size] : 0);
  let envelope = 1;
  let previous = 0;
  for (let t = 0; t < out.length; t++) {
    // The line read `period` samples back, between samples.
    const back = t - period;
    const whole = Math.floor(back);
    const frac = back - whole;
    const delayed = back >= 0 ? read(t, whole) + (read(t, whole + 1) - read(t, whole)) * frac : 0;
    const excitation = t < period ? 2 * random() - 1 : 0;
    const value = excitation + 0.996 * 0.5 * (delayed + previous);
    previous = delayed;
    line[t % size] = value;
    out[t] = envelope * value;
    if (t >= held) envelope *= release;
  }
  return out;
}
