/** De-breath over the selection (src/dsp/breaths.ts): the breaths between the phrases are found in the analysis worker
 * (on the target tracks' audio together) and turned down as one undoable step; how many and how long is said, and a
 * selection with none is said to have none and left as it was. */
import { selectedRange } from '../actions/targets';
import { analysis, answerValue, transferred } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import type { EffectRunner } from '../project/process-ops';
import type { SampleRange } from '../project/types';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export type BreathFinder = (channels: Float32Array[], sampleRate: number) => Promise<SampleRange[]>;

const breathsInWorker: BreathFinder = (channels, sampleRate) =>
  answerValue(analysis().breaths(transferred(channels), sampleRate));

export async function debreathSelection(
  services: Services,
  run: EffectRunner = runInWorker,
  find: BreathFinder = breathsInWorker,
): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const rate = state.project.sampleRate;
  const found = await find(targetTrackAudio(services, range).flat(), rate);
  if (!found.length)
    return store
      .getState()
      .notify(
        'info',
        'No breaths found between the phrases (a voice, with pauses of 0.25 s or more): nothing was changed.',
      );
  const spans = found.map((b) => ({ start: b.start + range.start, end: b.end + range.start }));
  const reductionDb = state.params.breathReductionDb;
  if (!(await runEffect(services, { kind: 'debreath', spans, reductionDb }, undefined, run))) return;
  const seconds = spans.reduce((sum, s) => sum + s.end - s.start, 0) / rate;
  store
    .getState()
    .notify(
      'info',
      `Turned ${spans.length} breath${spans.length === 1 ? '' : 's'} down by ${reductionDb} dB (${seconds.toFixed(1)} s in all).`,
    );
}
