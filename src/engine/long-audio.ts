/** Generation and editing of any length: the pipeline window by window, joined with crossfades, previews per window;
 * extending and regenerating a region through around.ts, and chained generation (each window after the first
 * continuing the audio before it, so music keeps its tempo and key across windows) through it too. */
import { generateAround, packPlan } from './around';
import {
  framesFor,
  generateWindow,
  type GenerateRequest,
  type LoadedPack,
  type PipelineCallbacks,
  videoFrom,
} from './pipeline';
import { overlapAdd, planWindows } from './windows';

export interface LongCallbacks extends Omit<PipelineCallbacks, 'onPreview' | 'onProgress'> {
  /** A preview of one window, placed at `offset` samples in the result. */
  onPreview?(audio: Float32Array, offset: number, step: number): void | Promise<void>;
  onProgress?(done: number, total: number): void;
}

export async function generateLong(
  pack: LoadedPack,
  request: GenerateRequest,
  callbacks: LongCallbacks = {},
): Promise<Float32Array> {
  if (request.around) return generateAround(pack, request, request.around, callbacks);
  const rate = pack.manifest.audio.sample_rate;
  const windowSamples = Math.round(pack.manifest.audio.window_seconds * rate);
  if (request.chained && !request.source && framesFor(pack.manifest, request.seconds).samples > windowSamples)
    return generateChained(pack, request, callbacks);
  const total = request.source ? request.source.length : framesFor(pack.manifest, request.seconds).samples;
  const overlap = Math.round(pack.manifest.audio.crossfade_seconds * rate);
  const windows = planWindows(total, windowSamples, overlap);
  const out = new Float32Array(total);
  for (let w = 0; w < windows.length; w++) {
    const { start, length } = windows[w];
    const source = request.source?.subarray(start, start + length);
    const piece = await generateWindow(
      pack,
      {
        ...request,
        seconds: length / rate,
        source,
        seed: request.seed + w,
        video: request.video && videoFrom(request.video, start / rate),
      },
      {
        checkpoint: callbacks.checkpoint,
        onProgress: (step, steps) => callbacks.onProgress?.(w * steps + step, windows.length * steps),
        onPreview: callbacks.onPreview
          ? (audio, step) => callbacks.onPreview!(audio.subarray(0, length), start, step)
          : undefined,
      },
    );
    // Windows are whole latent frames: trim to the window (and the join fades) so the result has the exact length.
    overlapAdd(out, piece.subarray(0, length), start, w > 0 ? overlap : 0, w < windows.length - 1 ? overlap : 0);
  }
  return out;
}

/** The first window as a plain generation, the rest continuing it window after window (around.ts). */
async function generateChained(pack: LoadedPack, request: GenerateRequest, callbacks: LongCallbacks) {
  const rate = pack.manifest.audio.sample_rate;
  const total = framesFor(pack.manifest, request.seconds).samples;
  const first = Math.round(pack.manifest.audio.window_seconds * rate);
  const audio = new Float32Array(total);
  const around = { audio, from: first, to: total };
  const windows = 1 + packPlan(pack, around).length;
  let steps = request.steps;
  const head = await generateWindow(
    pack,
    { ...request, seconds: first / rate },
    {
      checkpoint: callbacks.checkpoint,
      onProgress: (step, n) => {
        steps = n;
        callbacks.onProgress?.(step, windows * n);
      },
      onPreview: callbacks.onPreview ? (a, step) => callbacks.onPreview!(a.subarray(0, first), 0, step) : undefined,
    },
  );
  audio.set(head.subarray(0, first));
  const rest = await generateAround(pack, { ...request, seed: request.seed + 1 }, around, {
    checkpoint: callbacks.checkpoint,
    onProgress: (done) => callbacks.onProgress?.(steps + done, windows * steps),
    onPreview: callbacks.onPreview ? (a, offset, step) => callbacks.onPreview!(a, first + offset, step) : undefined,
  });
  audio.set(rest, first);
  return audio;
}
