/** Off-main-thread audio work: WAV decoding, resampling, peaks, spectrograms, the studio's post-processing of model
 * output and file encoding, behind the contract of src/protocol/analysis-protocol.ts. */
import * as Comlink from 'comlink';
import { findSimilar } from '../src/dsp/find-similar';
import { averageSpectrum } from '../src/dsp/spectrum';
import { toMono } from '../src/dsp/channels';
import { intonation } from '../src/dsp/pitch-correct';
import { lineNotes } from '../src/dsp/pitch-notes';
import { findBreaths } from '../src/dsp/breaths';
import { alignment } from '../src/dsp/align';
import { deconvolve } from '../src/dsp/deconvolve';
import { trackPitch } from '../src/dsp/pitch-track';
import { audioStatistics } from '../src/dsp/statistics';
import { computePeakLevels } from '../src/dsp/peaks';
import { resample } from '../src/dsp/resample';
import { framesToDb, spectrogramImage } from '../src/dsp/spectrogram';
import { decodeWavBlob } from '../src/dsp/wav';
import { deliverInPlace } from '../src/export/deliver';
import { encodeAs, fullScaleOf } from '../src/export/file-formats';
import { ditherInPlace } from '../src/dsp/dither';
import { applyEffect } from '../src/project/effects';
import type { AnalysisApi, AnalysisResult } from '../src/protocol/analysis-protocol';
import { toProjectAudio } from '../src/project/model-audio';
import { pictureFrames } from '../src/video/video-file';

const buffersOf = (channels: Float32Array[]) => channels.map((c) => c.buffer as ArrayBuffer);

/** Runs one request and answers with a value: the result with its buffers moved (not copied) to the page, or the
 * failure's message. */
async function answer<T>(work: () => Promise<[T, Transferable[]]> | [T, Transferable[]]): Promise<AnalysisResult<T>> {
  try {
    const [value, buffers] = await work();
    return Comlink.transfer({ ok: true, value }, buffers);
  } catch (e) {
    return { ok: false, error: { message: e instanceof Error ? e.message : String(e) } };
  }
}

const api: AnalysisApi = {
  decodeWav: (file, targetRate) =>
    answer(async () => {
      const decoded = await decodeWavBlob(file);
      const rate = targetRate ?? decoded.sampleRate;
      const channels =
        rate === decoded.sampleRate
          ? decoded.channels
          : decoded.channels.map((c) => resample(c, decoded.sampleRate, rate));
      const { truncated, nonFinite } = decoded;
      return [
        { sampleRate: rate, originalRate: decoded.sampleRate, channels, truncated, nonFinite },
        buffersOf(channels),
      ];
    }),

  peaks: (channels) =>
    answer(() => {
      const levels = computePeakLevels(channels);
      return [levels, levels.map((l) => l.data.buffer as ArrayBuffer)];
    }),

  spectrogram: (frames, fftSize, height, sampleRate) =>
    answer(() => {
      const columns = framesToDb(frames, fftSize);
      const pixels = spectrogramImage(columns, height, sampleRate) as Uint8ClampedArray<ArrayBuffer>;
      return [{ width: columns.length, height, pixels }, [pixels.buffer]];
    }),

  effect: (spec, pieces, range, sampleRate) =>
    answer(() => {
      const starts = applyEffect(spec, pieces, range, sampleRate);
      const channels = pieces.map((p) => p.channels);
      return [{ channels, starts }, channels.flatMap(buffersOf)];
    }),

  findSimilar: (channels, sampleRate, markStart, markEnd, threshold, band) =>
    answer(() => [findSimilar(channels, sampleRate, markStart, markEnd, threshold, band), []]),

  statistics: (channels, sampleRate) => answer(() => [audioStatistics(channels, sampleRate), []]),

  breaths: (channels, sampleRate) => answer(() => [findBreaths(channels, sampleRate), []]),

  alignment: (guide, take, sampleRate) =>
    answer(() => {
      const { readAt } = alignment(guide, take, sampleRate);
      return [readAt, [readAt.buffer]];
    }),

  deconvolve: (recorded, played, most) =>
    answer(() => {
      const measured = recorded.map((channel) => deconvolve(channel, played, most));
      return [measured, buffersOf(measured)];
    }),

  lineNotes: (channels, sampleRate) =>
    answer(() => {
      const line = lineNotes(channels, sampleRate);
      return [line, [line.track.hz.buffer]];
    }),

  intonation: (channels, sampleRate, scale) =>
    answer(() => [intonation(trackPitch(toMono(channels), sampleRate), scale), []]),

  spectrum: (channels, sampleRate) =>
    answer(() => {
      const spectrum = averageSpectrum(channels, sampleRate);
      return [spectrum, spectrum ? [spectrum.hz.buffer, spectrum.db.buffer] : []];
    }),

  projectAudio: (input) =>
    answer(() => {
      const out = toProjectAudio(input);
      return [out, buffersOf(out.channels)];
    }),

  picture: (file, from, seconds, size, fps) =>
    answer(async () => {
      const video = await pictureFrames(file, from, seconds, size, fps);
      return [video, [video.pixels.buffer as ArrayBuffer]];
    }),

  encode: (channels, fromRate, toRate, format, kbps, dither, metadata, delivery) =>
    answer(async () => {
      // The channels are the worker's own (transferred): normalized and dithered where they lie.
      const notes = delivery ? deliverInPlace(channels, fromRate, delivery) : [];
      const audio = toRate === fromRate ? channels : channels.map((c) => resample(c, fromRate, toRate));
      const fullScale = fullScaleOf(format);
      if (dither && fullScale) ditherInPlace(audio, fullScale, dither.seed);
      const bytes = await encodeAs(audio, toRate, format, kbps, metadata ?? undefined);
      return [{ bytes, notes }, [bytes]];
    }),
};

Comlink.expose(api);
