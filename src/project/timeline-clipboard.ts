/**
 * What a copied stretch of a track carries besides its clips, as Audacity copies labels and a DAW copies automation
 * with its audio: the track's volume and pan lanes over the stretch and the labels wholly within it. Pasted, they
 * land on the stretch the paste opens, the lanes outside it as they were.
 */
import { envelopeGainAt, type GainPoint } from './envelope';
import { lineAsPan, panAsLine } from './pan-automation';
import { clearLine, hasInsertLanes, lineSegment, moved, ordered, withInsertLanes } from './timeline-data';
import { clipEnd, findClip, newId, type Project, type SampleRange, type SoundLabel, type Track } from './types';

/** A track's lanes and labels over a copied stretch, from its start (none where the track had none). */
export interface CopiedTimeline {
  volume?: GainPoint[];
  pan?: GainPoint[];
  labels?: SoundLabel[];
}

export function copyTimeline(track: Track, range: SampleRange): CopiedTimeline {
  const segment = (points: readonly GainPoint[] | undefined) =>
    points?.length ? lineSegment(points, range).map((p) => moved(p, -range.start)) : undefined;
  const labels = (track.labels ?? [])
    .filter((l) => l.start >= range.start && l.end <= range.end)
    .map((l) => ({ ...l, start: l.start - range.start, end: l.end - range.start }));
  return {
    volume: segment(track.volume),
    pan: segment(track.panPoints && panAsLine(track.panPoints)),
    ...(labels.length && { labels }),
  };
}

/** The track with a copy's lanes and labels laid on [at, at + length) (the gap a paste opened there). */
export function pasteTimeline(track: Track, at: number, length: number, copied: CopiedTimeline): Track {
  const volume = copied.volume && overwrite(track.volume ?? [], at, length, copied.volume, 1);
  const pan =
    copied.pan && overwrite(track.panPoints ? panAsLine(track.panPoints) : [], at, length, copied.pan, track.pan);
  const labels = copied.labels?.map((l) => ({ ...l, id: newId(), start: l.start + at, end: l.end + at }));
  return {
    ...track,
    ...(volume && { volume }),
    ...(pan && { panPoints: lineAsPan(pan) }),
    ...(labels && { labels: [...(track.labels ?? []), ...labels].sort((a, b) => a.start - b.start) }),
  };
}

/** The track with a stretch's lanes and labels lifted out, as a moved clip takes them: its volume and pan lanes
 * going straight across the stretch from the sample before it to the one after, the labels wholly within it gone. */
export function liftTimeline(track: Track, range: SampleRange): Track {
  const across = (points: readonly GainPoint[]) =>
    clearLine(points, { start: Math.max(0, range.start - 1), end: range.end });
  const within = (l: SoundLabel) => l.start >= range.start && l.end <= range.end;
  return {
    ...track,
    ...(track.volume?.length && { volume: across(track.volume) }),
    ...(track.panPoints?.length && { panPoints: lineAsPan(across(panAsLine(track.panPoints))) }),
    ...(track.labels && { labels: track.labels.filter((l) => !within(l)) }),
  };
}

/** The lane with [at, at + length) replaced by `segment` (from 0), its values outside kept (`held` where it has no
 * points). */
function overwrite(
  points: readonly GainPoint[],
  at: number,
  length: number,
  segment: readonly GainPoint[],
  held: number,
): GainPoint[] {
  const value = (t: number) => (points.length ? envelopeGainAt(points, t) : held);
  const end = at + length;
  return ordered([
    ...points.filter((p) => p.at < at - 1),
    ...(at > 0 ? [{ at: at - 1, gain: value(at - 1) }] : []),
    ...segment.map((p) => moved(p, at)),
    { at: end, gain: value(end) },
    ...points.filter((p) => p.at > end),
  ]);
}

/**
 * The project after clips moved (`moved`, made from `before` by moving `clipIds`), each moved clip's stretch of its
 * track's lanes and the labels within it carried along, as Pro Tools' automation follows edit: lifted from where the
 * clip was (the lanes going straight across the stretch it left) and laid where it landed. The volume and pan lanes
 * and labels go to whichever track it lands on; its sends' and effects' lanes, which belong to its own track, move
 * with a clip that stays on it.
 */
export function lanesFollowClips(before: Project, moved: Project, clipIds: readonly string[]): Project {
  const trips = clipIds.flatMap((id) => {
    const [from, to] = [findClip(before, id), findClip(moved, id)];
    if (!from || !to || (from.track.id === to.track.id && from.clip.start === to.clip.start)) return [];
    const range = { start: from.clip.start, end: clipEnd(from.clip) };
    return [
      { from: from.track.id, range, to: to.track.id, at: to.clip.start, copied: copyTimeline(from.track, range) },
    ];
  });
  const carrying = trips.filter((t) => t.copied.volume || t.copied.pan || t.copied.labels);
  // Every stretch is lifted before any is laid, so clips moving onto each other's places carry their own.
  const lifted = carrying.reduce((p, t) => withTrack(p, t.from, (track) => liftTimeline(track, t.range)), moved);
  const laid = carrying.reduce(
    (p, t) => withTrack(p, t.to, (track) => pasteTimeline(track, t.at, t.range.end - t.range.start, t.copied)),
    lifted,
  );
  const staying = [...new Set(trips.filter((t) => t.from === t.to).map((t) => t.from))];
  return staying.reduce((p, id) => {
    const track = p.tracks.find((t) => t.id === id);
    if (!track || !hasInsertLanes(track)) return p;
    return withTrack(p, id, () => withInsertLanes(track, (points) => restretched(points, trips, id)));
  }, laid);
}

/** A lane with the stretches of the clips moving along its own track lifted and laid where they land. */
function restretched(points: readonly GainPoint[], trips: readonly Trip[], trackId: string): GainPoint[] {
  const own = trips.filter((t) => t.from === trackId && t.to === trackId);
  const segments = own.map((t) => lineSegment(points, t.range).map((p) => moved(p, -t.range.start)));
  const lifted = own.reduce(
    (ps, t) => clearLine(ps, { start: Math.max(0, t.range.start - 1), end: t.range.end }),
    [...points],
  );
  return own.reduce((ps, t, i) => overwrite(ps, t.at, t.range.end - t.range.start, segments[i], 1), lifted);
}

interface Trip {
  from: string;
  range: SampleRange;
  to: string;
  at: number;
  copied: CopiedTimeline;
}

const withTrack = (project: Project, id: string, change: (track: Track) => Track): Project => ({
  ...project,
  tracks: project.tracks.map((t) => (t.id === id ? change(t) : t)),
});
