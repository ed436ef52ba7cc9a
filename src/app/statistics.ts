/** Loudness and statistics of what would be delivered: the mix of the selected tracks over the selection, else the
 * whole mix as Export renders it, measured in the analysis worker (src/dsp/statistics.ts). */
import * as Comlink from 'comlink';
import { analysis, answerValue } from '../client/analysis-client';
import type { AudioStatistics } from '../dsp/statistics';
import { mixdownInBlocks } from '../export/export-audio';
import { projectLength } from '../project/types';
import type { Services } from './services';

export interface Measured {
  /** What was measured, in words ("the whole mix, 8.0 s"). */
  what: string;
  stats: AudioStatistics;
}

export type Measure = (channels: Float32Array[], sampleRate: number) => Promise<AudioStatistics>;

const measureInWorker: Measure = (channels, sampleRate) =>
  answerValue(
    analysis().statistics(
      Comlink.transfer(
        channels,
        channels.map((c) => c.buffer as ArrayBuffer),
      ),
      sampleRate,
    ),
  );

/** The measures, or null (said) when there is no audio to measure. */
export async function measureProgramme(services: Services, measure = measureInWorker): Promise<Measured | null> {
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
  state.set({ busy: 'Measuring loudness…' });
  try {
    const channels = await mixdownInBlocks(state, assets, range, selected?.trackIds);
    return { what, stats: await measure(channels, project.sampleRate) };
  } finally {
    store.getState().set({ busy: null });
  }
}
