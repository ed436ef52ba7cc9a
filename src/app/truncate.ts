/** Truncate silence over the selection (src/dsp/silence.ts): the pauses are found where every selected track is
 * silent together, so the tracks stay in step, then cut on each of them in the analysis worker as one undoable step;
 * how many pauses were shortened and by how much is said, and a selection with none is said to have none. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { findPauses } from '../dsp/silence';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function truncateSilence(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { silenceThresholdDb: thresholdDb, pauseSeconds } = state.params;
  const rate = state.project.sampleRate;
  const cuts = findPauses(targetTrackAudio(services, range).flat(), rate, { thresholdDb, pauseSeconds }).map((c) => ({
    start: c.start + range.start,
    end: c.end + range.start,
  }));
  if (cuts.length === 0)
    return state.notify(
      'info',
      `No pause longer than ${pauseSeconds} s under ${thresholdDb} dBFS in the selection: nothing was changed.`,
    );
  const seconds = (cuts.reduce((sum, c) => sum + c.end - c.start, 0) / rate).toFixed(1);
  const pauses = `${cuts.length} pause${cuts.length === 1 ? '' : 's'}`;
  if (
    !(await runEffect(services, { kind: 'truncateSilence', cuts }, `Truncate silence (${pauses}, -${seconds} s)`, run))
  )
    return;
  store.getState().notify('info', `Shortened ${pauses} to ${pauseSeconds} s: ${seconds} s shorter.`);
}
