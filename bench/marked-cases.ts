/** The edit evaluation's mixtures as training/omni_model/evaluation/marked_cases.py writes them, and the scores its
 * benchmarks share with evaluate_edits.py (SI-SDR, energies in dB, medians). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
