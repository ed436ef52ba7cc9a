/** Pure edits of clip layout: split, remove, insert, trim, move, quantize. They never touch samples; those that move
 * time on a track (a ripple delete, a gap, a repeat) move its lanes and labels with it (src/project/timeline-data.ts). */
import { type BeatGrid, nearestBeat } from './tempo';
import type { Clip, Project, SampleRange, Track } from './types';
import { clipEnd, newId } from './types';
import { retimeTrackData } from './timeline-data';

/** Splits a clip at timeline position `at`, or returns it whole when `at` is not strictly inside. The left part keeps
 * the fade-in, the right the fade-out (src/project/clip-fades.ts): the new edges start unfaded. */
export function splitClip(clip: Clip, at: number): Clip[] {
  if (at <= clip.start || at >= clipEnd(clip)) return [clip];
  const leftLength = at - clip.start;
  const { fadeIn, fadeOut, ...rest } = clip;
  const right = { ...rest, id: newId(), start: at, offset: clip.offset + leftLength, length: clip.length - leftLength };
  return [
    { ...rest, length: leftLength, ...(fadeIn && { fadeIn }) },
    { ...right, ...(fadeOut && { fadeOut }) },
  ];
}

export function splitTrackAt(track: Track, at: number): Track {
  return { ...track, clips: track.clips.flatMap((c) => splitClip(c, at)) };
}

const sortClips = (clips: Clip[]) => [...clips].sort((a, b) => a.start - b.start);

/** Removes the range from a track; with `ripple`, everything after it moves left to close the gap. */
export function removeRange(track: Track, { start, end }: SampleRange, ripple: boolean): Track {
  const shift = ripple ? end - start : 0;
  const pieces = splitTrackAt(splitTrackAt(track, start), end).clips;
  const kept = pieces
    .filter((c) => clipEnd(c) <= start || c.start >= end)
    .map((c) => (c.start >= end ? { ...c, start: c.start - shift } : c));
  const clipped = { ...track, clips: sortClips(kept) };
  return ripple ? retimeTrackData(clipped, { cut: { start, end } }) : clipped;
}

/** The clips inside the range, cut to it and positioned relative to its start. */
export function extractRange(track: Track, { start, end }: SampleRange): Clip[] {
  const pieces = splitTrackAt(splitTrackAt(track, start), end).clips;
  return pieces
    .filter((c) => c.start >= start && clipEnd(c) <= end)
    .map((c) => ({ ...c, id: newId(), start: c.start - start }));
}

/** Opens a gap of `length` samples at `at`, moving later audio (and the track's lanes and labels) right. */
export function insertGap(track: Track, at: number, length: number): Track {
  return retimeTrackData({ ...track, clips: clipsWithGap(track, at, length) }, { gap: { at, length } });
}

/** Inserts clips (positioned relative to 0) at `at`, after opening a gap of `length` for them. */
export function insertClips(track: Track, at: number, clips: Clip[], length: number): Track {
  const opened = insertGap(track, at, length);
  return { ...opened, clips: withPlaced(opened.clips, clips, at) };
}

/** The range played `times` more times straight after itself (Audacity's Repeat): what followed it moves right, its
 * lanes and labels played again in each copy. The copies are clips on the same audio, so nothing is copied and each
 * keeps its envelope. */
export function repeatRange(track: Track, range: SampleRange, times: number): Track {
  const length = range.end - range.start;
  const once = extractRange(track, range);
  let clips = track.clips;
  for (let k = 1; k <= times; k++) {
    const at = range.start + k * length;
    clips = withPlaced(clipsWithGap({ ...track, clips }, at, length), once, at);
  }
  return retimeTrackData({ ...track, clips }, { repeat: range, times });
}

/** The track's clips with a gap of `length` opened at `at`. */
function clipsWithGap(track: Track, at: number, length: number): Clip[] {
  return sortClips(splitTrackAt(track, at).clips.map((c) => (c.start >= at ? { ...c, start: c.start + length } : c)));
}

/** `clips` with copies of `placed` (positioned relative to 0) put at `at`. */
const withPlaced = (clips: Clip[], placed: Clip[], at: number) =>
  sortClips([...clips, ...placed.map((c) => ({ ...c, id: newId(), start: c.start + at }))]);

/** Keeps only the audio inside the range, in place. */
export function keepRange(track: Track, { start, end }: SampleRange): Track {
  const pieces = splitTrackAt(splitTrackAt(track, start), end).clips;
  return { ...track, clips: pieces.filter((c) => c.start >= start && clipEnd(c) <= end) };
}

/** Applies `edit` to the tracks whose id is in `trackIds`. */
export function mapTracks(project: Project, trackIds: readonly string[], edit: (t: Track) => Track): Project {
  return { ...project, tracks: project.tracks.map((t) => (trackIds.includes(t.id) ? edit(t) : t)) };
}

/** Moves a clip to `start` (clamped at 0) on track `toTrackId`. */
export function moveClip(project: Project, clipId: string, toTrackId: string, start: number): Project {
  const from = project.tracks.findIndex((t) => t.clips.some((c) => c.id === clipId));
  const to = project.tracks.findIndex((t) => t.id === toTrackId);
  if (from < 0 || to < 0) return project;
  const clip = project.tracks[from].clips.find((c) => c.id === clipId)!;
  return moveClips(project, [clipId], start - clip.start, to - from);
}

/** Moves clips together, as a DAW moves a group of selected clips: each `delta` samples later (earlier where
 * negative; the group stops at the timeline's start, its spacing kept) and `trackOffset` tracks down (up where
 * negative; the group stops at the first and last tracks). */
