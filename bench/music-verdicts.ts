/** How an estimated tempo and key compare with the known ones, shared by the music benchmarks: a tempo within 4 %
 * is right, a half, double, third or triple of it an octave error; a key right, a fifth away, relative or parallel. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PITCH_CLASSES } from '../src/dsp/key';
import { loadNodePack } from './node-pack';

export type TempoVerdict = 'right' | 'octave' | 'wrong' | 'none';
export type KeyVerdict = 'right' | 'fifth' | 'relative' | 'parallel' | 'wrong' | 'none';

const ENHARMONIC: Record<string, string> = { Db: 'C#', 'D#': 'Eb', Gb: 'F#', 'G#': 'Ab', 'A#': 'Bb' };
const pitch = (name: string) => PITCH_CLASSES.indexOf((ENHARMONIC[name] ?? name) as (typeof PITCH_CLASSES)[number]);

export function tempoVerdict(found: number | undefined, bpm: number): TempoVerdict {
  if (found === undefined) return 'none';
  if (Math.abs(found - bpm) / bpm <= 0.04) return 'right';
  return [bpm / 2, bpm * 2, bpm / 3, bpm * 3].some((b) => Math.abs(found - b) / b <= 0.04) ? 'octave' : 'wrong';
}

export function keyVerdict(
  found: { tonic: string; mode: string } | null,
  target: { key: string; mode: 'major' | 'minor' },
): KeyVerdict {
  if (!found) return 'none';
  const [f, t] = [pitch(found.tonic), pitch(target.key)];
  if (f === t && found.mode === target.mode) return 'right';
  if (found.mode === target.mode && ((f - t + 12) % 12 === 7 || (t - f + 12) % 12 === 7)) return 'fifth';
  const relative = target.mode === 'major' ? (t + 9) % 12 : (t + 3) % 12;
  if (found.mode !== target.mode && f === relative) return 'relative';
  return f === t ? 'parallel' : 'wrong';
}

/** Whether a key verdict counts as in the key: the key itself or its relative (the same notes). */
export const inKeyOrRelative = (verdict: KeyVerdict) => verdict === 'right' || verdict === 'relative';

/** "42 %" of the list whose pick is `value`. */
export const share = <T>(list: T[], pick: (r: T) => string, value: string) =>
  `${Math.round((100 * list.filter((r) => pick(r) === value).length) / Math.max(1, list.length))} %`;

/** A rendered song of known tempo and key (training/omni_data/music_renders.py writes truth.json beside them). */
export interface Song {
  file: string;
  bpm: number;
  key: string;
  mode: 'major' | 'minor';
  style: string;
  instrument?: string;
}

/** The renders' truth.json. */
export const readRenders = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { rate: number; songs: Song[] };

/** The pack (two threads) and the renders a music bench hears, refused when their sample rates differ. */
export async function packAndRenders(packDir: string, dir: string) {
  const pack = await loadNodePack(packDir, 2);
  const rate = pack.manifest.audio.sample_rate;
  const truth = readRenders(dir);
  if (truth.rate !== rate) throw new Error(`the renders are at ${truth.rate} Hz, the pack at ${rate} Hz`);
  return { pack, sampler: pack.manifest.sampler, rate, truth };
}
