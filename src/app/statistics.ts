/** Measures of what would be delivered: the mix of the selected tracks over the selection, else the whole mix as
 * Export renders it, measured in the analysis worker: its loudness and statistics (src/dsp/statistics.ts) and its
 * average spectrum (src/dsp/spectrum.ts). */
import { analysis, answerValue, transferred } from '../client/analysis-client';
import type { Spectrum } from '../dsp/spectrum';
import type { AudioStatistics, DeliveryTarget } from '../dsp/statistics';
import { mixdownInBlocks } from '../export/export-audio';
import { runInWorker } from '../client/effect-runner';
import { audibleTracks } from '../project/mixdown';
import type { EffectRunner } from '../project/process-ops';
import { projectLength, type SampleRange } from '../project/types';
import type { StudioState } from '../store/studio-store';
import { runEffect } from './effects';
import type { Services } from './services';

/** A measure of the programme, and what was measured, in words ("the whole mix, 8.0 s"). */
export interface Measured<T> {
  what: string;
  result: T;
}

export type Measure<T> = (channels: Float32Array[], sampleRate: number) => Promise<T>;

export const statisticsInWorker: Measure<AudioStatistics> = (channels, sampleRate) =>
  answerValue(analysis().statistics(transferred(channels), sampleRate));

export const spectrumInWorker: Measure<Spectrum | null> = (channels, sampleRate) =>
  answerValue(analysis().spectrum(transferred(channels), sampleRate));

/** What the measures read, and what an edit of it changes: the selection on its tracks, else every audible track over
 * the whole project; null where there is no audio. */
function programmeOf(state: StudioState): { range: SampleRange; trackIds: string[]; what: string } | null {
  const { selection, project } = state;
  const selected = selection && selection.end > selection.start ? selection : null;
  const range = selected ?? { start: 0, end: projectLength(project) };
  if (range.end <= range.start) return null;
  const seconds = ((range.end - range.start) / project.sampleRate).toFixed(1);
  const tracks = selected?.trackIds.length ?? 0;
  const what = selected
    ? `the selection, ${seconds} s of ${tracks === 1 ? 'one track' : `${tracks} tracks mixed`}`
    : `the whole mix, ${seconds} s`;
  return { range, trackIds: selected?.trackIds ?? audibleTracks(project).map((t) => t.id), what };
}

/** The measure of the programme, or null (said) when there is no audio to measure. */
export async function measureProgramme<T>(services: Services, measure: Measure<T>): Promise<Measured<T> | null> {
  const { store, assets } = services;
  const state = store.getState();
  const programme = programmeOf(state);
  if (!programme) {
    state.notify('info', 'There is no audio to measure: import or record some first.');
    return null;
  }
  state.set({ busy: 'Measuring…' });
  try {
    const channels = await mixdownInBlocks(state, assets, programme.range, programme.trackIds);
    return { what: programme.what, result: await measure(channels, state.project.sampleRate) };
  } finally {
    store.getState().set({ busy: null });
  }
}

/** The measured programme brought to a delivery target's loudness by one gain on its tracks, one undo step (as RX's
 * Loudness module renders it); said, with a warning where its true peak then goes over the target's ceiling. */
export async function matchLoudness(
  services: Services,
  measured: Measured<AudioStatistics>,
  target: DeliveryTarget,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  const { store } = services;
  const programme = programmeOf(store.getState());
  const stats = measured.result;
  const { integrated } = stats.loudness;
  if (!programme || !Number.isFinite(integrated)) return false;
  if (programme.what !== measured.what) {
    store
      .getState()
      .notify('info', `The selection has changed since it was measured (${measured.what}): measure again.`);
    return false;
  }
  const db = Math.round(100 * (target.lufs - integrated)) / 100;
  if (Math.abs(db) < 0.05) {
    store.getState().notify('info', `Already at ${target.lufs} LUFS: nothing was changed.`);
    return false;
  }
  store.getState().selectRange({ ...programme.range, trackIds: programme.trackIds });
  const label = `Match loudness to ${target.lufs} LUFS (${db > 0 ? '+' : ''}${db} dB)`;
  if (!(await runEffect(services, { kind: 'gain', db }, label, run))) return false;
  const peak = stats.truePeakDb + db;
  const over =
    peak > target.truePeakDb
      ? ` Its true peak is now ${peak.toFixed(1)} dBTP, over ${target.truePeakDb} dBTP: Limit it before delivering.`
      : '';
  store
    .getState()
    .notify('info', `Turned ${db > 0 ? 'up' : 'down'} ${Math.abs(db).toFixed(2)} dB to ${target.lufs} LUFS.${over}`);
  return true;
}
