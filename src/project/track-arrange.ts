/**
 * Arranging whole tracks, as Audacity's Tracks > Align Tracks and Sort Tracks: where each selected track's audio
 * starts (at zero, at the playhead, one after another), and the order of the tracks (by when their audio starts, or by
 * name). Plain functions over the project; src/app/arrange-tracks.ts moves the clips and their lanes.
 */
import { clipEnd, type Project, type SampleRange, type Track } from './types';

export type TrackAlignment = 'zero' | 'playhead' | 'endToEnd';

/** Where a track's audio starts and ends (null: it has none). */
export function trackSpan(track: Track): SampleRange | null {
  if (track.clips.length === 0) return null;
  return { start: Math.min(...track.clips.map((c) => c.start)), end: Math.max(...track.clips.map(clipEnd)) };
}

/** How far each of the tracks (those with audio) moves: to start at 0, at `at`, or each where the one before it
 * (in the project's order) ends, the first staying put. */
export function alignmentShifts(
  project: Project,
  trackIds: readonly string[],
  how: TrackAlignment,
  at: number,
): Map<string, number> {
  const shifts = new Map<string, number>();
  let end: number | null = null;
  for (const track of project.tracks) {
    const span = trackSpan(track);
    if (!span || !trackIds.includes(track.id)) continue;
    const start: number = how === 'zero' ? 0 : how === 'playhead' ? at : (end ?? span.start);
    shifts.set(track.id, start - span.start);
    end = start + span.end - span.start;
  }
  return shifts;
}

export type TrackOrder = 'start' | 'name';

/** The tracks sorted by when their audio starts (empty ones last) or by name (as people read numbers: "Take 2"
 * before "Take 10"); each take stays under the track it was made from, and ties keep their order. */
export function sortTracks(project: Project, by: TrackOrder): Project {
  const families = project.tracks.filter((t) => !isTakeOf(project, t));
  const start = (t: Track) => trackSpan(t)?.start ?? Number.POSITIVE_INFINITY;
  const names = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const sorted = [...families].sort((a, b) => (by === 'start' ? start(a) - start(b) : names.compare(a.name, b.name)));
  const tracks = sorted.flatMap((t) => [t, ...project.tracks.filter((take) => take.takeOf === t.id)]);
  return { ...project, tracks };
}

/** Whether the track is a take of another track of the project. */
const isTakeOf = (project: Project, track: Track) =>
  track.takeOf !== undefined && project.tracks.some((t) => t.id === track.takeOf);

/** The tracks selected after a step up (-1) or down (1) the shown tracks, as Audacity's Up and Down move the focus: the
 * track past the selection's edge alone, or with `extend` added to it (the first or last where none is selected;
 * held at either end). */
export function steppedTracks(
  shown: readonly string[],
  selected: readonly string[],
  by: -1 | 1,
  extend: boolean,
): string[] {
  const rows = selected.map((id) => shown.indexOf(id)).filter((row) => row >= 0);
  if (rows.length === 0) return shown.length ? [shown[by > 0 ? 0 : shown.length - 1]] : [];
  const edge = by > 0 ? Math.max(...rows) : Math.min(...rows);
  const next = Math.min(shown.length - 1, Math.max(0, edge + by));
  if (!extend) return [shown[next]];
  const kept = new Set([...rows, next]);
  return shown.filter((_, row) => kept.has(row));
}
