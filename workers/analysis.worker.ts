/** Off-main-thread audio work: WAV decoding, resampling, peaks, spectrograms and file encoding. */
import * as Comlink from 'comlink';
import { encodeMp3 } from '../src/dsp/mp3';
import { applyEffect, type EffectSpec, type PieceData } from '../src/project/effects';
import type { SampleRange } from '../src/project/types';
import { computePeakLevels, type PeakLevel } from '../src/dsp/peaks';
import { resample } from '../src/dsp/resample';
import { framesToDb, spectrogramImage } from '../src/dsp/spectrogram';
import {
  applySeparation,
  preserveEdit,
  type SeparatingEdit,
  transferTimbre,
  type PreservingEdit,
} from '../src/dsp/spectral-edit';
import { decodeWavBlob, encodeWav, type WavSampleFormat } from '../src/dsp/wav';

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

const buffersOf = (channels: Float32Array[]) => channels.map((c) => c.buffer as ArrayBuffer);

const api = {
  /** Decodes a WAV file and, when `targetRate` differs from the file's rate, resamples it. */
  async decodeWav(file: Blob, targetRate: number | null): Promise<DecodedFile> {
    const decoded = await decodeWavBlob(file);
    const rate = targetRate ?? decoded.sampleRate;
    const channels =
      rate === decoded.sampleRate
        ? decoded.channels
        : decoded.channels.map((c) => resample(c, decoded.sampleRate, rate));
    const out = {
      sampleRate: rate,
      originalRate: decoded.sampleRate,
      channels,
      truncated: decoded.truncated,
      nonFinite: decoded.nonFinite,
    };
    return Comlink.transfer(out, buffersOf(channels));
  },

  peaks(channels: Float32Array[]): PeakLevel[] {
    const levels = computePeakLevels(channels);
    return Comlink.transfer(
      levels,
      levels.map((l) => l.data.buffer as ArrayBuffer),
    );
  },

  /** A spectrogram picture from packed analysis frames (see gatherFrames), one column per frame. */
  spectrogram(frames: Float32Array, fftSize: number, height: number, sampleRate: number): SpectrogramPicture {
    const columns = framesToDb(frames, fftSize);
    const pixels = spectrogramImage(columns, height, sampleRate) as Uint8ClampedArray<ArrayBuffer>;
    return Comlink.transfer({ width: columns.length, height, pixels }, [pixels.buffer]);
  },

  /** Runs an edit effect over one track's pieces (transferred in and out, never copied). */
  effect(
    spec: EffectSpec,
    pieces: PieceData[],
    range: SampleRange,
    sampleRate: number,
  ): { channels: Float32Array[][]; starts: number[] } {
    const starts = applyEffect(spec, pieces, range, sampleRate);
    const channels = pieces.map((p) => p.channels);
    return Comlink.transfer({ channels, starts }, channels.flatMap(buffersOf));
  },

  /** A model edit applied so that what it did not change stays the original recording (src/dsp/spectral-edit.ts). */
  preserveEdit(
    kind: PreservingEdit,
    original: Float32Array[],
    model: Float32Array,
    recon: Float32Array,
    modelRate: number,
    rate: number,
    addLevelDb?: number,
  ): Float32Array[] {
    const out = preserveEdit(kind, original, model, recon, modelRate, rate, addLevelDb);
    return Comlink.transfer(out, buffersOf(out));
  },

  /** Remove or extract from a separator's mask, on the original recording's every channel (src/dsp/spectral-edit.ts). */
  applySeparation(
    kind: SeparatingEdit,
    original: Float32Array[],
    mask: Float32Array,
    bins: number,
    modelRate: number,
    rate: number,
  ): Float32Array[] {
    const out = applySeparation(kind, original, mask, bins, modelRate, rate);
    return Comlink.transfer(out, buffersOf(out));
  },

  /** Style transfer keeping the performance: the model's change of timbre on the original (src/dsp/spectral-edit.ts). */
  transferTimbre(
    original: Float32Array[],
    model: Float32Array,
    recon: Float32Array,
    modelRate: number,
    rate: number,
  ): Float32Array[] {
    const out = transferTimbre(original, model, recon, modelRate, rate);
    return Comlink.transfer(out, buffersOf(out));
  },

  /** Resamples to `toRate` where needed and encodes a WAV or MP3 file. */
  encode(
    channels: Float32Array[],
    fromRate: number,
    toRate: number,
    format: WavSampleFormat | 'mp3',
    mp3Kbps: number,
  ): ArrayBuffer {
    const audio = toRate === fromRate ? channels : channels.map((c) => resample(c, fromRate, toRate));
    const bytes = format === 'mp3' ? encodeMp3(audio, toRate, mp3Kbps).buffer : encodeWav(audio, toRate, format);
    return Comlink.transfer(bytes, [bytes]);
  },
};

export type AnalysisApi = typeof api;

Comlink.expose(api);
