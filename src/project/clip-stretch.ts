/**
 * A clip stretched in time by dragging one of its edges with Ctrl/Cmd held, as Pro Tools' TCE trimmer, Reaper's
 * stretch of an item's edge and Logic's Flex: its audio made longer or shorter at its own pitch (the Change tempo
 * effect, WSOLA) to end where the edge was let go, the other edge staying where it was, so a loop is fitted to the
 * bars of the project by dragging its end onto a bar line. Only the clip changes: what follows it on the track stays
 * where it is (a stretch that reaches another clip overlaps it, as a trim does). Its envelope, fades and the labels
 * over it are stretched with its audio.
 */
import { type EffectSpec, TEMPO_PERCENT } from './effects';
import { audioOnly, type Clip, clipEnd, newId, type Project, type SampleRange } from './types';
import { carryEnvelope } from './envelope';

/** How many times longer a stretch may make a clip: the Change tempo effect's bounds. */
export const STRETCH_FACTOR = {
  min: 100 / (100 + TEMPO_PERCENT.max),
  max: 100 / (100 + TEMPO_PERCENT.min),
} as const;

/** The clip's length once its `edge` is dragged to timeline sample `at` with the other edge held, within the
 * stretch's bounds. */
export function stretchedLength(clip: Clip, edge: 'start' | 'end', at: number): number {
  const wanted = edge === 'end' ? at - clip.start : clipEnd(clip) - at;
  const { min, max } = STRETCH_FACTOR;
  return Math.round(Math.min(max * clip.length, Math.max(min * clip.length, wanted)));
}

/** The Change tempo effect that makes audio `factor` times longer. */
export const stretchSpec = (factor: number): EffectSpec => ({ kind: 'tempo', percent: 100 / factor - 100 });

/** The timeline moved by a stretch of the clip to `length` (its `edge` moved): inside the clip, scaled from the edge
 * that stays. */
function stretchMap(clip: Clip, edge: 'start' | 'end', length: number): (t: number) => number {
  const factor = length / clip.length;
  const start = edge === 'end' ? clip.start : clipEnd(clip) - length;
  return (t) => start + Math.round((t - clip.start) * factor);
}

/** The project with the clip's audio replaced by its stretch (an asset of `length` samples), its `edge` moved; its
 * envelope, fades and the labels over it stretched with it; one clip with a new id (as an effect's result). */
export function placeStretched(
  project: Project,
  clipId: string,
  edge: 'start' | 'end',
  stretched: { assetId: string; length: number },
): Project {
  const track = project.tracks.find((t) => t.clips.some((c) => c.id === clipId));
  const clip = track?.clips.find((c) => c.id === clipId);
  if (!track || !clip) return project;
  const { length, assetId } = stretched;
  const factor = length / clip.length;
  const map = stretchMap(clip, edge, length);
  const placed = { start: map(clip.start), offset: 0, length };
  const scaled = (fade: Clip['fadeIn']) =>
    fade && { ...fade, length: Math.min(length, Math.round(fade.length * factor)) };
  const next: Clip = {
    ...audioOnly(clip),
    ...placed,
    id: newId(),
    assetId,
    envelope: carryEnvelope(clip, placed, map),
    fadeIn: scaled(clip.fadeIn),
    fadeOut: scaled(clip.fadeOut),
  };
  const over: SampleRange = { start: clip.start, end: clipEnd(clip) };
  const within = (t: number) => t >= over.start && t <= over.end;
  const labels = track.labels?.map((l) =>
    within(l.start) && within(l.end) ? { ...l, start: map(l.start), end: map(l.end) } : l,
  );
  const clips = track.clips.map((c) => (c.id === clipId ? next : c)).sort((a, b) => a.start - b.start);
  return {
    ...project,
    tracks: project.tracks.map((t) => (t === track ? { ...t, clips, ...(labels && { labels }) } : t)),
  };
}
