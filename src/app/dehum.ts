/** De-hum over the selection (src/dsp/dehum.ts) as one undoable step in the analysis worker: the hum is found here,
 * on the target tracks' audio together, and said; a selection with no mains hum is left as it was, unless the user
 * chose the mains (then they hear hum too weak to find and it is taken at their word). */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { findHum, MIN_SECONDS } from '../dsp/find-hum';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function dehumSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  if (range.end - range.start < MIN_SECONDS * state.project.sampleRate)
    return state.notify('info', `Select at least ${MIN_SECONDS} s for De-hum to tell hum from other sound.`);
  const { humMains } = state.params;
  // Every target track's channels together.
  const hum = findHum(targetTrackAudio(services, range).flat(), state.project.sampleRate, humMains);
  if (!hum)
    return state.notify(
      'info',
      'No steady mains hum (50 or 60 Hz and its harmonics) found in the selection: nothing was changed. ' +
        'If you hear hum, choose its mains (50 or 60 Hz) and De-hum again.',
    );
  if (!(await runEffect(services, { kind: 'dehum', hum }, undefined, run))) return;
  const top = (Math.max(...hum.harmonics) * hum.hz) / 1000;
  const count = hum.harmonics.length;
  store
    .getState()
    .notify(
      'info',
      `Took out ${hum.hz.toFixed(2)} Hz mains hum${humMains === 'auto' ? '' : ' (as chosen)'}: ${count} harmonic${count === 1 ? '' : 's'}, up to ${top.toFixed(1)} kHz.`,
    );
}
