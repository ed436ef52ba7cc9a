/**
 * Music benchmark (not a test): the studio's tempo and key estimators (src/dsp/tempo.ts, key.ts) on rendered
 * procedural songs whose tempo, key and mode are known. Prints the share within 4 % of the tempo (octave errors, a half
 * or double tempo, counted apart) and of keys exactly right (a fifth away, relative or parallel counted apart), in all
 * and per style.
 *   .venv/bin/python -m omni_data.music_renders --data training/configs/data-detector.json --out training/data/music-renders
 *   npx tsx bench/music-bench.ts [training/data/music-renders]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateKey, PITCH_CLASSES } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { decodeWav } from '../src/dsp/wav';

interface Song {
  file: string;
  bpm: number;
  key: string;
  mode: 'major' | 'minor';
  style: string;
}

const dir = process.argv[2] ?? 'training/data/music-renders';
const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { rate: number; songs: Song[] };
const ENHARMONIC: Record<string, string> = { Db: 'C#', 'D#': 'Eb', Gb: 'F#', 'G#': 'Ab', 'A#': 'Bb' };
const pitch = (name: string) => PITCH_CLASSES.indexOf((ENHARMONIC[name] ?? name) as (typeof PITCH_CLASSES)[number]);

type TempoVerdict = 'right' | 'octave' | 'wrong' | 'none';
type KeyVerdict = 'right' | 'fifth' | 'relative' | 'parallel' | 'wrong' | 'none';

function tempoVerdict(found: number | undefined, bpm: number): TempoVerdict {
  if (found === undefined) return 'none';
  if (Math.abs(found - bpm) / bpm <= 0.04) return 'right';
  return [bpm / 2, bpm * 2, bpm / 3, bpm * 3].some((b) => Math.abs(found - b) / b <= 0.04) ? 'octave' : 'wrong';
}

function keyVerdict(found: { tonic: string; mode: string } | null, song: Song): KeyVerdict {
  if (!found) return 'none';
  const [f, t] = [pitch(found.tonic), pitch(song.key)];
  if (f === t && found.mode === song.mode) return 'right';
  if (found.mode === song.mode && ((f - t + 12) % 12 === 7 || (t - f + 12) % 12 === 7)) return 'fifth';
  const relative = song.mode === 'major' ? (t + 9) % 12 : (t + 3) % 12;
  if (found.mode !== song.mode && f === relative) return 'relative';
  return f === t ? 'parallel' : 'wrong';
}

const rows = truth.songs.map((song) => {
  const decoded = decodeWav(readFileSync(join(dir, song.file)).buffer as ArrayBuffer);
  const audio = decoded.channels[0];
  const tempo = estimateTempo(audio, decoded.sampleRate);
  const key = estimateKey(audio, decoded.sampleRate);
  return { song, tempo: tempoVerdict(tempo?.bpm, song.bpm), key: keyVerdict(key, song) };
});

const share = (list: typeof rows, pick: (r: (typeof rows)[number]) => string, value: string) =>
  `${Math.round((100 * list.filter((r) => pick(r) === value).length) / Math.max(1, list.length))} %`;
const styles = [...new Set(rows.map((r) => r.song.style))].sort();
console.log(`\nOmni Studio music benchmark: ${rows.length} rendered songs (${dir})`);
console.log(
  '| songs | n | tempo within 4 % | octave errors | no tempo | key right | fifth | relative | parallel | no key |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [name, list] of [
  ['all', rows] as const,
  ...styles.map((s) => [s, rows.filter((r) => r.song.style === s)] as const),
]) {
  const cells = [
    share(list, (r) => r.tempo, 'right'),
    share(list, (r) => r.tempo, 'octave'),
    share(list, (r) => r.tempo, 'none'),
    share(list, (r) => r.key, 'right'),
    share(list, (r) => r.key, 'fifth'),
    share(list, (r) => r.key, 'relative'),
    share(list, (r) => r.key, 'parallel'),
    share(list, (r) => r.key, 'none'),
  ];
  console.log(`| ${name} | ${list.length} | ${cells.join(' | ')} |`);
}
