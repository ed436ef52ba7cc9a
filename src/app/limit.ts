/** Limit over the selection (src/dsp/limiter.ts) as one undoable step in the analysis worker: how far the loudest
 * peak comes down is said, and a selection already under the ceiling is left as it was. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { gainToDb, peakOf } from '../dsp/gain';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function limitSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { limitCeilingDb: ceilingDb, limitReleaseMs: releaseMs } = state.params;
  const over = gainToDb(peakOf(targetTrackAudio(services, range).flat())) - ceilingDb;
  if (!(over > 0))
    return state.notify('info', `Nothing in the selection goes over ${ceilingDb} dBFS: nothing was changed.`);
  if (!(await runEffect(services, { kind: 'limit', ceilingDb, releaseMs }, undefined, run))) return;
  store.getState().notify('info', `Limited to ${ceilingDb} dBFS: the loudest peak came down ${over.toFixed(1)} dB.`);
}
