/** The inference worker's contract (no runtime dependencies): the interface the engine implements and the client
 * wraps, and the requests, results, events and errors that cross it as values. */
import type { SoundEvent } from '../understanding/sound-events';

export type { SoundEvent };

export const ENGINE_PROTOCOL_VERSION = 2;

export type BackendChoice = 'auto' | 'webgpu' | 'wasm';

export interface ProbeResult {
  webgpu: {
    available: boolean;
    vendor?: string;
    architecture?: string;
    fallbackAdapter?: boolean;
    shaderF16?: boolean;
    maxBufferSize?: number;
    reason?: string;
  };
  crossOriginIsolated: boolean;
  threads: number;
}

export interface LoadOptions {
  backend?: BackendChoice;
  /** 'auto': int8 on WASM where the pack has it; fp16 on WebGPU with shader-f16 where the pack has it; float32 otherwise. */
  dtype?: 'auto' | 'fp32' | 'fp16' | 'int8';
  /** WASM threads; default: up to 4 when cross-origin isolated, else 1. */
  threads?: number;
}

export interface PackInfo {
  name: string;
  version: string;
  bytes: number;
  backend: 'webgpu' | 'wasm';
  /** Why this backend runs: shown to the user, never silent. */
  backendReason: string;
  dtype: 'fp32' | 'fp16' | 'int8';
  sampleRate: number;
  /** The pack's tasks; an edit's template names its words {desc} (or {source} and {target} for a change). */
  tasks: { id: string; label: string; family: string; template: string; conditions?: string[] }[];
  /** The edits the pack's separator does (keeping the recording), where it has one. */
  separates: string[];
  /** The sounds the pack's detector knows (empty: it has none); `description` names one in an edit. */
  soundLabels: SoundLabelInfo[];
  /** How its video tasks read a picture (VideoFrames' size and fps). */
  video: { size: number; fps: number };
}

/** A label and how near a user's words are to its own (cosine of the centred text embeddings, in [-1, 1]); `near`:
 * at or over the pack's match_similarity, so the words may be taken to mean it. */
export interface LabelMatch {
  id: string;
  similarity: number;
  near: boolean;
}

export interface SoundLabelInfo {
  id: string;
  name: string;
  /** The words an edit of this sound uses ("a dog barking"). */
  description: string;
  /** Every phrase it was trained on (questions are matched against them). */
  words: string[];
}

export interface EngineErrorValue {
  code:
    | 'no-pack'
    | 'missing-file'
    | 'bad-hash'
    | 'bad-manifest'
    | 'session-mismatch'
    | 'quota'
    | 'cancelled'
    | 'device-lost'
    | 'failed';
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineErrorValue };

export interface GenerateJob {
  jobId: string;
  taskId: string;
  text: string;
  seconds: number;
  steps?: number;
  guidanceScale?: number;
  shift?: number;
  seed: number;
  previewEvery?: number;
  source?: Float32Array;
  /** Extend or regenerate a region: new material that fits the audio around it (then `seconds` is ignored). */
  around?: AroundAudio;
  /** Longer than a window: each window after the first continues the audio before it (music keeps its tempo and
   * key) instead of being drawn on its own and crossfaded in. */
  chained?: boolean;
  /** The picture a video task hears (conditions ['text', 'video']), from the job's start. */
  video?: VideoFrames;
}

/** Frames of a video scaled to the pack's `video.frame_size` square, RGB in 0..1, each [3, size, size] (a channel
 * after another), `fps` of them a second, the first at the job's start. */
export interface VideoFrames {
  pixels: Float32Array;
  size: number;
  fps: number;
}

/** How much known audio on either side of the part to make a window holds (the studio sends no more than this). */
export const AROUND_CONTEXT_SECONDS = 5;

/** Audio at the pack's rate around a part to make anew, [from, to) in samples (its samples there are ignored): the
 * result is that part only, drawn by the model to continue what is before it and lead into what is after it. */
