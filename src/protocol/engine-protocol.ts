/** The inference worker's contract (no runtime dependencies): requests, results and errors that cross as values. */

export const ENGINE_PROTOCOL_VERSION = 1;

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
  tasks: { id: string; label: string; family: string }[];
  /** The edits the pack's separator does (keeping the recording), where it has one. */
  separates: string[];
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

export interface Progress {
  jobId: string;
  step: number;
  steps: number;
}
