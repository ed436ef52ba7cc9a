/** Align and sort tracks (src/project/track-arrange.ts) as commands: the selected tracks' clips moved with their lanes
 * and labels (where automation follows clips), one undo step each. */
import { targetTrackIds } from '../actions/targets';
import { moveClips } from '../project/timeline-ops';
import { alignmentShifts, sortTracks, type TrackAlignment, type TrackOrder } from '../project/track-arrange';
import type { StudioStore } from '../store/studio-store';
import { carried } from './project-commands';

const ALIGNED: Record<TrackAlignment, string> = {
  zero: 'Align start to zero',
  playhead: 'Align start to playhead',
  endToEnd: 'Align end to end',
};

export function alignTracks(store: StudioStore, how: TrackAlignment) {
  const state = store.getState();
  const at = state.selection && state.selection.end > state.selection.start ? state.selection.start : state.playhead;
  const shifts = alignmentShifts(state.project, targetTrackIds(state), how, at);
  let project = state.project;
  for (const [trackId, shift] of shifts) {
    const clipIds = project.tracks.find((t) => t.id === trackId)?.clips.map((c) => c.id) ?? [];
    project = carried(state, project, moveClips(project, clipIds, shift, 0), clipIds);
  }
  if (project === state.project) return state.notify('info', `${ALIGNED[how]}: the tracks are already there.`);
  state.commit(ALIGNED[how], project);
}

export function sortTrackList(store: StudioStore, by: TrackOrder) {
  const state = store.getState();
  const sorted = sortTracks(state.project, by);
  if (sorted.tracks.every((t, i) => t === state.project.tracks[i]))
    return state.notify('info', `The tracks are already in order by ${by === 'start' ? 'start time' : 'name'}.`);
  state.commit(`Sort tracks by ${by === 'start' ? 'start time' : 'name'}`, sorted);
}
