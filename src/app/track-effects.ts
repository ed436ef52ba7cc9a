/** Effect edits from the Track effects panel and the master fader: each lands as one named undo step (a fader drag
 * previews as it goes and lands as one), and one refused (a setting out of bounds) is said, the project unchanged. */
import { setMasterGain } from '../project/track-effects';
import type { TrackEdit } from '../project/track-ops';
import type { Project } from '../project/types';
import type { StudioStore } from '../store/studio-store';

/** Commits the edit; false (and the reason shown) where it was refused. */
export function commitEffectEdit(store: StudioStore, edit: (project: Project) => TrackEdit): boolean {
  const state = store.getState();
  try {
    const { label, project } = edit(state.project);
    state.commit(label, project);
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Sets the master fader: previewed during a gesture (a slider drag), else one step at once. */
export function changeMasterGain(store: StudioStore, gainDb: number): void {
  const state = store.getState();
  if (!state.transactionBase) {
    commitEffectEdit(store, (project) => setMasterGain(project, gainDb));
    return;
  }
  try {
    state.preview(setMasterGain(state.project, gainDb).project);
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
  }
}
