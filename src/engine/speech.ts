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

/** Per-frame speech probabilities of a mono clip at 16 kHz (a partial last frame is padded with zeros). */
export async function speechProbabilities(
  run: SessionRunner,
  source: Float32Array,
  callbacks: SeparateCallbacks = {},
): Promise<Float32Array> {
  const frames = Math.ceil(source.length / FRAME);
  const out = new Float32Array(frames);
  let state: TensorData = f32(new Float32Array(2 * 128), [2, 1, 128]);
  const rate = i64(BigInt64Array.of(BigInt(SILERO_RATE)), []);
  const input = new Float32Array(CONTEXT + FRAME);
  for (let f = 0; f < frames; f++) {
    if (f % 64 === 0) await callbacks.checkpoint?.();
    input.copyWithin(0, FRAME, FRAME + CONTEXT); // the previous frame's tail becomes this frame's context
    input.fill(0, CONTEXT);
    input.set(source.subarray(f * FRAME, (f + 1) * FRAME), CONTEXT);
    const result = await run({ input: f32(input.slice(), [1, CONTEXT + FRAME]), state, sr: rate });
    out[f] = (output(result, 'output').data as Float32Array)[0];
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
