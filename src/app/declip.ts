/** De-clip over the selection (src/dsp/declip.ts) as one undoable step in the analysis worker: what was found is
 * said, a selection with no clipping is left as it was, and restored peaks over full scale are pointed out (a 16-
 * or 24-bit export would cut them again). */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { findClipping } from '../dsp/declip';
import { gainToDb, peakOf } from '../dsp/gain';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function declipSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const audioOf = (project = store.getState().project) => targetTrackAudio(services, range, project);
  const found = audioOf(state.project).map(findClipping);
  const samples = found.reduce((n, f) => n + f.samples, 0);
  if (samples === 0) return state.notify('info', 'No clipping found in the selection: nothing was changed.');
  if (!(await runEffect(services, { kind: 'declip' }, 'De-clip', run))) return;
  const runs = found.reduce((n, f) => n + f.runs, 0);
  const ms = ((1000 * samples) / state.project.sampleRate).toFixed(1);
  const peak = peakOf(audioOf().flat());
  const over =
    peak > 1
      ? ` The restored peaks reach +${gainToDb(peak).toFixed(1)} dBFS: lower the gain, or export as 32-bit float, ` +
        'to keep them from being clipped again.'
      : '';
  store
    .getState()
    .notify(
      'info',
      `De-clipped ${runs} clipped stretch${runs === 1 ? '' : 'es'} (${samples} samples, ${ms} ms).${over}`,
    );
}
