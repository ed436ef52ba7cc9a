/**
 * MIDI benchmark (not a test): do the built-in instruments play a real MIDI file's notes, and how fast? Real songs
 * (Debian's planetblupi-music-midi, GPL-3+, game music in General MIDI: fetched with apt-get download unless a folder
 * of .mid files is given) are read by src/import/midi-read.ts and played by src/dsp/instruments.ts as the import
 * does, beside fluidsynth playing the same file on FluidR3_GM (a real General MIDI synth). Each second's chroma
 * (src/dsp/key.ts, the partials' pitch classes) of ours is correlated with fluidsynth's. Controls: our render a
 * semitone up (right rhythm, wrong notes), fluidsynth's 1.5 s late (right notes, wrong time), and the ceiling:
 * fluidsynth on another soundfont (TimGM6mb) against FluidR3.
 *   npx tsx bench/midi-bench.ts [midi-dir]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instrumentOf, renderNotes } from '../src/dsp/instruments';
import { chroma, correlation } from '../src/dsp/key';
import { decodeWav } from '../src/dsp/wav';
import { readMidi } from '../src/import/midi-read';

const RATE = 22050;
const STUDIO_RATE = 48000;
const SOUNDFONTS = '/usr/share/sounds/sf2';
const HARMONY = { minHz: 40, maxHz: 2000, peaks: true };

function songsDir(): string {
  if (process.argv[2]) return process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), 'midi-'));
  execFileSync('apt-get', ['download', 'planetblupi-music-midi'], { cwd: dir, stdio: 'ignore' });
  const deb = readdirSync(dir).find((f) => f.endsWith('.deb'))!;
  execFileSync('dpkg', ['-x', deb, 'x'], { cwd: dir });
  return join(dir, 'x/usr/share/planetblupi/music');
}

/** Every part of the song played as the import plays it at `rate`, summed; and how long the playing took, s. */
function ours(bytes: Uint8Array, semitones: number, rate = RATE): { mix: Float32Array; took: number } {
  const song = readMidi(bytes);
  const t0 = performance.now();
  const renders = song.parts.map((p) => {
    const instrument = instrumentOf(p.program, p.channel);
    const shift = instrument === 'drums' ? 0 : semitones;
    return renderNotes(
      p.notes.map((n) => ({ ...n, note: n.note + shift })),
      instrument,
      rate,
    );
  });
  const took = (performance.now() - t0) / 1000;
  const mix = new Float32Array(Math.max(...renders.map((r) => r.length)));
  for (const r of renders) for (let i = 0; i < r.length; i++) mix[i] += r[i];
  return { mix, took };
}

function fluidsynth(path: string, soundfont: string, out: string): Float32Array {
  execFileSync('fluidsynth', ['-ni', '-g', '0.5', '-r', String(RATE), '-F', out, join(SOUNDFONTS, soundfont), path], {
    stdio: 'ignore',
  });
  const { channels } = decodeWav(readFileSync(out).buffer as ArrayBuffer);
  return channels[0].map((v, i) => (v + (channels[1]?.[i] ?? v)) / 2);
}

/** The median over seconds where both play of the correlation of their chroma. */
function agreement(a: Float32Array, b: Float32Array): number {
  const seconds = Math.floor(Math.min(a.length, b.length) / RATE);
  const rms = (x: Float32Array, s: number) => {
    let sum = 0;
    for (let i = s * RATE; i < (s + 1) * RATE; i++) sum += x[i] * x[i];
    return Math.sqrt(sum / RATE);
  };
  const loud = (x: Float32Array) => Math.max(...Array.from({ length: seconds }, (_, s) => rms(x, s)));
  const [la, lb] = [loud(a), loud(b)];
  const scores: number[] = [];
  for (let s = 0; s < seconds; s++) {
    if (rms(a, s) < la / 100 || rms(b, s) < lb / 100) continue; // 40 dB under its loudest second: silence
    const part = (x: Float32Array) => x.subarray(s * RATE, (s + 1) * RATE);
    scores.push(correlation(chroma(part(a), RATE, HARMONY), chroma(part(b), RATE, HARMONY)));
  }
  return median(scores);
}

const median = (v: number[]) => {
  const s = [...v].sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)] : Number.NaN;
};

const dir = songsDir();
const work = mkdtempSync(join(tmpdir(), 'midi-bench-'));
const rows: { song: string; seconds: number; speed: number; right: number; up: number; late: number; other: number }[] =
  [];
for (const name of readdirSync(dir)
  .filter((f) => /\.midi?$/i.test(f))
  .sort()) {
  const path = join(dir, name);
  const bytes = new Uint8Array(readFileSync(path));
  const { mix } = ours(bytes, 0);
  const { took } = ours(bytes, 0, STUDIO_RATE); // timed at the rate of a new project
  const fluid = fluidsynth(path, 'FluidR3_GM.sf2', join(work, 'fluid.wav'));
  const tim = existsSync(join(SOUNDFONTS, 'TimGM6mb.sf2'))
    ? fluidsynth(path, 'TimGM6mb.sf2', join(work, 'tim.wav'))
    : fluid;
  const late = new Float32Array(fluid.length);
  late.set(fluid.subarray(0, fluid.length - Math.round(1.5 * RATE)), Math.round(1.5 * RATE));
  const seconds = mix.length / RATE;
  rows.push({
    song: name,
    seconds,
    speed: seconds / took,
    right: agreement(mix, fluid),
    up: agreement(ours(bytes, 1).mix, fluid),
    late: agreement(mix, late),
    other: agreement(tim, fluid),
  });
  const r = rows[rows.length - 1];
  console.log(
    `${name}: ${seconds.toFixed(0)} s, played ${r.speed.toFixed(0)}x real time at 48 kHz; chroma r ${r.right.toFixed(2)}` +
      ` (a semitone up ${r.up.toFixed(2)}, 1.5 s late ${r.late.toFixed(2)}, TimGM6mb ${r.other.toFixed(2)})`,
  );
}
const col = (k: 'speed' | 'right' | 'up' | 'late' | 'other') => median(rows.map((r) => r[k])).toFixed(2);
console.log(
  `\n| songs | played (x real time, ${STUDIO_RATE} Hz) | ours vs FluidR3 | a semitone up | 1.5 s late | TimGM6mb vs FluidR3 |`,
);
console.log('|---|---|---|---|---|---|');
console.log(
  `| ${rows.length} | ${col('speed')} | **${col('right')}** | ${col('up')} | ${col('late')} | ${col('other')} |`,
);
