/** Add double: the selection on one track doubled (src/dsp/doubler.ts, in the analysis worker), as a vocal doubler or
 * a second take laid under the first: a new track under the others, 4 dB under and panned right of the original
 * (pan the original left for width), each double its own drifts, one undoable step. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { placeAsset, trackAudio } from '../project/generated-ops';
import type { EffectRunner } from '../project/process-ops';
import type { Services } from './services';

/** Where a double sits against its original: quieter, and to one side. */
export const DOUBLE_GAIN_DB = -4;
export const DOUBLE_PAN = 0.5;

export async function addDouble(services: Services, run: EffectRunner = runInWorker): Promise<boolean> {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const ids = targetTrackIds(state);
  const source = state.project.tracks.find((t) => t.id === ids[0]);
  if (!range || !source || ids.length > 1) {
    state.notify('info', 'Select a part of one track (a sung or played line) to double it.');
    return false;
  }
  const length = range.end - range.start;
  const piece = { start: range.start, length, channels: trackAudio(source, assets, range) };
  const rate = state.project.sampleRate;
  // Each double drifts its own way: a second one laid with the first does not move with it.
  const seed = 1 + state.project.tracks.filter((t) => t.name.startsWith(`Double (${source.name})`)).length;
  state.set({ busy: 'Add double…' });
  try {
    const { channels } = await run({ kind: 'double', seed }, [piece], range, rate);
    if (store.getState().project !== state.project) {
      store
        .getState()
        .notify('error', 'The double was not added: the project changed while it was made. Add it again.');
      return false;
    }
    const asset = assets.add(channels[0], rate);
    const name = `Double (${source.name})`;
    const placed = placeAsset(state.project, null, range.start, asset.id, length, name);
    const tracks = placed.tracks.map((t, i) =>
      i === placed.tracks.length - 1 ? { ...t, gainDb: DOUBLE_GAIN_DB, pan: DOUBLE_PAN } : t,
    );
    store.getState().commit('Add double', { ...placed, tracks });
    store
      .getState()
      .notify(
        'info',
        `Added a double of "${source.name}" on a new track, ${-DOUBLE_GAIN_DB} dB under and panned right: pan the original left for width.`,
      );
    return true;
  } finally {
    store.getState().set({ busy: null });
  }
}
