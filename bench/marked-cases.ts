/** The edit evaluation's mixtures as training/omni_model/evaluation/marked_cases.py writes them, and the scores its
 * benchmarks share with evaluate_edits.py (SI-SDR, energies in dB, medians). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrequencyBand } from '../src/dsp/band';
import { forEachPowerSpectrum } from '../src/dsp/spectrogram';
import { decodeWav } from '../src/dsp/wav';

export interface MarkedCase {
  set: string;
  id: string;
  rate: number;
  /** The event's span, in samples. */
  onset: number;
  length: number;
  description: string;
  wrong_description: string;
}

/** A clip is damaged where remove's SI-SDR improvement is under this. */
export const DAMAGED_DB = -3;

export const listCases = (dir: string): MarkedCase[] => JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));

/** One part of a case ('mixture', 'event' or 'bed'), every channel. */
export function readPart(dir: string, id: string, part: string): Float32Array[] {
  const buffer = readFileSync(join(dir, `${id}.${part}.wav`));
  return decodeWav(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)).channels;
}

export function energy(x: Float32Array[], start = 0, end = Infinity): number {
  let e = 0;
  for (const c of x) for (let j = start; j < Math.min(end, c.length); j++) e += c[j] * c[j];
  return e;
}

export const db = (num: number, den: number) => 10 * Math.log10((num + 1e-20) / (den + 1e-20));

export function siSdr(estimate: Float32Array[], reference: Float32Array[]): number {
  let dot = 0;
  let ref = 0;
  estimate.forEach((c, i) => {
    for (let j = 0; j < c.length; j++) {
      dot += c[j] * reference[i][j];
      ref += reference[i][j] ** 2;
    }
  });
  const scale = dot / (ref + 1e-12);
  let target = 0;
  let error = 0;
  estimate.forEach((c, i) => {
    for (let j = 0; j < c.length; j++) {
      const t = scale * reference[i][j];
      target += t * t;
      error += (c[j] - t) ** 2;
    }
  });
  return 10 * Math.log10((target + 1e-12) / (error + 1e-12));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** A box a user draws around an event on the spectrogram holds this share of its energy. */
const BOX_SHARE = 0.9;

/** The band holding BOX_SHARE of `power` (bins at `hz`), widened by `widenOctaves` either side. */
function shareBand(power: Float64Array, hz: (k: number) => number, widenOctaves: number): FrequencyBand {
  const total = power.reduce((a, v) => a + v, 0);
  const tail = (1 - BOX_SHARE) / 2;
  let sum = 0;
  let low = 0;
  let high = power.length - 1;
  for (let k = 0; k < power.length; k++) {
    sum += power[k];
    if (sum < tail * total) low = k + 1;
    if (sum <= (1 - tail) * total) high = k + 1;
  }
  return { lowHz: hz(low) * 2 ** -widenOctaves, highHz: Math.min(hz(power.length - 1), hz(high) * 2 ** widenOctaves) };
}

/** Where the event holds BOX_SHARE of its energy over its span, as a user boxes what the spectrogram shows. */
export function eventBand(
  event: Float32Array[],
  start: number,
  end: number,
  rate: number,
  widenOctaves: number,
): FrequencyBand {
  const size = 2048;
  const power = new Float64Array(size / 2);
  for (const channel of event)
    forEachPowerSpectrum(channel.subarray(start, end), size, size / 2, (p) => {
      for (let k = 0; k < p.length; k++) power[k] += p[k];
    });
  return shareBand(power, (k) => (k * rate) / size, widenOctaves);
}

/** Every channel's [start, end). */
export const slice = (x: Float32Array[], start: number, end: number) => x.map((c) => c.slice(start, end));

/** The clip with [start, start + part's length) replaced by `part`. */
export function spliced(x: Float32Array[], start: number, part: Float32Array[]): Float32Array[] {
  return x.map((c, i) => {
    const out = c.slice();
    out.set(part[i], start);
    return out;
  });
}

/** Signal-to-distortion ratio of every channel together, in dB. */
export function sdr(estimate: Float32Array[], reference: Float32Array[]): number {
  let error = 0;
  reference.forEach((r, c) => r.forEach((v, i) => (error += (estimate[c][i] - v) ** 2)));
  return db(energy(reference), error);
}

/** The mixtures of the sets named in SETS (every set where it is unset), set by set. */
export function mixturesBySet(dir: string): [string, { rate: number; x: Float32Array[] }[]][] {
  const only = process.env.SETS?.split(',');
  const cases = listCases(dir).filter((c) => !only || only.includes(c.set));
  return [...new Set(cases.map((c) => c.set))].map((set) => [
    set,
    cases.filter((c) => c.set === set).map((c) => ({ rate: c.rate, x: readPart(dir, c.id, 'mixture') })),
  ]);
}
