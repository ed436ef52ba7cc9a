/**
 * Extend and regenerate a region: new material drawn to fit the audio around it. Each window of the pack's length
 * holds up to AROUND_CONTEXT_SECONDS of known audio on either side of the part it makes; the sampler keeps the known frames'
 * latent on their path (inpainting by replacement) and the DiT, which attends over the whole window, draws the rest
 * in their tempo, key and sound (where the pack's task lists the window's use, continue or fill, in `in_context`, the
 * window is also heard as its source, as the DiT was taught). A part longer than a window is made left to right, each window continuing the one
 * before; consecutive parts overlap by JOIN_SECONDS and are crossfaded there.
 */
import { type InContextUse, inContextUses } from '../modelpack/manifest';
import { AROUND_CONTEXT_SECONDS, type AroundAudio } from '../protocol/engine-protocol';
import { inputGain } from './separate';
import type { LongCallbacks } from './long-audio';
import { generateWindow, type GenerateRequest, type LoadedPack, videoFrom } from './pipeline';
import { overlapAdd } from './windows';

const JOIN_SECONDS = 0.25;
/** The RMS level the known audio is brought to (and the result brought back from): the level of the training clips'
 * music, so the encoder sees what it learned on. */
export const AROUND_DBFS = -24;
const MAX_MATCH_DB = 12;

export interface AroundWindow {
  /** The window, in samples of the whole audio. */
  start: number;
  end: number;
  /** The part this window makes. */
  from: number;
  to: number;
}

/** Windows of at most `window` samples that make [from, to) of `total`, each with up to `context` known samples
 * before its part (and after it, for the last), consecutive parts overlapping by `join`. */
export function planAround(
  total: number,
  from: number,
  to: number,
  { window, context, join }: { window: number; context: number; join: number },
): AroundWindow[] {
  if (!(from >= 0 && to > from && to <= total)) throw new RangeError(`no part to make: [${from}, ${to}) of ${total}`);
  if (window <= context + join) throw new RangeError('the window must be longer than its context and join');
  const plan: AroundWindow[] = [];
  let cursor = from;
  for (;;) {
    const left = Math.min(context, cursor);
    const right = Math.min(context, total - to);
    if (to - cursor + left + right <= window) {
      plan.push({ start: cursor - left, end: to + right, from: cursor, to });
      return plan;
    }
    if (to - cursor + left <= window) {
      // The rest of the part fits, with as much of what follows it as the window holds.
      plan.push({ start: cursor - left, end: Math.min(total, cursor - left + window), from: cursor, to });
      return plan;
    }
    const end = cursor - left + window;
    plan.push({ start: cursor - left, end, from: cursor, to: end });
    cursor = end - join;
  }
}

/** Per latent frame of a window, 1 where all its samples are known audio (inside the window, outside its part). */
export function knownFrames(w: AroundWindow, unit: number): Uint8Array {
  const frames = Math.ceil((w.end - w.start) / unit);
  return Uint8Array.from({ length: frames }, (_, f) => {
    const a = w.start + f * unit;
    const b = a + unit;
    return b <= w.end && (b <= w.from || a >= w.to) ? 1 : 0;
  });
}

/** A window fills a gap when known audio lies on both sides of its part, else it continues what is known. */
export const windowUse = (w: AroundWindow): InContextUse => (w.start < w.from && w.to < w.end ? 'fill' : 'continue');

/** The windows a job around `around` runs, at the pack's window length. */
export function packPlan(pack: LoadedPack, around: Pick<AroundAudio, 'from' | 'to'> & { audio: { length: number } }) {
  const rate = pack.manifest.audio.sample_rate;
  return planAround(around.audio.length, around.from, around.to, {
    window: Math.round(pack.manifest.audio.window_seconds * rate),
    context: Math.round(AROUND_CONTEXT_SECONDS * rate),
    join: Math.round(JOIN_SECONDS * rate),
  });
}

export async function generateAround(
  pack: LoadedPack,
  request: GenerateRequest,
  around: AroundAudio,
  callbacks: LongCallbacks = {},
): Promise<Float32Array> {
  const a = pack.manifest.audio;
  const rate = a.sample_rate;
  const unit = a.hop * a.mel_frames_per_latent;
  const join = Math.round(JOIN_SECONDS * rate);
  const plan = packPlan(pack, around);
  // One gain for the whole job: the known audio at the model's level, the result back at the audio's own.
  const { audio, from, to } = around;
  const context = new Float32Array(audio.length - (to - from));
  context.set(audio.subarray(0, from));
  context.set(audio.subarray(to), from);
  const gain = inputGain(context, AROUND_DBFS);
  const work = audio.map((v, i) => (i >= from && i < to ? 0 : v * gain));
  const out = new Float32Array(around.to - around.from);
  const uses = inContextUses(pack.manifest, request.taskId);
  for (const [i, w] of plan.entries()) {
    const window = work.slice(w.start, w.end);
    const piece = await generateWindow(
      pack,
      {
        ...request,
        around: undefined,
        // A task taught in context also hears the window as its source: the known audio, silence where it makes.
        source: uses.includes(windowUse(w)) ? window : undefined,
        seconds: (w.end - w.start) / rate,
        seed: request.seed + i,
        // A video task's picture starts with the around audio; each window hears its own part of it.
        video: request.video && videoFrom(request.video, w.start / rate),
      },
      {
        checkpoint: callbacks.checkpoint,
        onProgress: (step, steps) => callbacks.onProgress?.(i * steps + step, plan.length * steps),
        onPreview: callbacks.onPreview
          ? (audio, step) =>
              callbacks.onPreview!(
                scaled(audio.subarray(w.from - w.start, w.to - w.start), 1 / gain),
                w.from - around.from,
                step,
              )
          : undefined,
      },
      { audio: window, frames: knownFrames(w, unit) },
    );
    const part = piece.subarray(w.from - w.start, w.to - w.start);
    const fadeIn = i > 0 ? join : 0;
    // The next window continues from this part: it becomes known audio there (its join crossfaded in).
    if (fadeIn) blendInto(work, part, w.from, fadeIn);
    else work.set(part, w.from);
    overlapAdd(out, part, w.from - around.from, fadeIn, i < plan.length - 1 ? join : 0);
  }
  return scaled(out, levelMatch(out, context, gain));
}

/** The gain that brings the new part back from the model's level to the known audio's own (its RMS that of the
 * context, within MAX_MATCH_DB of the plain inverse gain): the model's level is its own, not the song's. */
function levelMatch(part: Float32Array, context: Float32Array, gain: number): number {
  const [a, b] = [rms(part), rms(context)];
  if (a <= 0 || b <= 0) return 1 / gain;
  const limit = 10 ** (MAX_MATCH_DB / 20);
  return Math.min(limit / gain, Math.max(1 / (limit * gain), b / a));
}

const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / Math.max(1, a.length));

/** `part` written into `work` at `at`, crossfaded from what is there over its first `fade` samples. */
function blendInto(work: Float32Array, part: Float32Array, at: number, fade: number) {
  const tail = work.slice(at, at + fade);
  work.set(part, at);
  const mixed = new Float32Array(fade);
  overlapAdd(mixed, tail, 0, 0, fade);
  overlapAdd(mixed, part.subarray(0, fade), 0, fade, 0);
  work.set(mixed, at);
}

const scaled = (audio: Float32Array, g: number) => audio.map((v) => v * g);
