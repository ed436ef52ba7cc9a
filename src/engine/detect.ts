/** Sound event detection over a clip of any length (training/omni_model/evaluation/evaluate_detector.py StudioDetector): one
 * input gain for the whole clip, the detector over windows of whole frames with context on both sides (only each
 * window's own frames are kept), then the pack's regions and clip tags. Where a voice activity detector is given,
 * speech comes from it instead (the Silero VAD hears speech far better than the pack's detector). */
import type { DetectionSettings } from '../modelpack/manifest';
import { clipTags, gateSilence, type SoundEvent, soundEvents } from '../understanding/sound-events';
import type { LoadedPack } from './pipeline';
import { resample } from '../dsp/resample';
import { inputGain, type SeparateCallbacks } from './separate';
import { SILERO_RATE, speechProbabilities, speechSpans } from './speech';
import { f32, output, type SessionRunner } from './tensors';

export interface DetectionResult {
  /** frames x labels, row-major: each label's probability per frame of `frameSeconds`. */
  probabilities: Float32Array;
  labels: string[];
  frameSeconds: number;
  events: SoundEvent[];
  tags: { label: string; probability: number }[];
}

function detectorOf(pack: LoadedPack): { run: SessionRunner; settings: DetectionSettings } {
  const run = pack.run.detector;
  const settings = pack.manifest.understanding?.detector;
  if (!run || !settings) throw new Error('This pack has no sound event detector.');
  return { run, settings };
}

export async function detect(
  pack: LoadedPack,
  source: Float32Array,
  callbacks: SeparateCallbacks = {},
  vad?: SessionRunner,
): Promise<DetectionResult> {
  const { run, settings } = detectorOf(pack);
  const rate = pack.manifest.audio.sample_rate;
  const labels = settings.labels.map((l) => l.id);
  const frame = Math.round(settings.frame_seconds * rate); // samples per frame
  const frames = Math.floor(source.length / frame);
  const window = Math.max(1, Math.round((settings.window_seconds * rate) / frame));
  const context = Math.round((settings.context_seconds * rate) / frame);
  const gain = inputGain(source, settings.input_dbfs);
  const probabilities = new Float32Array(frames * labels.length);
  const windows = Math.ceil(frames / window);
  const steps = windows + (vad ? 1 : 0);
  for (let w = 0; w < windows; w++) {
    await callbacks.checkpoint?.();
    const first = w * window,
      last = Math.min(frames, first + window); // this window's own frames
    const start = Math.max(0, first - context),
      end = Math.min(frames, last + context);
    const chunk = source.slice(start * frame, end * frame).map((v) => v * gain);
    const result = await run({ waveform: f32(chunk, [1, chunk.length]) });
    const chunkProbabilities = output(result, 'probabilities').data as Float32Array;
    probabilities.set(
      chunkProbabilities.subarray((first - start) * labels.length, (last - start) * labels.length),
      first * labels.length,
    );
    callbacks.onProgress?.(w + 1, steps);
  }
  gateSilence(probabilities, labels.length, source, frame, settings.silence_dbfs);
  let events = soundEvents(probabilities, labels, settings.frame_seconds, settings);
  let tags = clipTags(probabilities, labels);
  if (vad) {
    const atVadRate = rate === SILERO_RATE ? source : resample(source, rate, SILERO_RATE);
    const speech = await speechProbabilities(vad, atVadRate, callbacks);
    const peak = speech.reduce((m, p) => Math.max(m, p), 0);
    events = [...events.filter((e) => e.label !== 'speech'), ...speechSpans(speech)].sort((a, b) => a.start - b.start);
    tags = [...tags.filter((t) => t.label !== 'speech'), { label: 'speech', probability: peak }].sort(
      (a, b) => b.probability - a.probability,
    );
    callbacks.onProgress?.(steps, steps);
  }
  return { probabilities, labels, frameSeconds: settings.frame_seconds, events, tags };
}
