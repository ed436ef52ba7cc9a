/**
 * Long music benchmark (not a test): does a piece longer than the model's window keep one tempo and key? Held-out
 * prompts (tempo and key written in by musicPrompt) are generated for 20 s through the studio's engine path
 * (generateLong, the pack's defaults, onnxruntime-node), as independent windows crossfaded (before) and chained, each
 * window continuing the audio before it (GenerateJob.chained, the studio's default for music). The studio's estimators
 * hear the first and the second 10 s apart: the same tempo (within 4 %) and the same key in both is what a listener
 * would call one piece. A third way is the studio's default where a tempo is stated: independent windows under the beat
 * guide (src/music/beat-guide.ts), every window's picture flashing on one beat grid; for it, and for the others, the
 * share of halves both at the asked tempo is counted too.
 *   npx tsx bench/long-music-bench.ts [pack-dir] [prompts]
 */
import { resolve } from 'node:path';
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { generateLong } from '../src/engine/long-audio';
import { beatGuided } from '../src/music/beat-guide';
import { KEY_NAMES, type Mode, musicPrompt } from '../src/music/music-prompt';
import { loadNodePack, planInfo } from './node-pack';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const COUNT = Number(process.argv[3] ?? 16);
const SECONDS = 20;
const IDEAS = ['piano melody', 'electric piano melody with bass', 'drum groove with bass', 'marimba melody'];

const pack = await loadNodePack(packDir, 2);
const { sampler } = pack.manifest;
const rate = pack.manifest.audio.sample_rate;
const half = (SECONDS / 2) * rate;
const heard = (a: Float32Array) => ({ tempo: estimateTempo(a, rate)?.bpm, key: estimateKey(a, rate) });
const sameTempo = (a?: number, b?: number) => a !== undefined && b !== undefined && Math.abs(a - b) / b <= 0.04;
const WAYS = [
  'independent, crossfaded over 1 s',
  'chained (the default for music without a tempo)',
  'beat guide, independent windows',
  'beat guide, chained (the default with a tempo)',
] as const;
const rows: Record<string, { tempo: boolean; key: boolean; asked: boolean }[]> = Object.fromEntries(
  WAYS.map((w) => [w, []]),
);
const packInfo = planInfo(pack.manifest);
const started = performance.now();
for (let i = 0; i < COUNT; i++) {
  const fields = {
    bpm: 65 + ((i * 37) % 71),
    key: KEY_NAMES[(i * 5) % 12],
    mode: (i % 3 === 0 ? 'minor' : 'major') as Mode,
    meter: '4/4' as const,
  };
  const text = musicPrompt(IDEAS[i % IDEAS.length], fields);
  for (const way of WAYS) {
    const chained = way === WAYS[1] || way === WAYS[3];
    const guiding = way === WAYS[2] || way === WAYS[3];
    const guided = guiding ? beatGuided(packInfo, fields.bpm, SECONDS) : null;
    if (guiding && !guided) continue;
    const audio = await generateLong(pack, {
      taskId: guided?.taskId ?? 't2m',
      video: guided?.video,
      text,
      seconds: SECONDS,
      steps: sampler.steps,
      guidanceScale: sampler.guidance_scale,
      shift: sampler.shift,
      seed: 1,
      chained,
    });
    const [a, b] = [heard(audio.subarray(0, half)), heard(audio.subarray(half, 2 * half))];
    const key = a.key !== null && b.key !== null && a.key.tonic === b.key.tonic && a.key.mode === b.key.mode;
    const asked = sameTempo(a.tempo, fields.bpm) && sameTempo(b.tempo, fields.bpm);
    rows[way].push({ tempo: sameTempo(b.tempo, a.tempo), key, asked });
    console.error(`${text} ${way}: ${a.tempo?.toFixed(1)} / ${b.tempo?.toFixed(1)} BPM`);
  }
}
const pct = (xs: boolean[]) => `${Math.round((100 * xs.filter(Boolean).length) / xs.length)} %`;
console.log(
  `\nOmni Studio long music benchmark: ${pack.manifest.name} ${pack.manifest.pack_version}, ${COUNT} prompts, ${SECONDS} s, ${((performance.now() - started) / 1000).toFixed(0)} s in all`,
);
console.log('| windows | same tempo in both halves | both halves at the asked tempo | same key in both halves |');
console.log('|---|---|---|---|');
for (const [name, list] of Object.entries(rows))
  console.log(
    `| ${name} | ${pct(list.map((r) => r.tempo))} | ${pct(list.map((r) => r.asked))} | ${pct(list.map((r) => r.key))} |`,
  );
