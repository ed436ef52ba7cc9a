/** Generation and editing of any length: the pipeline window by window, joined with crossfades, previews per window;
 * extending and regenerating a region through around.ts. */
import { generateAround } from './around';
import { framesFor, generateWindow, type GenerateRequest, type LoadedPack, type PipelineCallbacks } from './pipeline';
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
  const total = request.source ? request.source.length : framesFor(pack.manifest, request.seconds).samples;
  const windowSamples = Math.round(pack.manifest.audio.window_seconds * rate);
  const overlap = Math.round(pack.manifest.audio.crossfade_seconds * rate);
  const windows = planWindows(total, windowSamples, overlap);
  const out = new Float32Array(total);
  for (let w = 0; w < windows.length; w++) {
    const { start, length } = windows[w];
    const source = request.source?.subarray(start, start + length);
    const piece = await generateWindow(
      pack,
      { ...request, seconds: length / rate, source, seed: request.seed + w },
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
