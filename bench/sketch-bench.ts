/**
 * Music sketching benchmark (not a test): does the pack obey the tempo and key a prompt states? Held-out prompts
 * (tempi between the training grid's 10-BPM steps, every key) are written by the panel's own musicPrompt, generated
 * through the studio's pipeline (generateWindow, the manifest's steps, guidance and shift, seed 1) in
 * onnxruntime-node, and read back by the studio's tempo and key estimators. The floor: the same estimates scored
 * against another prompt's tempo and key (a model deaf to the fields). The ceiling: the estimators on real renders
 * (bench/music-bench.ts). Each prompt is made as the studio plans it (src/app/generate.ts, generationPlan: under the
 * beat guide, src/music/beat-guide.ts, its key conformed) and, for comparison, as text to music alone (the words
 * only, then conformed: its own tempo and key heard, stretched and shifted to the asked ones). Instruments: where a
 * prompt names one the pack's detector knows (guitar, drums, bass), whether it is among the detector's top 3 for the
 * take, against the same for rendered songs that hold it (the ceiling; omni_data.music_renders, optional). The key is
 * also judged by a second ear (bench/second-ear.ts) that did not choose the conform's shift: the studio's estimator
 * both hears the take's key and judges the shifted take, so its figure counts a take whose key it merely agrees with
 * itself about.
 *   npx tsx bench/sketch-bench.ts [pack-dir] [prompts]   (default: public/models/omni-small, 24)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { generationPlan } from '../src/app/generate';
import { detect } from '../src/engine/detect';
import { generateLong } from '../src/engine/long-audio';
import { decodeWav, encodeWav } from '../src/dsp/wav';
import { conformMusic } from '../src/music/conform';
import { KEY_NAMES, type Mode, musicPrompt } from '../src/music/music-prompt';
import { inKeyOrRelative, keyVerdict, readRenders, share, tempoVerdict } from './music-verdicts';
import { loadNodePack, planInfo } from './node-pack';
import { secondEarKey } from './second-ear';
import { initialState } from '../src/store/studio-store';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const COUNT = Number(process.argv[3] ?? 24);
const RENDERS = process.argv[4] ?? 'training/data/music-renders';
// Where the takes are written for omni_model.evaluation.judge_instruments (the instrument tagger), if anywhere.
const TAKES = process.env.TAKES;
const written: { file: string; prompt: string; way: string }[] = [];
function keep(audio: Float32Array, prompt: string, way: string) {
  if (!TAKES) return;
  mkdirSync(TAKES, { recursive: true });
  const file = `${way}-${written.length}.wav`;
  writeFileSync(join(TAKES, file), Buffer.from(encodeWav([audio], rate, 'pcm16')));
  written.push({ file, prompt, way });
}
const SECONDS = 10;
// What the training captions name (omni_data/sources/music.py): an instrument and a style, or a drum groove.
const IDEAS = [
  'piano melody',
  'acoustic guitar chords',
  'electric piano melody with bass',
  'strings chords',
  'marimba melody',
  'synth pad chords',
  'flute melody with bass',
  'drum groove with bass',
];

/** A deterministic spread of held-out asks: tempi 65-135 BPM off the training grid, keys round the circle. */
function asks(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    idea: IDEAS[i % IDEAS.length],
    bpm: 65 + ((i * 37) % 71),
    key: KEY_NAMES[(i * 5) % 12],
    mode: (i % 3 === 0 ? 'minor' : 'major') as Mode,
  }));
}

