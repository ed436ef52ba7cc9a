/** Project changes made from one thing's own controls (a track header's name and sliders, a clip's handle, a label's
 * or a prompt's ×): each lands as one named undo step, and a gesture (a drag) previews as it goes and lands as one
 * step when it ends. Components call these (or the action registry); only the command layer writes to the store. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { addLabel, projectLabels, removeLabel, renameLabel } from '../project/label-ops';
import { forgetPrompt } from '../project/prompt-history';
import { moveClip } from '../project/timeline-ops';
import { setTrack } from '../project/track-ops';
import type { Project, Track } from '../project/types';
import type { StudioStore } from '../store/studio-store';

export interface Gesture {
  /** Shows the project as `change` makes it from the project at the gesture's start. */
  update(change: (base: Project) => Project): void;
  /** Lands what the gesture changed as one undo step (none when it changed nothing). */
  end(label: string): void;
}

export function startGesture(store: StudioStore): Gesture {
  store.getState().beginTransaction();
  const base = store.getState().project;
  return {
    update: (change) => store.getState().preview(change(base)),
    end: (label) => store.getState().endTransaction(label),
  };
}

/** Changes a track's name, gain or pan: previewed during a gesture (a slider drag), else one step at once. */
export function changeTrack(store: StudioStore, trackId: string, label: string, patch: Partial<Track>) {
  const state = store.getState();
  const { project } = setTrack(state.project, trackId, label, patch);
  if (state.transactionBase) state.preview(project);
  else state.commit(label, project);
}

/** Starts dragging a clip (selecting it); each update puts it at `start` on the track `trackId`. */
export function startClipMove(store: StudioStore, clipId: string) {
  store.getState().selectClip(clipId);
  const gesture = startGesture(store);
  return {
    moveTo: (trackId: string, start: number) => gesture.update((base) => moveClip(base, clipId, trackId, start)),
    end: () => gesture.end('Move clip'),
  };
}

export function removeSoundLabel(store: StudioStore, labelId: string, name: string) {
  store.getState().commit(`Remove label ${name}`, removeLabel(store.getState().project, labelId));
}

/** A label the user writes, as Audacity's Add Label at Selection: over the selection on its first track, or a point at
 * the playhead; named "Label N" until renamed. */
export function addLabelAtSelection(store: StudioStore) {
  const state = store.getState();
  const trackId = targetTrackIds(state)[0];
  if (!trackId) return state.notify('info', 'Add a track first: a label belongs to a track.');
  const range = selectedRange(state) ?? { start: state.playhead, end: state.playhead };
  const name = `Label ${projectLabels(state.project).filter(({ label }) => label.written).length + 1}`;
  state.commit(`Add label "${name}"`, addLabel(state.project, trackId, range, name));
}

/** A label named anew (blank or unchanged names change nothing). */
export function renameSoundLabel(store: StudioStore, labelId: string, from: string, to: string) {
  const name = to.trim();
  if (!name || name === from) return;
  store.getState().commit(`Rename label "${from}" to "${name}"`, renameLabel(store.getState().project, labelId, name));
}

export function forgetPromptEntry(store: StudioStore, id: string) {
  store.getState().commit('Forget a prompt', forgetPrompt(store.getState().project, id));
}
