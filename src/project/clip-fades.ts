/**
 * Fades on a clip's edges, as a DAW's fade handles (Audition, Reaper, Logic): a fade-in over the clip's first samples
 * and a fade-out over its last, each with its curve (src/dsp/fades.ts). They belong to the clip's edges, not its
 * audio: a trimmed clip keeps its fades on its new edges, a split keeps the fade-in on the left part and the fade-out
 * on the right (the new edges in between start unfaded), and a fade longer than the clip spans all of it. Nothing is
 * written into the audio: the mixdown (export, stems, Mix and render) and playback multiply the clip by its fades, on
 * top of its volume envelope. A clip dragged over another on its track crossfades with it, as in Reaper or Audition:
 * the earlier one fades out and the later one in over the overlap, equal power (`crossfadeOverlaps`).
 */
import { type FadeCurve, fadeInGain } from '../dsp/fades';
import { type Clip, clipEnd, type Project } from './types';

export interface ClipFade {
  /** Samples at the project rate. */
  length: number;
  curve: FadeCurve;
}

export type ClipEdge = 'fadeIn' | 'fadeOut';

/** The clip's fade gain at its sample `i` (0 is its first): a fade-in rises from silence at the first sample to full
 * at `length`, a fade-out falls to silence at the last; 1 outside them. */
export function clipFadeGainAt(clip: Pick<Clip, 'length' | 'fadeIn' | 'fadeOut'>, i: number): number {
  let gain = 1;
  const { fadeIn, fadeOut } = clip;
  if (fadeIn && i < fadeIn.length) gain *= fadeInGain(fadeIn.curve, Math.max(0, i) / fadeIn.length);
  const last = clip.length - 1;
  if (fadeOut && i > last - fadeOut.length) gain *= fadeInGain(fadeOut.curve, Math.max(0, last - i) / fadeOut.length);
  return gain;
}

/** The fade gains of `count` clip samples from `from`, or null where no fade reaches them. */
export function clipFadeGains(clip: Clip, from: number, count: number): Float32Array | null {
  if (fadedSpans(clip, from, from + count).length === 0) return null;
  return Float32Array.from({ length: count }, (_, k) => clipFadeGainAt(clip, from + k));
}

/** The stretches of clip samples [from, to) within [start, end) (clip samples) that its fades cover, as one where the
 * fade-in and the fade-out overlap. */
function fadedSpans(clip: Clip, start: number, end: number): { from: number; to: number }[] {
  const spans = [
    clip.fadeIn && { from: 0, to: clip.fadeIn.length },
    clip.fadeOut && { from: clip.length - clip.fadeOut.length, to: clip.length },
  ]
    .filter((s): s is { from: number; to: number } => !!s)
    .map((s) => ({ from: Math.max(s.from, start), to: Math.min(s.to, end) }))
    .filter((s) => s.to > s.from);
  return spans.length === 2 && spans[1].from <= spans[0].to ? [{ from: spans[0].from, to: spans[1].to }] : spans;
}

/** The clip's fades over timeline samples [start, end) as Web Audio gain curves, `points` values each, one where the
 * fades overlap; the gain holds between them. */
export function fadeCurves(
  clip: Clip,
  start: number,
  end: number,
  points = 128,
): { at: number; length: number; values: Float32Array }[] {
  return fadedSpans(clip, start - clip.start, end - clip.start).map(({ from, to }) => ({
    at: clip.start + from,
    length: to - from,
    values: Float32Array.from({ length: points }, (_, k) =>
      clipFadeGainAt(clip, from + (k * (to - from)) / (points - 1)),
    ),
  }));
}

/** The project with one edge's fade of the clip set (a length under one sample: no fade there). */
export function setClipFade(project: Project, clipId: string, edge: ClipEdge, fade: ClipFade | undefined): Project {
  const value = fade && fade.length >= 1 ? { ...fade, length: Math.round(fade.length) } : undefined;
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.clips.some((c) => c.id === clipId)
        ? { ...t, clips: t.clips.map((c) => (c.id === clipId ? { ...c, [edge]: value } : c)) }
        : t,
    ),
  };
}

/** Crossfades are equal power: two unrelated sounds keep their summed power through the overlap. */
const CROSSFADE_CURVE = 'equal-power';

/** The fade on `edge` at least `length` long (a longer one the user drew is kept). */
const atLeast = (fade: ClipFade | undefined, length: number): ClipFade =>
  fade && fade.length >= length ? fade : { length, curve: fade?.curve ?? CROSSFADE_CURVE };

/** The project with the clip crossfaded with every clip it overlaps on its track: over each overlap the earlier clip
 * fades out and the later one fades in (fades already longer are kept). A clip wholly inside another is left alone. */
export function crossfadeOverlaps(project: Project, clipId: string): Project {
  const track = project.tracks.find((t) => t.clips.some((c) => c.id === clipId));
  const moved = track?.clips.find((c) => c.id === clipId);
  if (!track || !moved) return project;
  const fades = new Map<string, Partial<Clip>>();
  const widen = (clip: Clip, edge: ClipEdge, length: number) => {
    const patch = fades.get(clip.id) ?? {};
    patch[edge] = atLeast(patch[edge] ?? clip[edge], length);
    fades.set(clip.id, patch);
  };
  for (const other of track.clips) {
    if (other.id === clipId) continue;
    const overlap = Math.min(clipEnd(moved), clipEnd(other)) - Math.max(moved.start, other.start);
    if (overlap <= 0 || overlap >= moved.length || overlap >= other.length) continue;
    const [early, late] = other.start < moved.start ? [other, moved] : [moved, other];
    widen(early, 'fadeOut', overlap);
    widen(late, 'fadeIn', overlap);
  }
  if (fades.size === 0) return project;
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t === track ? { ...t, clips: t.clips.map((c) => (fades.has(c.id) ? { ...c, ...fades.get(c.id) } : c)) } : t,
    ),
  };
}