const pack = await loadNodePack(packDir, 2);
const { sampler } = pack.manifest;
// The sampler settings come from the pack unless STEPS or GUIDANCE ask for others (to compare).
const STEPS = Number(process.env.STEPS ?? sampler.steps);
const GUIDANCE = Number(process.env.GUIDANCE ?? sampler.guidance_scale);
const packInfo = planInfo(pack.manifest);
interface Heard {
  tempo?: number;
  key: ReturnType<typeof estimateKey>;
  /** The key by an ear that did not choose the conform's shift (bench/second-ear.ts). */
  secondEar: ReturnType<typeof secondEarKey>;
  /** Whether the detector has the prompt's instrument among its top 3 (undefined: it names none the detector knows). */
  instrument?: boolean;
  /** Whether any of those instruments is among the top 3. */
  anyInstrument: boolean;
}
type Way = 'raw' | 'conformed' | 'guided' | 'studio';
const rows: ({ ask: ReturnType<typeof asks>[number]; text: string } & Record<Way, Heard>)[] = [];
const rate = pack.manifest.audio.sample_rate;
const INSTRUMENTS: [RegExp, string][] = [
  [/guitar/, 'guitar'],
  [/drum/, 'drums'],
  [/\bbass\b/, 'bass'],
];
/** The detector's labels an idea names ("drum groove with bass": drums and bass). */
const named = (idea: string) => INSTRUMENTS.filter(([words]) => words.test(idea)).map(([, label]) => label);
const topThree = async (audio: Float32Array) => (await detect(pack, audio)).tags.slice(0, 3).map((t) => t.label);
const hear = async (audio: Float32Array, idea: string): Promise<Heard> => {
  const top = await topThree(audio);
  const labels = named(idea);
  return {
    tempo: estimateTempo(audio, rate)?.bpm,
    key: estimateKey(audio, rate),
    secondEar: secondEarKey(audio, rate),
    instrument: labels.length ? labels.some((l) => top.includes(l)) : undefined,
    anyInstrument: INSTRUMENTS.some(([, l]) => top.includes(l)),
  };
};

/** A take of the ask as planned (with or without the pack's tasks that a beat guide drives), as made and conformed. */
async function take(settings: ReturnType<typeof initialState>['generate'], guide: boolean) {
  const tasks = guide ? packInfo.tasks : packInfo.tasks.filter((t) => t.id !== 'v2m');
  const plan = generationPlan(settings, { ...packInfo, tasks }, SECONDS);
  const audio = await generateLong(pack, {
    taskId: plan.taskId,
    text: musicPrompt(settings.prompt, settings.music),
    seconds: plan.seconds,
    chained: plan.chained,
    video: plan.video,
    steps: STEPS,
    guidanceScale: GUIDANCE,
    shift: sampler.shift,
    seed: 1,
  });
  const length = SECONDS * rate;
  const conformed = plan.conformTo
    ? conformMusic(audio, rate, plan.conformTo, length).audio
    : audio.subarray(0, length);
  keep(
    conformed,
    settings.prompt,
    guide ? 'beat guide, key conformed (the studio default)' : 'text to music, conformed',
  );
  return {
    made: await hear(audio.subarray(0, length), settings.prompt),
    conformed: await hear(conformed, settings.prompt),
  };
}

const started = performance.now();
for (const ask of asks(COUNT)) {
  const music = { bpm: ask.bpm, key: ask.key, mode: ask.mode, meter: '4/4' } as const;
  const settings = { ...initialState().generate, generateTask: 't2m', prompt: ask.idea, music, conform: true };
  const text = musicPrompt(ask.idea, music);
  const words = await take(settings, false);
  const guided = await take(settings, true);
  rows.push({ ask, text, raw: words.made, conformed: words.conformed, guided: guided.made, studio: guided.conformed });
  const said = (h: Heard) =>
    `${h.tempo?.toFixed(1) ?? 'no tempo'}, ${h.key ? `${h.key.tonic} ${h.key.mode}` : 'no key'}`;
  console.error(`${text}: words ${said(words.made)}; guided ${said(guided.made)}; studio ${said(guided.conformed)}`);
}
const seconds = (performance.now() - started) / 1000;

/** The ceiling: rendered songs whose instrument or style names one the detector knows, 10 s of each. */
async function rendersHeard() {
  if (!existsSync(join(RENDERS, 'truth.json'))) return [];
  const heard: boolean[] = [];
  for (const song of readRenders(RENDERS).songs) {
    const labels = named(`${song.instrument ?? ''} ${song.style}`);
    if (labels.length === 0) continue;
    const audio = decodeWav(readFileSync(join(RENDERS, song.file)).buffer as ArrayBuffer).channels[0];
    const top = await topThree(audio.subarray(0, SECONDS * rate));
    heard.push(labels.some((l) => top.includes(l)));
  }
  return heard;
}
const ceiling = await rendersHeard();
if (TAKES) writeFileSync(join(TAKES, 'takes.json'), JSON.stringify(written, null, 1));

