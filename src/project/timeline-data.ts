/**
 * What a track keeps on its timeline besides its clips, carried through the edits that move time on it, as Audacity
 * moves envelopes and labels with its audio: its automation lanes (volume, pan, send levels, effect settings) and
 * its labels. A cut takes their stretch out (a lane keeps its values on either side, meeting at the cut as the audio
 * does); a gap opens them (a lane holds its value across the gap); a repeat plays the lanes' stretch again in each
 * copy and copies the labels within it.
 */
import type { TrackEffect } from '../dsp/effect-chain';
import type { GainPoint } from './envelope';
import { envelopeGainAt } from './envelope';
import type { MasterBus, PanPoint, Project, SampleRange, SoundLabel, Track } from './types';
import { newId } from './types';

/** An edit of time on a track: samples taken out (what follows moves left), a gap opened (what follows moves right),
 * or a stretch played `times` more times straight after itself. */
export type TimeEdit =
  | { cut: SampleRange }
  | { gap: { at: number; length: number } }
  | { repeat: SampleRange; times: number };

/** The track's lanes and labels moved by `edit` (its clips are the caller's). */
export function retimeTrackData(track: Track, edit: TimeEdit): Track {
  const moved = withLanes(track, (points) => retimeLine(points, edit));
  return track.labels ? { ...moved, labels: retimeLabels(track.labels, edit) } : moved;
}

/** The track's lanes with each point moved by `map` (a time-changing effect's map of the timeline: a tempo change,
 * silence truncated), its value kept. */
export function mapLanes(track: Track, map: (t: number) => number): Track {
  return withLanes(track, (points) => ordered(points.map((p) => ({ at: map(p.at), gain: p.gain }))));
}

/** The track's lanes with their points inside `range` taken out, each going straight across it from its value at
 * the start to its value at the end (outside it nothing changes); lanes without points there are left as they are. */
export function clearLanes(track: Track, range: SampleRange): Track {
  return withLanes(track, (points) => clearLine(points, range));
}

/** How many of the track's automation points lie inside `range` (its volume, pan, send and effect lanes). */
export function automationPointsIn(track: Track, { start, end }: SampleRange): number {
  const lines = [
    track.volume,
    track.panPoints && panLine(track.panPoints),
    ...(track.sends ?? []).map((s) => s.volume),
    ...(track.effects ?? []).flatMap((e) => Object.values(e.automation ?? {})),
  ];
  return lines.reduce((n, points) => n + (points ?? []).filter((p) => p.at > start && p.at < end).length, 0);
}

/** The lane with its points inside `range` taken out, going straight across it (unchanged where it has none there). */
export function clearLine(points: readonly GainPoint[], { start, end }: SampleRange): GainPoint[] {
  if (!points.some((p) => p.at > start && p.at < end)) return [...points];
  const edges = [start, end].map((at) => ({ at, gain: envelopeGainAt(points, at) }));
  return ordered([...points.filter((p) => p.at < start || p.at > end), ...edges]);
}

type LaneChange = (points: readonly GainPoint[]) => GainPoint[];

/** `change` made to a lane that has points (one without stays as it is). */
const changed = (points: GainPoint[] | undefined, change: LaneChange) => (points?.length ? change(points) : points);

/** The track with `change` made to each of its lanes that has points: volume, pan, sends' levels, effect settings. */
function withLanes(track: Track, change: LaneChange): Track {
  const pan = track.panPoints?.length && change(panLine(track.panPoints)).map((p) => ({ at: p.at, pan: p.gain }));
  return {
    ...withInsertLanes(track, change),
    ...(track.volume && { volume: changed(track.volume, change) }),
    ...(pan && { panPoints: pan }),
  };
}

/** A fader's host (a bus, the master) with `change` made to its volume lane and its effects' lanes. */
function withBusLanes<T extends MasterBus>(host: T, change: LaneChange): T {
  return {
    ...host,
    ...(host.volume && { volume: changed(host.volume, change) }),
    ...(host.effects && { effects: effectLanes(host.effects, change) }),
  };
}

/** The track with `change` made to its sends' level lanes and its effects' lanes: the lanes that belong to its own
 * sends and effects (another track has none of them). */
export function withInsertLanes(track: Track, change: LaneChange): Track {
  return {
    ...track,
    ...(track.sends && {
      sends: track.sends.map((s) => (s.volume ? { ...s, volume: changed(s.volume, change) } : s)),
    }),
    ...(track.effects && { effects: effectLanes(track.effects, change) }),
  };
}

/** Whether any of the track's sends or effects has a lane with points. */
export const hasInsertLanes = (track: Track): boolean =>
  (track.sends ?? []).some((s) => (s.volume?.length ?? 0) > 0) ||
  (track.effects ?? []).some((e) => Object.values(e.automation ?? {}).some((v) => (v?.length ?? 0) > 0));

