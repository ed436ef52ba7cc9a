import { resolve } from 'node:path';
import { estimateKey } from '../src/dsp/key';
import { estimateTempo } from '../src/dsp/tempo';
import { generateLong } from '../src/engine/long-audio';
import { conformMusic } from '../src/music/conform';
import { beatPicture } from '../src/music/beat-guide';
import { KEY_NAMES, type Mode, musicPrompt } from '../src/music/music-prompt';
import { keyVerdict, share, tempoVerdict } from './music-verdicts';
import { loadNodePack } from './node-pack';

const pack = await loadNodePack(resolve('public/models/omni-small'), 2);
const COUNT = Number(process.argv[2] ?? 16);
const IDEAS = ['piano melody','acoustic guitar chords','electric piano melody with bass','strings chords','marimba melody','synth pad chords','flute melody with bass','drum groove with bass'];
const rate = pack.manifest.audio.sample_rate;
const { sampler } = pack.manifest;
const rows = [];
for (let i = 0; i < COUNT; i++) {
  const ask = { idea: IDEAS[i % 8], bpm: 65 + ((i * 37) % 71), key: KEY_NAMES[(i * 5) % 12], mode: (i % 3 === 0 ? 'minor' : 'major') as Mode };
  const fields = { bpm: ask.bpm, key: ask.key, mode: ask.mode, meter: '4/4' } as const;
  const text = musicPrompt(ask.idea, fields);
  const out = await generateLong(pack, { taskId: 'v2m', text, seconds: 10, steps: sampler.steps, guidanceScale: sampler.guidance_scale, shift: sampler.shift, seed: 1, video: beatPicture(ask.bpm, 10, 32, 25) });
  const t = estimateTempo(out, rate)?.bpm; const k = estimateKey(out, rate);
  const c = conformMusic(out, rate, { ...fields, bpm: null }, out.length).audio;
  const ck = estimateKey(c, rate);
  const row = { tempo: tempoVerdict(t, ask.bpm), key: keyVerdict(k, ask), ckey: keyVerdict(ck, ask), ctempo: tempoVerdict(estimateTempo(c, rate)?.bpm, ask.bpm) };
  rows.push(row);
  console.error(text, t?.toFixed(1), k?.tonic, k?.mode, JSON.stringify(row));
}
const kr = (v: string) => (['right', 'relative'].includes(v) ? 'y' : 'n');
console.log('tempo', share(rows, (r) => r.tempo, 'right'), 'octave', share(rows, (r) => r.tempo, 'octave'), 'key/rel', share(rows, (r) => kr(r.key), 'y'), 'conformed key/rel', share(rows, (r) => kr(r.ckey), 'y'), 'conf tempo', share(rows, (r) => r.ctempo, 'right'));
