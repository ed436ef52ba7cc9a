/** The analysis worker's contract (no runtime dependencies): decoding, resampling, peaks, spectrograms, the studio's
 * post-processing of model output and file encoding. Like the inference worker, it answers with values: a failure
 * crosses as `{ ok: false, error }`, never as a thrown error. */
import type { FrequencyBand } from '../dsp/band';
import type { SimilarResult } from '../dsp/find-similar';
import type { PeakLevel } from '../dsp/peaks';
import type { Intonation, PitchCorrection } from '../dsp/pitch-correct';
import type { LineNotes } from '../dsp/pitch-notes';
import type { Spectrum } from '../dsp/spectrum';
import type { AudioStatistics } from '../dsp/statistics';
import type { ExportFormat } from '../export/file-formats';
import type { Delivery } from '../export/deliver';
import type { FileMetadata } from '../export/tags';
import type { EffectSpec, PieceData } from '../project/effects';
import type { ModelAudio, ProjectAudio } from '../project/model-audio';
import type { SampleRange } from '../project/types';
import type { VideoFrames } from './engine-protocol';

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
  /** Loudness (EBU R128), peaks and statistics of a programme (src/dsp/statistics.ts). */
  statistics(channels: Float32Array[], sampleRate: number): Promise<AnalysisResult<AudioStatistics>>;
  /** How far the programme's voice (its channels mixed) sits from the scale's notes (src/dsp/pitch-correct.ts); null
   * where nothing in it has a pitch. */
  intonation(
    channels: Float32Array[],
    sampleRate: number,
    scale: PitchCorrection,
  ): Promise<AnalysisResult<Intonation | null>>;
  /** The notes of a line (its channels mixed; src/dsp/pitch-notes.ts) and its pitch track, for the Pitch editor. */
  lineNotes(channels: Float32Array[], sampleRate: number): Promise<AnalysisResult<LineNotes>>;
  /** The breaths between the phrases of a voice (its channels mixed; src/dsp/breaths.ts), samples from its start. */
  breaths(channels: Float32Array[], sampleRate: number): Promise<AnalysisResult<SampleRange[]>>;
  /** Where `take` is read for each 10 ms step of `guide` to be in time with it, seconds from their common start
   * (src/dsp/align.ts). */
  alignment(guide: Float32Array[], take: Float32Array[], sampleRate: number): Promise<AnalysisResult<Float32Array>>;
  /** Each channel of a recording of `played` (a sweep) divided by it: the impulse response measured, at most `most`
   * samples a channel (src/dsp/deconvolve.ts). */
  deconvolve(recorded: Float32Array[], played: Float32Array, most: number): Promise<AnalysisResult<Float32Array[]>>;
  /** The programme's average spectrum (src/dsp/spectrum.ts); null where it is too short for one. */
  spectrum(channels: Float32Array[], sampleRate: number): Promise<AnalysisResult<Spectrum | null>>;
  /** The stretches of `channels` like the sound marked by [markStart, markEnd), compared in `band` where the mark
   * is a box on the spectrogram (src/dsp/find-similar.ts). */
  findSimilar(
    channels: Float32Array[],
    sampleRate: number,
    markStart: number,
    markEnd: number,
    threshold: number,
    band: FrequencyBand | undefined,
  ): Promise<AnalysisResult<SimilarResult>>;
  /** Audio the model returned made project audio: at the project's rate, conformed and levelled (generated), or
   * applied to the original recording and crossfaded into it (edits); src/project/model-audio.ts. */
  projectAudio(input: ModelAudio): Promise<AnalysisResult<ProjectAudio>>;
  /** A video's picture from `from` seconds for `seconds`, as a pack's sync encoder reads it (decoded here, off the
   * page's thread; src/video/video-file.ts pictureFrames). */
  picture(file: File, from: number, seconds: number, size: number, fps: number): Promise<AnalysisResult<VideoFrames>>;
  /** Resamples to `toRate` where needed and encodes a WAV, FLAC, MP3 or Opus file; a 16- or 24-bit one with triangular dither
   * from `dither`'s seed where it is given (src/dsp/dither.ts); tags and chapters where the format has a place;
   * first brought to a loudness where `delivery` asks (src/export/deliver.ts), saying what that did. */
  encode(
    channels: Float32Array[],
    fromRate: number,
    toRate: number,
    format: ExportFormat,
    kbps: number,
    dither: { seed: number } | null,
    metadata: FileMetadata | null,
    delivery: Delivery | null,
  ): Promise<AnalysisResult<EncodedFile>>;
}

/** An encoded file, and what was done to its audio on the way (a loudness normalization, a limiter). */
export interface EncodedFile {
  bytes: ArrayBuffer;
  notes: string[];
}
