/**
 * Loudness benchmark (not a test): our EBU R128 measures (src/dsp/statistics.ts, what the Loudness panel shows) against
 * ffmpeg's ebur128 filter (libavfilter's own implementation, at 48 kHz, peak=true) on real recordings: Hedgewars'
 * music and Wesnoth's ambient beds as Debian ships them (Ogg Vorbis, 44.1 kHz stereo), decoded by sox; true peaks
 * also against the largest sample of the file upsampled 4x by sox's very-high-quality resampler. Prints each
 * measure's median and largest difference, and how long ours takes per minute of audio.
 *   npx tsx bench/loudness-bench.ts [max files]
 */
import { execFileSync } from 'node:child_process';
import { audioStatistics } from '../src/dsp/statistics';
import { decodeWithSox as decode, realRecordings } from './real-recordings';

const files = realRecordings(Number(process.argv[2] ?? 100));

/** ffmpeg's summary: integrated loudness, loudness range and true peak. */
function ffmpegR128(path: string): { integrated: number; range: number; truePeak: number } {
  const args = ['-nostats', '-hide_banner', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-'];
  const text = execFileSync('bash', ['-c', `ffmpeg ${args.map((a) => `'${a}'`).join(' ')} 2>&1`]).toString();
  const summary = text.slice(text.lastIndexOf('Summary:'));
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(-?[\\d.]+|-inf)`).exec(summary)?.[1]);
  return { integrated: field('I'), range: field('LRA'), truePeak: field('Peak') };
}

/** The reference true peak: the file upsampled 4x by sox's very-high-quality resampler, its largest sample. */
function soxTruePeak(path: string, rate: number): number {
  // 12 dB down first: sox's samples are integers, and a peak over full scale would be cut there.
  const text = execFileSync('bash', ['-c', `sox '${path}' -n gain -12 rate -v ${4 * rate} stat 2>&1`]).toString();
  const most = (name: string) => Math.abs(Number(new RegExp(`${name} amplitude:\\s+(-?[\\d.]+)`).exec(text)?.[1]));
  return 12 + 20 * Math.log10(Math.max(most('Maximum'), most('Minimum')));
}

const worst = { name: '', off: 0 };
const diffs = {
  integrated: [] as number[],
  range: [] as number[],
  truePeak: [] as number[],
  'true peak, ours - sox 4x': [] as number[],
  'true peak, ffmpeg - sox 4x': [] as number[],
};
let seconds = 0;
let spent = 0;
for (const path of files) {
  const { channels, rate } = decode(path);
  const started = performance.now();
  const ours = audioStatistics(channels, rate);
  spent += (performance.now() - started) / 1000;
  seconds += ours.seconds;
  const theirs = ffmpegR128(path);
  diffs.integrated.push(ours.loudness.integrated - theirs.integrated);
  if (Math.abs(diffs.integrated.at(-1)!) > Math.abs(worst.off))
    Object.assign(worst, { name: path, off: diffs.integrated.at(-1) });
  diffs.range.push(ours.loudness.range - theirs.range);
  diffs.truePeak.push(ours.truePeakDb - theirs.truePeak);
  const reference = soxTruePeak(path, rate);
  diffs['true peak, ours - sox 4x'].push(ours.truePeakDb - reference);
  diffs['true peak, ffmpeg - sox 4x'].push(theirs.truePeak - reference);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const largest = (xs: number[]) => Math.max(...xs.map(Math.abs));
console.log(`${files.length} real recordings, ${(seconds / 60).toFixed(1)} min in all`);
console.log('| measure (ours - ffmpeg unless named) | median difference | largest difference |');
console.log('|---|---|---|');
for (const [name, xs] of Object.entries(diffs))
  console.log(`| ${name} | ${median(xs).toFixed(2)} | ${largest(xs).toFixed(2)} |`);
console.log(`integrated loudness furthest from ffmpeg's: ${worst.name} (${worst.off.toFixed(2)} LU)`);
console.log(`ours: ${((60 * spent) / seconds).toFixed(2)} s per minute of 44.1 kHz stereo`);