/** The takes' verdicts against their own asks, and against another prompt's (a model deaf to the fields). */
function score(pick: (r: (typeof rows)[number]) => Heard) {
  return rows.map((r, i) => {
    const other = rows[(i + 7) % rows.length].ask; // another key, mode and tempo
    const heard = pick(r);
    const inKey = (key: Heard['key'] | Heard['secondEar'], target: typeof other) =>
      inKeyOrRelative(keyVerdict(key, target)) ? 'yes' : 'no';
    const keyOrRelative = (target: typeof other) => inKey(heard.key, target);
    return {
      tempo: tempoVerdict(heard.tempo, r.ask.bpm),
      key: keyVerdict(heard.key, r.ask),
      keyOrRelative: keyOrRelative(r.ask),
      tempoFloor: tempoVerdict(heard.tempo, other.bpm),
      keyFloor: keyVerdict(heard.key, other),
      keyOrRelativeFloor: keyOrRelative(other),
      secondEar: inKey(heard.secondEar, r.ask),
      secondEarFloor: inKey(heard.secondEar, other),
    };
  });
}

console.log(
  `\nOmni Studio sketch benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${rows.length} held-out music prompts with a tempo and a key, ${SECONDS} s at ${STEPS} steps, guidance ${GUIDANCE}, ${seconds.toFixed(0)} s in all`,
);
console.log(
  '| takes | scored against | tempo within 4 % | octave errors | no tempo | key right | key or relative | no key | key or relative, second ear |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [name, way] of [
  ['text to music, as made', 'raw'],
  ['text to music, conformed (the studio before the beat guide)', 'conformed'],
  ['beat guide, as made', 'guided'],
  ['beat guide, key conformed (the studio default)', 'studio'],
] as const) {
  const pick = (r: (typeof rows)[number]) => r[way];
  const scored = score(pick);
  const cells = (
    tempo: 'tempo' | 'tempoFloor',
    key: 'key' | 'keyFloor',
    rel: 'keyOrRelative' | 'keyOrRelativeFloor',
    second: 'secondEar' | 'secondEarFloor',
  ) => [
    share(scored, (r) => r[tempo], 'right'),
    share(scored, (r) => r[tempo], 'octave'),
    share(scored, (r) => r[tempo], 'none'),
    share(scored, (r) => r[key], 'right'),
    share(scored, (r) => r[rel], 'yes'),
    share(scored, (r) => r[key], 'none'),
    share(scored, (r) => r[second], 'yes'),
  ];
  const own = cells('tempo', 'key', 'keyOrRelative', 'secondEar');
  console.log(`| ${name} | the prompt's own tempo and key | ${own.join(' | ')} |`);
  const floor = cells('tempoFloor', 'keyFloor', 'keyOrRelativeFloor', 'secondEarFloor');
  console.log(`| ${name} | another prompt's (floor) | ${floor.join(' | ')} |`);
}

/** The instrument table: named instruments heard, and (the floor) any of them heard where the prompt names none. */
const pct = (xs: boolean[]) => (xs.length ? `${Math.round((100 * xs.filter(Boolean).length) / xs.length)} %` : '-');
console.log(
  `\n| takes | prompts naming guitar, drums or bass: the detector's top 3 has it | prompts naming none: the top 3 has one of them (floor) |`,
);
console.log('|---|---|---|');
for (const [name, way] of [
  ['text to music, conformed (the studio before the beat guide)', 'conformed'],
  ['beat guide, key conformed (the studio default)', 'studio'],
] as const) {
  const naming = rows.filter((r) => r[way].instrument !== undefined).map((r) => r[way].instrument === true);
  const floor = rows.filter((r) => named(r.ask.idea).length === 0).map((r) => r[way].anyInstrument === true);
  console.log(`| ${name} | ${pct(naming)} (${naming.length}) | ${pct(floor)} (${floor.length}) |`);
}
console.log(`| rendered songs (ceiling) | ${pct(ceiling)} (${ceiling.length}) | - |`);
