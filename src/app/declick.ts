/** De-click over the selection (src/dsp/declick.ts) as one undoable step in the analysis worker, where the clicks
 * are found and drawn again; what changed is counted here from the audio before and after it and said, and a
 * selection with no clicks is left as it was. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function declickSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const sensitivity = state.params.clickSensitivity;
  const before = targetTrackAudio(services, range, state.project);
  let mended: Mended | null = null;
  const applied = await runEffect(services, { kind: 'declick', sensitivity }, undefined, run, (project) => {
    mended = changedStretches(before, targetTrackAudio(services, range, project));
    return mended.stretches > 0;
  });
  const found = mended as Mended | null;
  if (!found) return; // not run: the project changed meanwhile (said)
  if (!applied)
    return store
      .getState()
      .notify(
        'info',
        `No clicks found in the selection at sensitivity ${sensitivity}: nothing was changed. ` +
          'If you hear clicks, raise the sensitivity and De-click again.',
      );
  const ms = ((1000 * found.samples) / state.project.sampleRate).toFixed(1);
  const count = found.stretches;
  store.getState().notify('info', `De-clicked ${count} click${count === 1 ? '' : 's'} (${ms} ms drawn again).`);
}

interface Mended {
  /** Stretches where any channel of a track changed, and their samples, over all tracks. */
  stretches: number;
  samples: number;
}

/** Where each track's audio changed (in any channel). */
function changedStretches(before: Float32Array[][], after: Float32Array[][]): Mended {
  let stretches = 0;
  let samples = 0;
  before.forEach((channels, t) => {
    let inside = false;
    for (let n = 0; n < channels[0].length; n++) {
      const changed = channels.some((c, ch) => c[n] !== after[t][ch][n]);
      if (changed && !inside) stretches++;
      if (changed) samples++;
      inside = changed;
    }
  });
  return { stretches, samples };
}
