/** Text-queried separation of a clip of any length: the description through the pack's language model once, then
 * the separator over windows with context on both sides (only each window's own frames are kept, so the joins see
 * what the middle sees). Returns the mask on the studio's spectral-edit grid and whether the sound was found. */
import type { SeparationSettings } from '../modelpack/manifest';
import { f32, i64, output, type SessionRunner } from './tensors';
import type { LoadedPack } from './pipeline';

export interface SeparationResult {
  /** frames x bins, row-major, in [0, 1]: how much of each time-frequency cell is the described sound. */
  mask: Float32Array;
  bins: number;
  /** Seconds in which the described sound is present (presence over the pack's threshold). */
  presentSeconds: number;
  found: boolean;
}

export interface SeparateCallbacks {
  onProgress?(done: number, total: number): void;
  /** Between windows: may yield to the event loop, and throws to cancel. */
  checkpoint?(): void | Promise<void>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const MAX_INPUT_GAIN = 1000;

/** The one gain that brings the whole clip to the pack's level (training/omni_model/model/separator.py input_gain): every
 * window then sees the same level, so windows join without a seam. Silence stays silence. */
export function inputGain(source: Float32Array, dbfs: number): number {
  let energy = 0;
  for (const v of source) energy += v * v;
  const rms = source.length ? Math.sqrt(energy / source.length) : 0;
  return rms > 0 ? Math.min(MAX_INPUT_GAIN, 10 ** (dbfs / 20) / rms) : 1;
}

/** Frames rounded to an even count: the separator pools pairs of frames, and windows must start on a pair. */
const evenFrames = (seconds: number, rate: number, hop: number) => 2 * Math.round((seconds * rate) / hop / 2);

/** Whether the sound counts as found: present for at least the pack's minimum. */
export function presence(
  logits: Float32Array,
  settings: SeparationSettings,
  rate: number,
): { presentSeconds: number; found: boolean } {
  const frames = logits.reduce((n, v) => n + (sigmoid(v) >= settings.presence_threshold ? 1 : 0), 0);
  const presentSeconds = (frames * settings.hop) / rate;
  return { presentSeconds, found: presentSeconds >= settings.min_present_seconds };
}

function separatorOf(pack: LoadedPack): { run: SessionRunner; settings: SeparationSettings } {
  const run = pack.run.separator;
  const settings = pack.manifest.separation;
  if (!run || !settings)
    throw new Error('This pack has no separator: remove and extract run through the diffusion model.');
  return { run, settings };
}

export async function separate(
  pack: LoadedPack,
  description: string,
  source: Float32Array,
  callbacks: SeparateCallbacks = {},
): Promise<SeparationResult> {
  const { run, settings } = separatorOf(pack);
  const rate = pack.manifest.audio.sample_rate;
  const { hop } = settings;
  const bins = settings.n_fft / 2 + 1;
  const tokens = pack.tokenizer.encode(description);
  const states = output(
    await pack.run.text_encoder({
      input_ids: i64(tokens.inputIds, [1, tokens.inputIds.length]),
      attention_mask: i64(tokens.attentionMask, [1, tokens.attentionMask.length]),
    }),
    'text_states',
  );
  const textMask = f32(Float32Array.from(tokens.attentionMask, Number), [1, tokens.attentionMask.length]);

  const frames = Math.floor(source.length / hop) + 1;
  const window = Math.max(2, evenFrames(settings.window_seconds, rate, hop));
  const context = evenFrames(settings.context_seconds, rate, hop);
  const gain = inputGain(source, settings.input_dbfs);
  const mask = new Float32Array(frames * bins);
  const logits = new Float32Array(frames);
  const windows = Math.ceil(frames / window);
  for (let w = 0; w < windows; w++) {
    await callbacks.checkpoint?.();
    const first = w * window,
      last = Math.min(frames, first + window); // this window's own frames
    const start = Math.max(0, first - context) * hop;
    const end = Math.min(source.length, (last + context) * hop);
    const chunk = source.slice(start, end).map((v) => v * gain);
    const result = await run({ waveform: f32(chunk, [1, chunk.length]), text_states: states, text_mask: textMask });
    const chunkMask = output(result, 'mask').data as Float32Array;
    const chunkLogits = output(result, 'presence').data as Float32Array;
    const offset = start / hop;
    mask.set(chunkMask.subarray((first - offset) * bins, (last - offset) * bins), first * bins);
    logits.set(chunkLogits.subarray(first - offset, last - offset), first);
    callbacks.onProgress?.(w + 1, windows);
  }
  return { mask, bins, ...presence(logits, settings, rate) };
}
