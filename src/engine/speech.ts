/** Where someone speaks: the Silero VAD (v5, MIT, the file that ships in the @ricky0123/vad-web package, served by the
 * app) over 32 ms frames at 16 kHz, each frame seeing the previous frame's last 64 samples and the model's recurrent
 * state, as silero-vad's own wrapper runs it; then spans with hysteresis (speech starts over `on`, ends under `off`),
 * pauses up to `bridge_seconds` joined and spans under `min_seconds` dropped. */
import type { SoundEvent } from '../understanding/sound-events';
import type { SeparateCallbacks } from './separate';
import { f32, i64, output, type SessionRunner, type TensorData } from './tensors';

/** The model file, emitted by Vite beside the bundle (never fetched from a CDN). */
export const SILERO_URL = new URL('../../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx', import.meta.url)
  .href;
export const SILERO_RATE = 16000;
const FRAME = 512;
const CONTEXT = 64;
export const SPEECH_FRAME_SECONDS = FRAME / SILERO_RATE;

export interface SpeechSettings {
  on: number;
  off: number;
  bridge_seconds: number;
  min_seconds: number;
}

/** Chosen on the validation split by speech's event F1 (training/omni_model/evaluation/tune_detector_regions.py
 * --keep-regions): no hysteresis below Silero's 0.5, and spans under half a second (blips under a bed) dropped. */
export const SPEECH_SETTINGS: SpeechSettings = { on: 0.5, off: 0.5, bridge_seconds: 0.3, min_seconds: 0.5 };

/** How a long clip runs as lanes side by side, one batch a step: an hour is 112,500 frames, and one call per frame
 * cost more than the model (WASM: 0.34 ms a frame one at a time, 0.19 ms sixteen at a time). Each lane starts `warm`
 * frames before its own part, from silence, so its recurrent state has heard what comes before; lanes are at least
 * `minFrames` long, so clips under a minute run as one lane, exactly as silero-vad's wrapper runs them. */
export interface SpeechLanes {
  minFrames: number;
  max: number;
  warm: number;
}
export const SPEECH_LANES: SpeechLanes = { minFrames: Math.round(30 / SPEECH_FRAME_SECONDS), max: 16, warm: 64 };

/** Per-frame speech probabilities of a mono clip at 16 kHz (a partial last frame is padded with zeros). */
export async function speechProbabilities(
  run: SessionRunner,
  source: Float32Array,
  callbacks: SeparateCallbacks = {},
  lanes: SpeechLanes = SPEECH_LANES,
): Promise<Float32Array> {
  const frames = Math.ceil(source.length / FRAME);
  const count = Math.max(1, Math.min(lanes.max, Math.floor(frames / lanes.minFrames)));
  const per = Math.ceil(frames / count);
  const own = Array.from({ length: count }, (_, l) => l * per); // each lane's first frame of its own part
  const begin = own.map((f) => Math.max(0, f - lanes.warm));
  const end = own.map((f) => Math.min(frames, f + per));
  const steps = Math.max(...begin.map((b, l) => end[l] - b));
  const out = new Float32Array(frames);
  const width = CONTEXT + FRAME;
  const input = new Float32Array(count * width);
  let state: TensorData = f32(new Float32Array(2 * count * 128), [2, count, 128]);
  const rate = i64(BigInt64Array.of(BigInt(SILERO_RATE)), []);
  for (let k = 0; k < steps; k++) {
    if (k % 64 === 0) await callbacks.checkpoint?.();
    for (let l = 0; l < count; l++) {
      const row = input.subarray(l * width, (l + 1) * width);
      row.copyWithin(0, FRAME, FRAME + CONTEXT); // the previous frame's tail becomes this frame's context
      row.fill(0, CONTEXT);
      const f = begin[l] + k;
      if (f < end[l]) row.set(source.subarray(f * FRAME, (f + 1) * FRAME), CONTEXT);
    }
    const result = await run({ input: f32(input.slice(), [count, width]), state, sr: rate });
    const p = output(result, 'output').data as Float32Array;
    for (let l = 0; l < count; l++) {
      const f = begin[l] + k;
      if (f >= own[l] && f < end[l]) out[f] = p[l];
    }
    state = output(result, 'stateN');
  }
  return out;
}

/** Speech spans from per-frame probabilities, in seconds. */
export function speechSpans(probabilities: Float32Array, settings: SpeechSettings = SPEECH_SETTINGS): SoundEvent[] {
  const spans: { start: number; end: number; peak: number }[] = [];
  let open: { start: number; end: number; peak: number } | null = null;
  probabilities.forEach((p, f) => {
    if (open && p >= settings.off) {
      open.end = f + 1;
      open.peak = Math.max(open.peak, p);
    } else if (open) {
      spans.push(open);
      open = null;
    }
    if (!open && p >= settings.on) open = { start: f, end: f + 1, peak: p };
  });
  if (open) spans.push(open);
  const bridge = settings.bridge_seconds / SPEECH_FRAME_SECONDS;
  const joined: typeof spans = [];
  for (const s of spans) {
    const last = joined[joined.length - 1];
    if (last && s.start - last.end <= bridge) [last.end, last.peak] = [s.end, Math.max(last.peak, s.peak)];
    else joined.push({ ...s });
  }
  return joined
    .map((s) => ({
      label: 'speech',
      start: s.start * SPEECH_FRAME_SECONDS,
      end: s.end * SPEECH_FRAME_SECONDS,
      confidence: s.peak,
    }))
    .filter((e) => e.end - e.start >= settings.min_seconds - 1e-9);
}
