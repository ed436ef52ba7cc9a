/**
 * Regenerate-a-region benchmark (not a test): does new material made in the middle of a piece fit what is around
 * it? Rendered songs of song plans the DiT never saw (`python -m omni_data.music_renders --data
 * training/configs/data-music-heldout.json --out training/data/music-renders-heldout --count 240`): the studio's
 * engine path (generateLong with `around`, the pack's defaults, onnxruntime-node) remakes [FROM, TO) s of the song's
 * first 10 s from its prompt, and the new part is compared with the song's own part there: harmony (cosine of the
 * chroma), rhythm (correlation of onset strength at the best lag within 50 ms) and the level step at both joins.
 * Floor: the same prompt made without the song, its first TO - FROM s put there (a model deaf to the context);
 * reference: another song's own part (harmony and rhythm that two unrelated pieces share by chance).
 *   npx tsx bench/regenerate-bench.ts [pack-dir] [songs] [renders-dir]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chroma } from '../src/dsp/key';
import { onsets } from '../src/dsp/tempo';
import { decodeWav } from '../src/dsp/wav';
import { generateLong } from '../src/engine/long-audio';
import { inContextUses } from '../src/modelpack/manifest';
import { keySource } from '../src/app/extend';
import { matchKey } from '../src/music/conform';
import { type MusicFields, musicPrompt } from '../src/music/music-prompt';
import { packAndRenders } from './music-verdicts';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const COUNT = Number(process.argv[3] ?? 30);
const dir = process.argv[4] ?? 'training/data/music-renders-heldout';
const [FROM, TO, CLIP] = [4, 6, 10];
const HOP = 160;
const MAX_LAG = 5; // onset frames of HOP samples: 50 ms at 16 kHz
const EDGE_SECONDS = 0.25;

const { pack, sampler, rate, truth } = await packAndRenders(packDir, dir);

function cosine(a: ArrayLike<number>, b: ArrayLike<number>) {
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) [ab, aa, bb] = [ab + a[i] * b[i], aa + a[i] ** 2, bb + b[i] ** 2];
  return ab / Math.sqrt(aa * bb + 1e-20);
}
/** Pearson correlation of two onset strength curves, the best over lags of up to MAX_LAG frames. */
function rhythm(a: Float32Array, b: Float32Array) {
  let best = -1;
  for (let lag = -MAX_LAG; lag <= MAX_LAG; lag++) {
    const x = a.subarray(Math.max(0, lag), a.length + Math.min(0, lag));
    const y = b.subarray(Math.max(0, -lag), b.length + Math.min(0, -lag));
    const n = Math.min(x.length, y.length);
    const mean = (v: Float32Array) => v.subarray(0, n).reduce((s, t) => s + t, 0) / n;
    const [mx, my] = [mean(x), mean(y)];
    const centred = (v: Float32Array, m: number) => Array.from(v.subarray(0, n), (t) => t - m);
    best = Math.max(best, cosine(centred(x, mx), centred(y, my)));
  }
  return best;
}
const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / Math.max(1, a.length));
const stepDb = (a: Float32Array, b: Float32Array) => Math.abs(20 * Math.log10((rms(b) + 1e-9) / (rms(a) + 1e-9)));

interface Fit {
  harmony: number;
  rhythm: number;
  join: number;
}
/** How `part` fits where the song's own part was, in the song `audio` (CLIP s). */
function fitOf(part: Float32Array, audio: Float32Array): Fit {
  const [from, to, edge] = [FROM * rate, TO * rate, EDGE_SECONDS * rate];
  const own = audio.subarray(from, to);
  return {
    harmony: cosine(chroma(part, rate), chroma(own, rate)),
    rhythm: rhythm(onsets(part, HOP).strength, onsets(own, HOP).strength),
    join: Math.max(
      stepDb(audio.subarray(from - edge, from), part.subarray(0, edge)),
      stepDb(part.subarray(part.length - edge), audio.subarray(to, to + edge)),
    ),
  };
}

const request = (text: string, seconds: number) => ({
  taskId: 't2m',
  text,
  seconds,
  steps: sampler.steps,
  guidanceScale: sampler.guidance_scale,
  shift: sampler.shift,
  seed: 1,
});

// Renders come in threes, one plan and instrument through three soundfonts: one of each, the soundfont rotating.
const songs = truth.songs
  .filter((_, i) => i % 3 === Math.floor(i / 3) % 3)
  .map((song) => ({ song, audio: decodeWav(readFileSync(join(dir, song.file)).buffer as ArrayBuffer).channels[0] }))
  .filter(({ audio }) => audio.length >= CLIP * rate)
  .slice(0, COUNT);
const rows: { regenerated: Fit; inKey: Fit; plain: Fit; other: Fit }[] = [];
const started = performance.now();
for (const [i, { song, audio }] of songs.entries()) {
  const clip = audio.slice(0, CLIP * rate);
  const text = musicPrompt(`${song.instrument ?? ''} ${song.style}`.trim(), {
    bpm: song.bpm,
    key: song.key as MusicFields['key'],
    mode: song.mode,
    meter: '4/4',
  });
  const regenerated = await generateLong(pack, {
    ...request(text, TO - FROM),
    around: { audio: clip, from: FROM * rate, to: TO * rate },
  });
  // The part moved into the key heard around it, as Extend moves a continuation (the studio leaves fills as made).
  const inKey = matchKey(regenerated, rate, keySource({}, { audio: clip, from: FROM * rate, to: TO * rate })).audio;
  const plain = (await generateLong(pack, request(text, TO - FROM))).subarray(0, (TO - FROM) * rate);
  // Another plan's part (a melodic plan comes in two instruments: three along is another plan).
  const other = songs[(i + 3) % songs.length].audio.subarray(FROM * rate, TO * rate);
  rows.push({
    regenerated: fitOf(regenerated, clip),
    inKey: fitOf(inKey, clip),
    plain: fitOf(plain, clip),
    other: fitOf(other, clip),
  });
  console.error(`${song.file} ${text}: ${JSON.stringify(rows.at(-1))}`);
}
const seconds = (performance.now() - started) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

console.log(
  `\nOmni Studio regenerate benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${rows.length} held-out rendered songs, [${FROM}, ${TO}) s of ${CLIP} s remade, music in context: ${inContextUses(pack.manifest, 't2m').join(' and ') || 'none'}, pack defaults (${sampler.steps} steps, guidance ${sampler.guidance_scale}), ${seconds.toFixed(0)} s in all`,
);
console.log(
  "| part | harmony: chroma cosine with the song's own part (median) | rhythm: onset correlation (median) | level step at the joins (median of the larger, dB) |",
);
console.log('|---|---|---|---|');
for (const [name, way] of [
  ['regenerated in place (Regenerate the selection)', 'regenerated'],
  ['regenerated, moved into the key heard around it (as Extend does; not used for fills)', 'inKey'],
  ['the same prompt without the song (floor)', 'plain'],
  ["another song's own part (chance)", 'other'],
] as const) {
  const m = (k: keyof Fit) => median(rows.map((r) => r[way][k])).toFixed(2);
  console.log(`| ${name} | ${m('harmony')} | ${m('rhythm')} | ${Number(m('join')).toFixed(1)} |`);
}
