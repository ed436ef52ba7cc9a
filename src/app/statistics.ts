/** Measures of what would be delivered: the mix of the selected tracks over the selection, else the whole mix as
 * Export renders it, measured in the analysis worker: its loudness and statistics (src/dsp/statistics.ts) and its
 * average spectrum (src/dsp/spectrum.ts). */
import * as Comlink from 'comlink';
import { analysis, answerValue } from '../client/analysis-client';
import type { Spectrum } from '../dsp/spectrum';
import type { AudioStatistics } from '../dsp/statistics';
import { mixdownInBlocks } from '../export/export-audio';
import { projectLength } from '../project/types';
import type { Services } from './services';

/** A measure of the programme, and what was measured, in words ("the whole mix, 8.0 s"). */
export interface Measured<T> {
  what: string;
  result: T;
}

export type Measure<T> = (channels: Float32Array[], sampleRate: number) => Promise<T>;

const transferred = (channels: Float32Array[]) =>
  Comlink.transfer(
    channels,
    channels.map((c) => c.buffer as ArrayBuffer),
  );

export const statisticsInWorker: Measure<AudioStatistics> = (channels, sampleRate) =>
  answerValue(analysis().statistics(transferred(channels), sampleRate));

export const spectrumInWorker: Measure<Spectrum | null> = (channels, sampleRate) =>
  answerValue(analysis().spectrum(transferred(channels), sampleRate));

/** The measure of the programme, or null (said) when there is no audio to measure. */
export async function measureProgramme<T>(services: Services, measure: Measure<T>): Promise<Measured<T> | null> {
  const { store, assets } = services;
  const state = store.getState();
  const { selection, project } = state;
  const selected = selection && selection.end > selection.start ? selection : null;
  const range = selected ?? { start: 0, end: projectLength(project) };
  if (range.end <= range.start) {
    state.notify('info', 'There is no audio to measure: import or record some first.');
    return null;
  }
  const seconds = ((range.end - range.start) / project.sampleRate).toFixed(1);
  const tracks = selected?.trackIds.length ?? 0;
  const what = selected
    ? `the selection, ${seconds} s of ${tracks === 1 ? 'one track' : `${tracks} tracks mixed`}`
    : `the whole mix, ${seconds} s`;
  state.set({ busy: 'Measuring…' });
  try {
    const channels = await mixdownInBlocks(state, assets, range, selected?.trackIds);
    return { what, result: await measure(channels, project.sampleRate) };
  } finally {
    store.getState().set({ busy: null });
  }
}
