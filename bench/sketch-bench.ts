/**
 * Music sketching benchmark (not a test): does the pack obey the tempo and key a prompt states? Held-out prompts
 * (tempi between the training grid's 10-BPM steps, every key) are written by the panel's own musicPrompt, generated
 * through the studio's pipeline (generateWindow, the manifest's steps, guidance and shift, seed 1) in
 * onnxruntime-node, and read back by the studio's tempo and key estimators. The floor: the same estimates scored
 * against another prompt's tempo and key (a model deaf to the fields). The ceiling: the estimators on real renders
 * (bench/music-bench.ts). Each take is also conformed as the studio does by default (src/music/conform.ts: its own
 * tempo and key heard, then stretched and shifted to the asked ones) and heard again.
 *   npx tsx bench/sketch-bench.ts [pack-dir] [prompts]   (default: public/models/omni-small, 24)
 */
import { resolve } from 'node:path';
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { generateWindow } from '../src/engine/pipeline';
import { conformMusic, MAX_STRETCH } from '../src/music/conform';
import { KEY_NAMES, type Mode, musicPrompt } from '../src/music/music-prompt';
import { keyVerdict, share, tempoVerdict } from './music-verdicts';
import { loadNodePack } from './node-pack';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const COUNT = Number(process.argv[3] ?? 24);
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
interface Heard {
  tempo?: number;
  key: ReturnType<typeof estimateKey>;
}
const rows: { ask: ReturnType<typeof asks>[number]; text: string; raw: Heard; conformed: Heard }[] = [];
const hear = (audio: Float32Array, rate: number): Heard => ({
  tempo: estimateTempo(audio, rate)?.bpm,
  key: estimateKey(audio, rate),
});
const started = performance.now();
for (const ask of asks(COUNT)) {
  const fields = { bpm: ask.bpm, key: ask.key, mode: ask.mode, meter: '4/4' } as const;
  const text = musicPrompt(ask.idea, fields);
  // Generated longer, as the studio does when a tempo may be conformed.
  const audio = await generateWindow(pack, {
    taskId: 't2m',
    text,
    seconds: SECONDS * MAX_STRETCH,
    steps: sampler.steps,
    guidanceScale: sampler.guidance_scale,
    shift: sampler.shift,
    seed: 1,
  });
  const rate = pack.manifest.audio.sample_rate;
  const length = SECONDS * rate;
  const raw = hear(audio.subarray(0, length), rate);
  const conformed = hear(conformMusic(audio, rate, fields, length).audio, rate);
  rows.push({ ask, text, raw, conformed });
  const said = (h: Heard) =>
    `${h.tempo?.toFixed(1) ?? 'no tempo'}, ${h.key ? `${h.key.tonic} ${h.key.mode}` : 'no key'}`;
  console.error(`${text}: heard ${said(raw)}; conformed ${said(conformed)}`);
}
const seconds = (performance.now() - started) / 1000;

/** The takes' verdicts against their own asks, and against another prompt's (a model deaf to the fields). */
function score(pick: (r: (typeof rows)[number]) => Heard) {
  return rows.map((r, i) => {
    const other = rows[(i + 7) % rows.length].ask; // another key, mode and tempo
    const heard = pick(r);
    const keyOrRelative = (target: typeof other) =>
      ['right', 'relative'].includes(keyVerdict(heard.key, target)) ? 'yes' : 'no';
    return {
      tempo: tempoVerdict(heard.tempo, r.ask.bpm),
      key: keyVerdict(heard.key, r.ask),
      keyOrRelative: keyOrRelative(r.ask),
      tempoFloor: tempoVerdict(heard.tempo, other.bpm),
      keyFloor: keyVerdict(heard.key, other),
      keyOrRelativeFloor: keyOrRelative(other),
    };
  });
}

console.log(
  `\nOmni Studio sketch benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${rows.length} held-out music prompts with a tempo and a key, ${SECONDS} s at the pack's defaults (${sampler.steps} steps, guidance ${sampler.guidance_scale}), ${seconds.toFixed(0)} s in all`,
);
console.log(
  '| takes | scored against | tempo within 4 % | octave errors | no tempo | key right | key or relative | no key |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const [name, pick] of [
  ['as the model made them', (r: (typeof rows)[number]) => r.raw],
  ['conformed (the studio default)', (r: (typeof rows)[number]) => r.conformed],
] as const) {
  const scored = score(pick);
  const cells = (
    tempo: 'tempo' | 'tempoFloor',
    key: 'key' | 'keyFloor',
    rel: 'keyOrRelative' | 'keyOrRelativeFloor',
  ) => [
    share(scored, (r) => r[tempo], 'right'),
    share(scored, (r) => r[tempo], 'octave'),
    share(scored, (r) => r[tempo], 'none'),
    share(scored, (r) => r[key], 'right'),
    share(scored, (r) => r[rel], 'yes'),
    share(scored, (r) => r[key], 'none'),
  ];
  console.log(`| ${name} | the prompt's own tempo and key | ${cells('tempo', 'key', 'keyOrRelative').join(' | ')} |`);
  console.log(
    `| ${name} | another prompt's (floor) | ${cells('tempoFloor', 'keyFloor', 'keyOrRelativeFloor').join(' | ')} |`,
  );
}
