/**
 * Extend benchmark (not a test): does a continuation keep the tempo and key of the music it continues? Rendered
 * songs of known tempo and key (`omni_data.music_renders`) are cut after CONTEXT s; the studio's engine path
 * (generateLong with `around`, the pack's defaults, onnxruntime-node) makes NEW s after the cut, and the studio's
 * estimators hear the new part alone. Against: the same prompt generated without the context (the model alone, the
 * floor), and the render's own next NEW s (the estimators' ceiling). Only songs whose own continuation the
 * estimators hear right are used, so a miss is the model's. The join: the level step across it (RMS of the 0.5 s
 * on either side, dB), for the continuation and for the plain take butted on.
 *   [GUIDANCE=3] npx tsx bench/continue-bench.ts [pack-dir] [songs] [renders-dir]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { decodeWav } from '../src/dsp/wav';
import { generateLong } from '../src/engine/long-audio';
import { inContextUses } from '../src/modelpack/manifest';
import { beatGuided } from '../src/music/beat-guide';
import { keySource } from '../src/app/extend';
import { matchKey } from '../src/music/conform';
import { type MusicFields, musicPrompt } from '../src/music/music-prompt';
import { inKeyOrRelative, keyVerdict, packAndRenders, type Song, share, tempoVerdict } from './music-verdicts';
import { secondEarKey } from './second-ear';
import { planInfo } from './node-pack';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const COUNT = Number(process.argv[3] ?? 24);
const dir = process.argv[4] ?? 'training/data/music-renders';
const CONTEXT = 5;
const NEW = 5;

const { pack, sampler, rate, truth } = await packAndRenders(packDir, dir);

const hear = (audio: Float32Array) => ({ tempo: estimateTempo(audio, rate)?.bpm, key: estimateKey(audio, rate) });
const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / Math.max(1, a.length));
const stepDb = (before: Float32Array, after: Float32Array) =>
  Math.abs(20 * Math.log10((rms(after) + 1e-9) / (rms(before) + 1e-9)));
const verdicts = (audio: Float32Array, song: Song) => {
  const heard = hear(audio);
  // The second ear did not choose the shift that moved a part into the key (bench/second-ear.ts).
  const second = keyVerdict(secondEarKey(audio, rate), song);
  return { tempo: tempoVerdict(heard.tempo, song.bpm), key: keyVerdict(heard.key, song), second };
};

const request = (text: string, seed: number) => ({
  taskId: 't2m',
  text,
  seconds: NEW,
  steps: sampler.steps,
  guidanceScale: Number(process.env.GUIDANCE ?? sampler.guidance_scale),
  shift: sampler.shift,
  seed,
});

interface Row {
  continued: ReturnType<typeof verdicts>;
  continuedInKey: ReturnType<typeof verdicts>;
  guided?: ReturnType<typeof verdicts>;
  guidedInKey?: ReturnType<typeof verdicts>;
  joinGuidedInKey?: number;
  joinContinuedInKey: number;
  joinGuided?: number;
  plain: ReturnType<typeof verdicts>;
  ceiling: ReturnType<typeof verdicts>;
  joinContinued: number;
  joinPlain: number;
}
const rows: Row[] = [];
const started = performance.now();
for (const song of truth.songs) {
  if (rows.length >= COUNT) break;
  const audio = decodeWav(readFileSync(join(dir, song.file)).buffer as ArrayBuffer).channels[0];
  if (audio.length < (CONTEXT + NEW) * rate) continue;
  const cut = CONTEXT * rate;
  const own = audio.slice(cut, cut + NEW * rate);
  const ceiling = verdicts(own, song);
  if (ceiling.tempo !== 'right' || !['right', 'relative'].includes(ceiling.key)) continue;
  const text = musicPrompt(`${song.instrument ?? ''} ${song.style}`.trim(), {
    bpm: song.bpm,
    key: song.key as MusicFields['key'],
    mode: song.mode,
    meter: '4/4',
  });
  const around = new Float32Array(cut + NEW * rate);
  around.set(audio.subarray(0, cut));
  const continued = await generateLong(pack, {
    ...request(text, 1),
    around: { audio: around, from: cut, to: around.length },
  });
  const plain = await generateLong(pack, request(text, 1));
  // Extend on a track whose beat grid is known (the songs start on a beat): the beat guide's picture on that grid.
  const packInfo = planInfo(pack.manifest);
  const guide = beatGuided(packInfo, song.bpm, around.length / rate, 0);
  const guided = guide
    ? await generateLong(pack, {
        ...request(text, 1),
        ...guide,
        around: { audio: around, from: cut, to: around.length },
      })
    : undefined;
  const half = rate / 2;
  const before = audio.subarray(cut - half, cut);
  // What the studio lands (src/app/extend.ts, the panel's conform on): the new part moved into the key heard before it.
  const known = keySource({}, { audio: around, from: cut, to: around.length });
  const inKey = (part: Float32Array) => matchKey(part, rate, known).audio;
  const [continuedInKey, guidedInKey] = [inKey(continued), guided && inKey(guided)];
  rows.push({
    continued: verdicts(continued, song),
    continuedInKey: verdicts(continuedInKey, song),
    joinContinuedInKey: stepDb(before, continuedInKey.subarray(0, half)),
    guided: guided && verdicts(guided, song),
    guidedInKey: guidedInKey && verdicts(guidedInKey, song),
    joinGuidedInKey: guidedInKey && stepDb(before, guidedInKey.subarray(0, half)),
    joinGuided: guided && stepDb(audio.subarray(cut - rate / 2, cut), guided.subarray(0, rate / 2)),
    plain: verdicts(plain, song),
    ceiling,
    joinContinued: stepDb(before, continued.subarray(0, half)),
    joinPlain: stepDb(before, plain.subarray(0, half)),
  });
  console.error(`${song.file} ${text}: continued ${JSON.stringify(rows.at(-1))}`);
}
const seconds = (performance.now() - started) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

console.log(
  `\nOmni Studio extend benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${rows.length} rendered songs, ${CONTEXT} s of context, ${NEW} s new, music in context: ${inContextUses(pack.manifest, 't2m').join(' and ') || 'none'}, pack defaults (${sampler.steps} steps, guidance ${sampler.guidance_scale}), ${seconds.toFixed(0)} s in all`,
);
console.log(
  '| new part | tempo within 4 % | octave errors | no tempo | key right | key or relative | key or relative, second ear | level step at the join (median dB) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, pick, joinOf] of [
  ['continued from the song, as the model made it', (r: Row) => r.continued, (r: Row) => r.joinContinued],
  [
    'continued, moved into the key heard before it (Extend)',
    (r: Row) => r.continuedInKey,
    (r: Row) => r.joinContinuedInKey,
  ],
  [
    'continued under the beat guide, as the model made it',
    (r: Row) => r.guided ?? r.continued,
    (r: Row) => r.joinGuided ?? NaN,
  ],
  [
    'continued under the beat guide, moved into the key (Extend on a track with a beat grid)',
    (r: Row) => r.guidedInKey ?? r.continuedInKey,
    (r: Row) => r.joinGuidedInKey ?? NaN,
  ],
  ['the same prompt without the song (floor)', (r: Row) => r.plain, (r: Row) => r.joinPlain],
  ["the song's own next part (ceiling)", (r: Row) => r.ceiling, () => 0],
] as const) {
  const keyOrRelative = (r: Row) => (inKeyOrRelative(pick(r).key) ? 'yes' : 'no');
  const secondEar = (r: Row) => (inKeyOrRelative(pick(r).second) ? 'yes' : 'no');
  console.log(
    `| ${name} | ${share(rows, (r) => pick(r).tempo, 'right')} | ${share(rows, (r) => pick(r).tempo, 'octave')} | ${share(rows, (r) => pick(r).tempo, 'none')} | ${share(rows, (r) => pick(r).key, 'right')} | ${share(rows, keyOrRelative, 'yes')} | ${share(rows, secondEar, 'yes')} | ${median(rows.map(joinOf)).toFixed(1)} |`,
  );
}
