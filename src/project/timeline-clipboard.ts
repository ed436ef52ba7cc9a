/**
 * What a copied stretch of a track carries besides its clips, as Audacity copies labels and a DAW copies automation
 * with its audio: the track's volume and pan lanes over the stretch and the labels wholly within it. Pasted, they
 * land on the stretch the paste opens, the lanes outside it as they were.
 */
import { envelopeGainAt, type GainPoint } from './envelope';
import { lineAsPan, panAsLine } from './pan-automation';
import { lineSegment, moved, ordered } from './timeline-data';
import { newId, type SampleRange, type SoundLabel, type Track } from './types';

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
