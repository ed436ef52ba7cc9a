/** The typed handle on the analysis worker (decode, peaks, spectrogram, post-processing, encode). */
import * as Comlink from 'comlink';
import type { AnalysisApi, AnalysisResult } from '../protocol/analysis-protocol';

let remote: Comlink.Remote<AnalysisApi> | undefined;

export function analysis(): Comlink.Remote<AnalysisApi> {
  remote ??= Comlink.wrap<AnalysisApi>(
    new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}

/** Work the analysis worker could not do; its message is the worker's own. */
export class AnalysisFailure extends Error {}

/** The value of an answer, for callers whose own errors report the failure (a thrown AnalysisFailure). */
export async function answerValue<T>(answer: Promise<AnalysisResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new AnalysisFailure(result.error.message);
  return result.value;
}

/** Channels handed to the worker: their buffers move there (not copied), so the caller must not use them again. */
export const transferred = (channels: Float32Array[]) =>
  Comlink.transfer(
    channels,
    channels.map((c) => c.buffer as ArrayBuffer),
  );