export function moveClips(project: Project, clipIds: readonly string[], delta: number, trackOffset: number): Project {
  const moving = project.tracks.flatMap((t, row) =>
    t.clips.filter((c) => clipIds.includes(c.id)).map((clip) => ({ clip, row })),
  );
  if (moving.length === 0) return project;
  const shift = Math.max(-Math.min(...moving.map((m) => m.clip.start)), Math.round(delta));
  const rows = moving.map((m) => m.row);
  const offset = Math.min(project.tracks.length - 1 - Math.max(...rows), Math.max(-Math.min(...rows), trackOffset));
  if (shift === 0 && offset === 0) return project;
  const arriving = project.tracks.map(() => [] as Clip[]);
  for (const { clip, row } of moving) arriving[row + offset].push({ ...clip, start: clip.start + shift });
  return {
    ...project,
    tracks: project.tracks.map((t, row) => ({
      ...t,
      clips: sortClips([...t.clips.filter((c) => !clipIds.includes(c.id)), ...arriving[row]]),
    })),
  };
}

/** The clip with one edge dragged to timeline sample `at`, as a DAW trims a clip by its edge: the audio under it stays
 * where it is, more or less of it is shown; at least one sample is kept, and an edge goes no further than the asset's
 * audio (`assetLength` samples) or the timeline's start. */
export function trimClipEdge(
  project: Project,
  clipId: string,
  edge: 'start' | 'end',
  at: number,
  assetLength: number,
): Project {
  const track = project.tracks.find((t) => t.clips.some((c) => c.id === clipId));
  const clip = track?.clips.find((c) => c.id === clipId);
  if (!track || !clip) return project;
  const end = clipEnd(clip);
  const assetStart = clip.start - clip.offset; // where the asset's first sample sits on the timeline
  let trimmed: Clip;
  if (edge === 'start') {
    const start = Math.round(Math.max(0, assetStart, Math.min(end - 1, at)));
    trimmed = { ...clip, start, offset: clip.offset + (start - clip.start), length: end - start };
  } else {
    const last = Math.round(Math.max(clip.start + 1, Math.min(assetStart + assetLength, at)));
    trimmed = { ...clip, length: last - clip.start };
  }
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t === track ? { ...t, clips: sortClips(t.clips.map((c) => (c.id === clipId ? trimmed : c))) } : t,
    ),
  };
}

/** The clip's audio slipped `delta` samples later inside it (earlier where negative), as a DAW's slip edit: the clip
 * stays where it is and as long, its fades where they are, and shows another stretch of its asset (no further than
 * the asset's audio, `assetLength` samples, goes). Its envelope, in the asset's samples, moves with the audio. */
export function slipClip(project: Project, clipId: string, delta: number, assetLength: number): Project {
  const track = project.tracks.find((t) => t.clips.some((c) => c.id === clipId));
  const clip = track?.clips.find((c) => c.id === clipId);
  if (!track || !clip) return project;
  const offset = Math.round(Math.min(assetLength - clip.length, Math.max(0, clip.offset - delta)));
  if (offset === clip.offset) return project;
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t === track ? { ...t, clips: t.clips.map((c) => (c.id === clipId ? { ...c, offset } : c)) } : t,
    ),
  };
}

/** Each of the clips moved so it starts on the beat of `grid` nearest its start, as a DAW quantizes items to the grid;
 * the others left. */
export function quantizeClips(project: Project, clipIds: readonly string[], grid: BeatGrid): Project {
  const onBeat = (c: Clip) => ({ ...c, start: nearestBeat(grid, project.sampleRate, c.start) });
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.clips.some((c) => clipIds.includes(c.id))
        ? { ...t, clips: sortClips(t.clips.map((c) => (clipIds.includes(c.id) ? onBeat(c) : c))) }
        : t,
    ),
  };
}

/** Copies of the clips placed right after them, as a DAW duplicates selected items: the group's copy starts where the
 * group ends, each clip on its own track at its place in the group. Returns the project and the copies' ids. */
export function duplicateClips(project: Project, clipIds: readonly string[]): { project: Project; copies: string[] } {
  const chosen = project.tracks.flatMap((t) => t.clips).filter((c) => clipIds.includes(c.id));
  if (chosen.length === 0) return { project, copies: [] };
  const shift = Math.max(...chosen.map(clipEnd)) - Math.min(...chosen.map((c) => c.start));
  const copies: string[] = [];
  const tracks = project.tracks.map((t) => {
    const mine = t.clips.filter((c) => clipIds.includes(c.id));
    if (mine.length === 0) return t;
    const made = mine.map((c) => ({ ...c, id: newId(), start: c.start + shift }));
    copies.push(...made.map((c) => c.id));
    return { ...t, clips: sortClips([...t.clips, ...made]) };
  });
  return { project: { ...project, tracks }, copies };
}

/** The clips as a clipboard holds a copied range: one row per track from the first of their tracks to the last (a
 * row without any of them empty), each clip placed from the group's start; the group's length. */
export function copyClips(project: Project, clipIds: readonly string[]): { length: number; tracks: Clip[][] } | null {
  const rows = project.tracks.map((t) => t.clips.filter((c) => clipIds.includes(c.id)));
  const used = rows.flatMap((clips, row) => (clips.length ? [row] : []));
  if (used.length === 0) return null;
  const chosen = rows.flat();
  const start = Math.min(...chosen.map((c) => c.start));
  const length = Math.max(...chosen.map(clipEnd)) - start;
  const tracks = rows
    .slice(used[0], used[used.length - 1] + 1)
    .map((clips) => clips.map((c) => ({ ...c, start: c.start - start })));
  return { length, tracks };
}
