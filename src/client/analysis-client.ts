/** The typed handle on the analysis worker (decode, peaks, spectrogram, encode). */
import * as Comlink from 'comlink';
import type { AnalysisApi } from '../../workers/analysis.worker';

let remote: Comlink.Remote<AnalysisApi> | undefined;

export function analysis(): Comlink.Remote<AnalysisApi> {
  remote ??= Comlink.wrap<AnalysisApi>(
    new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' }),
  );
  return remote;
}