const effectLanes = (effects: readonly TrackEffect[], change: LaneChange): TrackEffect[] =>
  effects.map((e) =>
    e.automation
      ? { ...e, automation: Object.fromEntries(Object.entries(e.automation).map(([k, v]) => [k, changed(v, change)])) }
      : e,
  );

/** The project after a time edit of the tracks `trackIds` (their clips, lanes and labels already moved by `edited`):
 * where it moved time on every track, the master's and the effect buses' lanes move with them, so a fade-out of the
 * mix stays on the end of the song; otherwise they stay where they are. */
export function retimeProject(
  project: Project,
  trackIds: readonly string[],
  edit: TimeEdit,
  edited: (track: Track) => Track,
): Project {
  const tracks = project.tracks.map((t) => (trackIds.includes(t.id) ? edited(t) : t));
  if (!project.tracks.every((t) => trackIds.includes(t.id))) return { ...project, tracks };
  const bus = <T extends MasterBus>(b: T) => withBusLanes(b, (points) => retimeLine(points, edit));
  return {
    ...project,
    tracks,
    ...(project.master && { master: bus(project.master) }),
    ...(project.buses && { buses: project.buses.map(bus) }),
  };
}

const panLine = (points: readonly PanPoint[]): GainPoint[] => points.map((p) => ({ at: p.at, gain: p.pan }));

/** A lane's points after `edit`, its values kept on the audio they were over. */
export function retimeLine(points: readonly GainPoint[], edit: TimeEdit): GainPoint[] {
  if (points.length === 0) return [];
  const value = (at: number) => envelopeGainAt(points, at);
  const before = (at: number) => points.filter((p) => p.at < at);
  const after = (at: number, shift: number) => points.filter((p) => p.at >= at).map((p) => moved(p, shift));
  if ('cut' in edit) {
    const { start, end } = edit.cut;
    return ordered([
      ...before(start),
      ...(start > 0 ? [{ at: start - 1, gain: value(start - 1) }] : []),
      { at: start, gain: value(end) },
      ...after(end, start - end),
    ]);
  }
  if ('gap' in edit) {
    const { at, length } = edit.gap;
    return ordered([
      ...before(at),
      { at, gain: value(at) },
      { at: at + length, gain: value(at) },
      ...after(at, length),
    ]);
  }
  const { start, end } = edit.repeat;
  const length = end - start;
  const once = lineSegment(points, edit.repeat);
  const copies = Array.from({ length: edit.times + 1 }, (_, k) => once.map((p) => moved(p, k * length)));
  const grown = edit.times * length;
  return ordered([...before(start), ...copies.flat(), { at: end + grown, gain: value(end) }, ...after(end, grown)]);
}

/** The lane over [start, end): its value at `start`, its points inside, its value at `end - 1`. */
export function lineSegment(points: readonly GainPoint[], { start, end }: SampleRange): GainPoint[] {
  const value = (at: number) => envelopeGainAt(points, at);
  return [
    { at: start, gain: value(start) },
    ...points.filter((p) => p.at > start && p.at < end - 1),
    { at: end - 1, gain: value(end - 1) },
  ];
}

export const moved = (p: GainPoint, shift: number): GainPoint => ({ at: p.at + shift, gain: p.gain });

/** Sorted by position, one point a sample (the later kept). */
export function ordered(points: GainPoint[]): GainPoint[] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  return sorted.filter((p, i) => i === sorted.length - 1 || sorted[i + 1].at !== p.at);
}

/** Labels after `edit`: moved with the audio they name; cut short where a cut takes part of them, gone where it
 * takes them whole; longer where a gap opens inside them; copied with a repeat that holds them whole. */
export function retimeLabels(labels: readonly SoundLabel[], edit: TimeEdit): SoundLabel[] {
  if ('cut' in edit) {
    const { start, end } = edit.cut;
    const at = (t: number) => (t <= start ? t : t >= end ? t - (end - start) : start);
    return labels.map((l) => ({ ...l, start: at(l.start), end: at(l.end) })).filter((l) => l.end > l.start);
  }
  if ('gap' in edit) {
    const { at, length } = edit.gap;
    const shifted = (t: number) => (t >= at ? t + length : t);
    return labels.map((l) => ({ ...l, start: shifted(l.start), end: l.end > at ? l.end + length : l.end }));
  }
  const { start, end } = edit.repeat;
  const grown = edit.times * (end - start);
  const kept = labels.map((l) => ({
    ...l,
    start: l.start >= end ? l.start + grown : l.start,
    end: l.end > end ? l.end + grown : l.end,
  }));
  const inside = labels.filter((l) => l.start >= start && l.end <= end);
  const copies = Array.from({ length: edit.times }, (_, k) =>
    inside.map((l) => ({
      ...l,
      id: newId(),
      start: l.start + (k + 1) * (end - start),
      end: l.end + (k + 1) * (end - start),
    })),
  );
  return [...kept, ...copies.flat()].sort((a, b) => a.start - b.start);
}
