/** What an edit applies to: the selected range on the selected tracks (all tracks when none is named). */
import type { SampleRange } from '../project/types';
import type { StudioState } from '../store/studio-store';

export function targetTrackIds(state: StudioState): string[] {
  const all = state.project.tracks.map((t) => t.id);
  // A selection can outlive its tracks (one deleted since): only those still there count.
  const ids = (state.selection?.trackIds ?? []).filter((id) => all.includes(id));
  return ids.length > 0 ? ids : all;
}

/** The track a command on one track works on: the selection's first, else the project's first. */
export const currentTrack = (state: StudioState): string | undefined => targetTrackIds(state)[0];

export const hasTrack = (state: StudioState) => state.project.tracks.length > 0;

export function selectedRange(state: StudioState): SampleRange | undefined {
  const s = state.selection;
  return s && s.end > s.start ? { start: s.start, end: s.end } : undefined;
}

/** What plays round and round: the loop region where Loop is on (the selection where none was set), else nothing. */
export function loopRange(state: StudioState): SampleRange | undefined {
  if (!state.loop) return undefined;
  const region = state.loopRegion;
  return region && region.end > region.start ? region : selectedRange(state);
}

export const hasRange = (state: StudioState) => selectedRange(state) !== undefined && state.project.tracks.length > 0;
export const hasAudio = (state: StudioState) => state.project.tracks.some((t) => t.clips.length > 0);
