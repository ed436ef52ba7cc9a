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
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { decodeWav } from '../src/dsp/wav';
import { inKeyOrRelative, keyVerdict, readRenders, share, tempoVerdict } from './music-verdicts';
import { secondEarKey } from './second-ear';

const dir = process.argv[2] ?? 'training/data/music-renders';
const truth = readRenders(dir);
const rows = truth.songs.map((song) => {
  const decoded = decodeWav(readFileSync(join(dir, song.file)).buffer as ArrayBuffer);
  const audio = decoded.channels[0];
  const tempo = estimateTempo(audio, decoded.sampleRate);
  const key = estimateKey(audio, decoded.sampleRate);
  const secondEar = inKeyOrRelative(keyVerdict(secondEarKey(audio, decoded.sampleRate), song)) ? 'yes' : 'no';
  return { song, tempo: tempoVerdict(tempo?.bpm, song.bpm), key: keyVerdict(key, song), secondEar };
});

const styles = [...new Set(rows.map((r) => r.song.style))].sort();
console.log(`\nOmni Studio music benchmark: ${rows.length} rendered songs (${dir})`);
console.log(
  '| songs | n | tempo within 4 % | octave errors | no tempo | key right | fifth | relative | parallel | no key | key or relative, second ear |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
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
    share(list, (r) => r.secondEar, 'yes'),
  ];
  console.log(`| ${name} | ${list.length} | ${cells.join(' | ')} |`);
}
