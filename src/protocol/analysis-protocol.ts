/** The analysis worker's contract (no runtime dependencies): decoding, resampling, peaks, spectrograms, the studio's
 * post-processing of model output and file encoding. Like the inference worker, it answers with values: a failure
 * crosses as `{ ok: false, error }`, never as a thrown error. */
import type { PeakLevel } from '../dsp/peaks';
import type { applySeparation, preserveEdit, transferTimbre } from '../dsp/spectral-edit';
import type { WavSampleFormat } from '../dsp/wav';
import type { Conformed, conformMusic } from '../music/conform';
import type { EffectSpec, PieceData } from '../project/effects';
import type { SampleRange } from '../project/types';

export interface DecodedFile {
  sampleRate: number;
  originalRate: number;
  channels: Float32Array[];
  truncated: boolean;
  nonFinite: number;
}

export interface SpectrogramPicture {
  width: number;
  height: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

export interface AnalysisErrorValue {
  message: string;
}

export type AnalysisResult<T> = { ok: true; value: T } | { ok: false; error: AnalysisErrorValue };

export interface AnalysisApi {
  /** Decodes a WAV file and, when `targetRate` differs from the file's rate, resamples it. */
  decodeWav(file: Blob, targetRate: number | null): Promise<AnalysisResult<DecodedFile>>;
  peaks(channels: Float32Array[]): Promise<AnalysisResult<PeakLevel[]>>;
  /** A spectrogram picture from packed analysis frames (see gatherFrames), one column per frame. */
  spectrogram(
    frames: Float32Array,
    fftSize: number,
    height: number,
    sampleRate: number,
  ): Promise<AnalysisResult<SpectrogramPicture>>;
  /** Runs an edit effect over one track's pieces (transferred in and out, never copied). */
  effect(
    spec: EffectSpec,
    pieces: PieceData[],
    range: SampleRange,
    sampleRate: number,
  ): Promise<AnalysisResult<{ channels: Float32Array[][]; starts: number[] }>>;
  /** A model edit applied so that what it did not change stays the original recording (src/dsp/spectral-edit.ts). */
  preserveEdit(...args: Parameters<typeof preserveEdit>): Promise<AnalysisResult<Float32Array[]>>;
  /** Remove or extract from a separator's mask, on the original recording's every channel. */
  applySeparation(...args: Parameters<typeof applySeparation>): Promise<AnalysisResult<Float32Array[]>>;
  /** A generated music take stretched and shifted to the asked tempo and key (src/music/conform.ts). */
  conformMusic(...args: Parameters<typeof conformMusic>): Promise<AnalysisResult<Conformed>>;
  /** Style transfer keeping the performance: the model's change of timbre on the original. */
  transferTimbre(...args: Parameters<typeof transferTimbre>): Promise<AnalysisResult<Float32Array[]>>;
  /** Resamples to `toRate` where needed and encodes a WAV or MP3 file. */
  encode(
    channels: Float32Array[],
    fromRate: number,
    toRate: number,
    format: WavSampleFormat | 'mp3',
    mp3Kbps: number,
  ): Promise<AnalysisResult<ArrayBuffer>>;
}
