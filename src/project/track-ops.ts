/** Track settings as project edits, each with the undo label it is committed under: the track header's buttons and
 * the track commands of the action registry both go through these. */
import { keepRange, removeRange } from './timeline-ops';
import { linkedChange, linkedTracks, withoutLoneGroups } from './track-groups';
import { newId, type Project, type SampleRange, type Track } from './types';

export interface TrackEdit {
  label: string;
  project: Project;
}

const find = (project: Project, id: string) => project.tracks.find((t) => t.id === id);

/** The track's name, gain, pan..., its group's other tracks moving with it (src/project/track-groups.ts). */
export function setTrack(project: Project, id: string, label: string, patch: Partial<Track>): TrackEdit {
  return { label, project: linkedChange(project, id, patch) };
}

export function toggleMute(project: Project, id: string): TrackEdit {
  const mute = !find(project, id)?.mute;
  return { label: mute ? 'Mute' : 'Unmute', project: linkedChange(project, id, { mute }) };
}

export function toggleSolo(project: Project, id: string): TrackEdit {
  const solo = !find(project, id)?.solo;
  return { label: solo ? 'Solo' : 'Unsolo', project: linkedChange(project, id, { solo }) };
}

/** Exclusive solo, as a DAW's Ctrl/Cmd+click on Solo: the track (and its group) soloed, every other solo (a track's
 * or a bus's) off; on a track already soloed alone, every solo off. */
export function soloOnly(project: Project, id: string): TrackEdit {
  const only = new Set(linkedTracks(project, id));
  const alone = project.tracks.every((t) => t.solo === only.has(t.id)) && !project.buses?.some((b) => b.solo);
  const tracks = project.tracks.map((t) => ({ ...t, solo: !alone && only.has(t.id) }));
  const buses = project.buses && { buses: busesSoloed(project) };
  return { label: alone ? 'Unsolo all' : 'Solo only', project: { ...project, tracks, ...buses } };
}

/** The project's buses with the one `busId` (none: no bus) soloed and every other not. */
export const busesSoloed = (project: Project, busId?: string): Project['buses'] =>
  project.buses?.map(({ solo: _was, ...b }) => (b.id === busId ? { ...b, solo: true } : b));

export function deleteTrack(project: Project, id: string): TrackEdit {
  return {
    label: `Delete ${find(project, id)?.name ?? 'track'}`,
    project: withoutLoneGroups({ ...project, tracks: project.tracks.filter((t) => t.id !== id) }),
  };
}

/** The track one place up (-1) or down (+1) the list, as Audacity's Move Track Up/Down and a DAW's header drag; at
 * either end it stays (the project unchanged). */
export function moveTrack(project: Project, id: string, by: -1 | 1): TrackEdit {
  const from = project.tracks.findIndex((t) => t.id === id);
  const to = from + by;
  const label = by < 0 ? 'Move track up' : 'Move track down';
  if (from < 0 || to < 0 || to >= project.tracks.length) return { label, project };
  const tracks = [...project.tracks];
  [tracks[from], tracks[to]] = [tracks[to], tracks[from]];
  return { label, project: { ...project, tracks } };
}

/** Audacity's Duplicate: what lies in the range on each of the tracks, as a new track under it, in place in time and
 * with the track's settings (gain, pan, automation, the tempo and key Analyze heard), so it plays along with it.
 * The clips are new clips on the same audio: nothing is copied. */
export function duplicateRange(project: Project, trackIds: readonly string[], range: SampleRange): TrackEdit {
  const tracks = project.tracks.flatMap((track) =>
    trackIds.includes(track.id) ? [track, rangeAsTrack(track, range, `${track.name} copy`)] : [track],
  );
  return { label: 'Duplicate', project: { ...project, tracks } };
}

/** Audacity's Split New: the range moved off each of the tracks onto a new track under it, in place in time (a gap
 * left where it was, what follows in place). */
export function splitNewRange(project: Project, trackIds: readonly string[], range: SampleRange): TrackEdit {
  const tracks = project.tracks.flatMap((track) =>
    trackIds.includes(track.id) ? [removeRange(track, range, false), rangeAsTrack(track, range, track.name)] : [track],
  );
  return { label: 'Split new', project: { ...project, tracks } };
}

/** A new track with the track's settings and its audio over the range alone (new clip ids; no labels, not a take, in
 * no group). */
function rangeAsTrack(track: Track, range: SampleRange, name: string): Track {
  const { labels: _labels, takeOf: _takeOf, group: _group, ...settings } = track;
  const clips = keepRange(track, range).clips.map((c) => ({ ...c, id: newId() }));
  return { ...settings, id: newId(), name, clips };
}
