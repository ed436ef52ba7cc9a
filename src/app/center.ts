/** Vocal reduction and isolation over the selection (src/dsp/center.ts), one undoable step in the analysis worker:
 * it asks for stereo clips (a mono one has no centre to tell apart) and says how far the selection's level moved. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import type { CenterOperation } from '../dsp/center';
import type { EffectRunner } from '../project/process-ops';
import { clipOverlap, type Project } from '../project/types';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

/** The name of the first selected track with a clip in the range that is not stereo, or null. */
function notStereo({ store, assets }: Services, range: { start: number; end: number }): string | null {
  const state = store.getState();
  const ids = targetTrackIds(state);
  const track = state.project.tracks.find(
    (t) =>
      ids.includes(t.id) &&
      t.clips.some((c) => clipOverlap(c, range) !== null && assets.get(c.assetId).channels.length !== 2),
  );
  return track ? track.name : null;
}

const energyOf = (channels: Float32Array[][]) =>
  channels.flat().reduce((sum, x) => sum + x.reduce((s, v) => s + v * v, 0), 0);

export async function centerSelection(
  services: Services,
  operation: CenterOperation,
  run: EffectRunner = runInWorker,
): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const mono = notStereo(services, range);
  if (mono !== null)
    return state.notify(
      'info',
      `“${mono}” is not stereo: a centre can only be told apart from the sides in two channels. Nothing was changed.`,
    );
  const { centerLowHz: lowHz, centerHighHz: highHz } = state.params;
  const before = energyOf(targetTrackAudio(services, range, state.project));
  let changeDb = 0;
  const measure = (project: Project) => {
    changeDb = 10 * Math.log10(Math.max(1e-30, energyOf(targetTrackAudio(services, range, project))) / before);
    return true;
  };
  if (!(before > 0)) return state.notify('info', 'The selection is silent: nothing was changed.');
  if (!(await runEffect(services, { kind: 'center', operation, lowHz, highHz }, undefined, run, measure))) return;
  const done = operation === 'remove' ? 'Took the centre (the vocals) out' : 'Kept only the centre (the vocals)';
  store
    .getState()
    .notify(
      'info',
      `${done} between ${lowHz} and ${highHz} Hz: the selection is ${Math.abs(changeDb).toFixed(1)} dB ${changeDb <= 0 ? 'quieter' : 'louder'}.`,
    );
}
