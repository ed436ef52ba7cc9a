/**
 * FLAC export benchmark (not a test): our encoder (src/dsp/flac.ts) against xiph.org's `flac` at levels 2, 5 and 8 on
 * real recordings (Hedgewars' music, Wesnoth's beds), all from the same 16-bit WAV; prints the sizes as a share of
 * the WAV and how long ours takes per minute of audio. That every sample comes back is src/dsp/flac.test.ts's job.
 *   npx tsx bench/flac-bench.ts [max files]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFlac } from '../src/dsp/flac';
import { encodeWav } from '../src/dsp/wav';
import { decodeWithSox, realRecordings } from './real-recordings';

const files = realRecordings(Number(process.argv[2] ?? 100));
const wavPath = join(mkdtempSync(join(tmpdir(), 'flac-bench-')), 'in.wav');
const totals = { wav: 0, ours: 0, '-2': 0, '-5': 0, '-8': 0 };
let seconds = 0;
let encodeSeconds = 0;
for (const path of files) {
  const { channels, rate } = decodeWithSox(path);
  const wav = encodeWav(channels, rate, 'pcm16');
  writeFileSync(wavPath, new Uint8Array(wav));
  const began = performance.now();
  const ours = encodeFlac(channels, rate, 16).length;
  encodeSeconds += (performance.now() - began) / 1000;
  seconds += channels[0].length / rate;
  totals.wav += wav.byteLength;
  totals.ours += ours;
  for (const level of ['-2', '-5', '-8'] as const)
    totals[level] += execFileSync('flac', [level, '-c', '-s', wavPath], { maxBuffer: 2 ** 30 }).length;
}
const share = (bytes: number) => `${((100 * bytes) / totals.wav).toFixed(1)} %`;
console.log(`${files.length} real recordings, ${(seconds / 60).toFixed(1)} min, 16-bit; size as a share of the WAV:`);
console.log(
  `  ours ${share(totals.ours)}; flac -2 ${share(totals['-2'])}, -5 ${share(totals['-5'])}, -8 ${share(totals['-8'])}`,
);
console.log(`  ours takes ${(encodeSeconds / (seconds / 60)).toFixed(2)} s per minute of audio`);
