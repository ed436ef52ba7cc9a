/** Track effect edits from the Track effects panel: each lands as one named undo step, and one the effect refuses
 * (a setting out of bounds) is said, the project unchanged. */
import type { TrackEdit } from '../project/track-ops';
import type { Project } from '../project/types';
import type { StudioStore } from '../store/studio-store';

/** Commits the edit; false (and the reason shown) where it was refused. */
export function editTrackEffects(store: StudioStore, edit: (project: Project) => TrackEdit): boolean {
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