export interface AroundAudio {
  audio: Float32Array;
  from: number;
  to: number;
}

/** Remove or extract by the pack's separator: the description (the sound's words, not the instruction) and the source. */
export interface SeparateJob {
  jobId: string;
  description: string;
  source: Float32Array;
}

/** The separator's answer: its mask on the spectral-edit grid at the pack's rate, and whether the sound is there. */
export interface Separation {
  mask: Float32Array;
  bins: number;
  presentSeconds: number;
  found: boolean;
}

/** Sound event detection on a clip at the pack's rate. */
export interface DetectJob {
  jobId: string;
  source: Float32Array;
}

/** What the detector heard: labelled regions (seconds from the clip's start) and every label's highest probability. */
export interface Detection {
  events: SoundEvent[];
  tags: { label: string; probability: number }[];
  /** What the user should know about how the answer was reached (a part that could not run). */
  notes: string[];
  /** Beats per minute where the clip is music (a music label found) and its onsets are periodic enough; else null. */
  tempoBpm: number | null;
  /** Where a beat falls (seconds from the clip's start) where there is a tempo: the beat grid's phase. */
  beatSeconds: number | null;
  /** Key and mode where the clip is music ("A minor"); else null. */
  key: string | null;
}

export interface Progress {
  jobId: string;
  step: number;
  steps: number;
}

/** A preview of a running job: the sampler's current estimate of the window starting at `offset` samples. Its buffer
 * is transferred, not copied. */
export interface Preview {
  jobId: string;
  audio: Float32Array;
  offset: number;
  step: number;
}

/** A pack in the offline cache. */
export interface CachedPack {
  base: string;
  name: string;
  bytes: number;
}

/** What the inference worker offers the studio. Every job answers with a Result; nothing throws across. */
export interface EngineApi {
  /** ENGINE_PROTOCOL_VERSION of the worker's build: a page and a worker from different builds must not talk. */
  protocolVersion(): number;
  probe(): Promise<ProbeResult>;
  /** A pack from a base URL (the app's /models/ or any URL), through the offline cache. */
  loadPack(
    base: string,
    options?: LoadOptions,
    onBytes?: (file: string, loaded: number) => void,
  ): Promise<Result<PackInfo>>;
  /** A pack the user picked: the files of a folder, or one zip (not cached: the files are the user's). */
  loadPackFromFiles(files: File[], options?: LoadOptions): Promise<Result<PackInfo>>;
  /** Opens the last pack again on another backend (after a lost GPU: 'wasm'). */
  reopen(backend: BackendChoice): Promise<Result<PackInfo>>;
  generate(
    job: GenerateJob,
    onProgress?: (p: Progress) => void,
    onPreview?: (p: Preview) => void,
  ): Promise<Result<Float32Array>>;
  separate(job: SeparateJob, onProgress?: (p: Progress) => void): Promise<Result<Separation>>;
  /** Finds and labels sound events; progress counts its windows. */
  detect(job: DetectJob, onProgress?: (p: Progress) => void): Promise<Result<Detection>>;
  /** The source through the pack's VAE and vocoder (queued like a job). */
  reconstruct(source: Float32Array): Promise<Result<Float32Array>>;
  /** The detector's labels nearest to a user's words by the pack's text encoder, best first (queued like a job). */
  matchLabels(phrase: string): Promise<Result<LabelMatch[]>>;
  /** Cancels a running job at its next step, or a queued one before it starts. */
  cancel(jobId: string): void;
  listCachedPacks(): Promise<CachedPack[]>;
  deleteCachedPack(base: string): Promise<number>;
  unload(): Promise<void>;
}

/** Hooks that only tests reach (through the page's test API), never the studio's own client. */
export interface EngineTestHooks {
  /** Destroys the WebGPU device under the loaded pack, as a driver reset would. */
  loseDeviceForTesting(): Promise<boolean>;
}
