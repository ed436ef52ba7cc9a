/**
 * Ask benchmark (not a test): questions with known answers (training/omni_model/evaluation/qa_set.py: is the sound
 * there, is a sound that is not there there, when is it, is anyone speaking) about real recordings never trained on
 * and our test split, and how fast / what key about renders of known tempo and key, each answered by the studio's own
 * code: the clip to mono at the pack's rate, the engine's detect (the pack's detector and the Silero VAD in
 * onnxruntime-node), the engine's music features, words matched to labels by meaning (src/engine/label-match.ts;
 * MATCH=off: by their words only), and src/understanding/questions.ts. An answer is right when it says
 * yes to a sound that is there, no to one that is not, a time that meets the sound's (200 ms collar), a tempo within
 * 4 %, the key (or its relative); "I can't tell" is counted apart.
 *   .venv/bin/python -m omni_model.evaluation.qa_set --out training/data/qa-set
 *   npx tsx bench/qa-bench.ts [pack-dir] [qa-dir] [renders-dir]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { resample } from '../src/dsp/resample';
import { decodeWav } from '../src/dsp/wav';
import { detect } from '../src/engine/detect';
import { musicFeatures } from '../src/engine/engine';
import { LabelMatcher } from '../src/engine/label-match';
import type { LoadedPack } from '../src/engine/pipeline';
import type { SessionRunner, TensorData } from '../src/engine/tensors';
import { toMono } from '../src/dsp/channels';
import type { SoundLabel } from '../src/project/types';
import type { SoundLabelInfo } from '../src/protocol/engine-protocol';
import { answer, soundPhrase } from '../src/understanding/questions';
import { keyVerdict, readRenders, tempoVerdict } from './music-verdicts';
import { loadNodePack, nodeSessionOptions } from './node-pack';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const qaDir = process.argv[3] ?? 'training/data/qa-set';
const rendersDir = process.argv[4] ?? 'training/data/music-renders';
const COLLAR = 0.2;

interface Question {
  clip: string;
  kind: string;
  question: string;
  expected: 'yes' | 'no' | 'at';
  span?: [number, number];
}

const pack = await loadNodePack(packDir, 2);
const rate = pack.manifest.audio.sample_rate;
const vocabulary: SoundLabelInfo[] = (pack.manifest.understanding?.detector.labels ?? []).map((l) => ({
  id: l.id,
  name: l.name,
  description: l.words[0],
  words: l.words,
}));
const matcher = new LabelMatcher(pack);
const vad = await nodeRunner('node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx');

async function nodeRunner(file: string): Promise<SessionRunner> {
  const session = await ortNode.InferenceSession.create(file, nodeSessionOptions(1));
  return async (feeds) => {
    const out = await session.run(
      Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ortNode.Tensor(t.type, t.data, t.dims)])),
    );
    return Object.fromEntries(
      Object.entries(out).map(([k, t]) => [k, { type: t.type, data: t.data, dims: [...t.dims] } as TensorData]),
    );
  };
}

/** What Analyze leaves on the track for a file: its regions (in samples at the pack's rate), tempo and key. */
async function analyse(path: string) {
  const decoded = decodeWav(readFileSync(path).buffer as ArrayBuffer);
  const source = resample(toMono(decoded.channels), decoded.sampleRate, rate);
  const result = await detect(pack as LoadedPack, source, {}, vad);
  const found: SoundLabel[] = result.events.map((e, i) => {
    const info = vocabulary.find((l) => l.id === e.label);
    return {
      id: String(i),
      start: Math.round(e.start * rate),
      end: Math.round(e.end * rate),
      name: info?.name ?? e.label,
      description: info?.description ?? e.label,
      confidence: e.confidence,
    };
  });
  const music = musicFeatures(pack, source, result.events);
  return { found, tempos: music.tempoBpm ? [music.tempoBpm] : [], keys: music.key ? [music.key] : [] };
}

type Verdict = 'right' | 'wrong' | "can't tell";
function judge(q: Question, text: string, regions: SoundLabel[]): Verdict {
  if (/^I can't tell/.test(text)) return "can't tell";
  if (q.expected === 'yes') return /^(Yes|Probably)\b/.test(text) ? 'right' : 'wrong';
  if (q.expected === 'no') return /^No\b/.test(text) ? 'right' : 'wrong';
  const [a, b] = q.span ?? [0, 0];
  return regions.some((r) => r.start / rate < b + COLLAR && r.end / rate > a - COLLAR) ? 'right' : 'wrong';
}

const verdicts = new Map<string, Verdict[]>();
const note = (row: string, v: Verdict) => verdicts.set(row, [...(verdicts.get(row) ?? []), v]);
const started = performance.now();
const truth = JSON.parse(readFileSync(join(qaDir, 'truth.json'), 'utf8')) as { questions: Question[] };
const analysed = new Map<string, Awaited<ReturnType<typeof analyse>>>();
for (const q of truth.questions) {
  if (!analysed.has(q.clip)) analysed.set(q.clip, await analyse(join(qaDir, q.clip)));
  const a = analysed.get(q.clip)!;
  const phrase = soundPhrase(q.question, vocabulary);
  const matched = phrase && process.env.MATCH !== 'off' ? await matcher.match(phrase) : [];
  const reply = answer(
    q.question,
    { found: a.found, rate, analysed: true, tempos: a.tempos, keys: a.keys },
    vocabulary,
    matched,
  );
  const set = q.clip.startsWith('real') ? 'real recordings' : 'test split';
  note(
    `${set}: ${q.kind} (${q.expected === 'at' ? 'a time that meets it' : q.expected})`,
    judge(q, reply.text, reply.regions),
  );
}

const songs = readRenders(rendersDir).songs;
for (const song of songs) {
  const a = await analyse(join(rendersDir, song.file));
  const heard = { found: a.found, rate, analysed: true, tempos: a.tempos, keys: a.keys };
  const fast = answer('How fast is it?', heard, vocabulary).text;
  const bpm = /^About (\d+) BPM/.exec(fast)?.[1];
  note(
    'renders: how fast is it (within 4 %)',
    /^I can't tell/.test(fast)
      ? "can't tell"
      : tempoVerdict(bpm ? Number(bpm) : undefined, song.bpm) === 'right'
        ? 'right'
        : 'wrong',
  );
  const key = answer('What key is it in?', heard, vocabulary).text;
  const named = /^([A-G][#b]?) (major|minor)/.exec(key);
  const v = named ? keyVerdict({ tonic: named[1], mode: named[2] }, song) : 'none';
  note(
    'renders: what key is it in (the key or its relative)',
    /^I can't tell/.test(key) ? "can't tell" : v === 'right' || v === 'relative' ? 'right' : 'wrong',
  );
}

const seconds = (performance.now() - started) / 1000;
console.log(
  `\nOmni Studio Ask benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${truth.questions.length + 2 * songs.length} questions, ${seconds.toFixed(0)} s`,
);
console.log("| questions | n | right | wrong | I can't tell |");
console.log('|---|---|---|---|---|');
const pct = (list: Verdict[], v: Verdict) =>
  `${Math.round((100 * list.filter((x) => x === v).length) / list.length)} %`;
for (const [row, list] of [...verdicts].sort()) {
  console.log(
    `| ${row} | ${list.length} | ${pct(list, 'right')} | ${pct(list, 'wrong')} | ${pct(list, "can't tell")} |`,
  );
}
const all = [...verdicts.values()].flat();
console.log(`| all | ${all.length} | ${pct(all, 'right')} | ${pct(all, 'wrong')} | ${pct(all, "can't tell")} |`);
