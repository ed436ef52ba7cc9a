/**
 * Loop benchmark (not a test): how seamless are the studio's loops? On renders of known tempo
 * (`omni_data.music_renders`), two bars from the first downbeat are looped three ways and the seam is heard with
 * src/dsp/loop.ts seamJump (the spectral change where the loop wraps against the median change between neighbouring
 * frames inside it): cut as selected (the floor), and the studio's Make a loop (its last stretch crossfaded into its
 * start, on whole bars, src/app/loop.ts), against the music's own next bar line measured the same way (a downbeat
 * is a change in any music: the ceiling a loop's seam can reach).
 *   npx tsx bench/loop-bench.ts [renders-dir]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loopLength } from '../src/app/loop';
import { decodeWav } from '../src/dsp/wav';
import { loopFade, seamJump, seamlessLoop } from '../src/dsp/loop';
import { readRenders } from './music-verdicts';

const dir = process.argv[2] ?? 'training/data/music-renders';
const truth = readRenders(dir);
const FRAME = 1024; // seamJump's frame
const rows: { cut: number; studio: number; barLine: number }[] = [];
for (const song of truth.songs) {
  const audio = decodeWav(readFileSync(join(dir, song.file)).buffer as ArrayBuffer).channels[0];
  const rate = truth.rate;
  const bar = Math.round((4 * 60 * rate) / song.bpm);
  const selection = 2 * bar + loopFade(2 * bar, rate); // two bars and the crossfade, as a user selects on the grid
  if (selection > audio.length) continue;
  const cut = audio.slice(0, 2 * bar);
  const length = loopLength(selection, rate, { bpm: song.bpm, beatsPerBar: 4, beatUnit: 4, downbeat: 0 });
  const fade = loopFade(selection, rate);
  const [loop] = seamlessLoop([audio.slice(0, length + fade)], Math.min(fade, Math.floor((length + fade) / 2) - 1));
  const jump = (x: Float32Array) => {
    const j = seamJump(x);
    return j.seam - j.within;
  };
  // The ceiling: the music's own bar line (bar 3's downbeat after bar 2), measured as if it were a seam.
  if (4 * bar > audio.length) continue;
  const barLine = new Float32Array(2 * bar);
  barLine.set(audio.subarray(2 * bar, 4 * bar - FRAME));
  barLine.set(audio.subarray(2 * bar - FRAME, 2 * bar), 2 * bar - FRAME);
  rows.push({ cut: jump(cut), studio: jump(loop), barLine: jump(barLine) });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const share = (xs: number[]) => `${Math.round((100 * xs.filter((x) => x <= 1).length) / xs.length)} %`;
console.log(`\nOmni Studio loop benchmark: ${rows.length} renders, two bars from the start`);
console.log('| loop | seam - within (median dB) | seams within 1 dB of the music |');
console.log('|---|---|---|');
console.log(
  `| cut as selected (floor) | ${median(rows.map((r) => r.cut)).toFixed(1)} | ${share(rows.map((r) => r.cut))} |`,
);
console.log(
  `| Make a loop (the studio) | ${median(rows.map((r) => r.studio)).toFixed(1)} | ${share(rows.map((r) => r.studio))} |`,
);
console.log(
  `| the music's own next bar line (ceiling) | ${median(rows.map((r) => r.barLine)).toFixed(1)} | ${share(rows.map((r) => r.barLine))} |`,
);
