/**
 * A clip's volume envelope, as Audacity's Envelope tool and Audition's clip volume keyframes: points of gain joined by
 * straight lines in amplitude (as Web Audio's linear ramps, so playback and export agree sample for sample), the first
 * and last held before and after them. Points sit on the clip's asset, in its samples, so splitting, trimming, moving,
 * copying and pasting a clip keep each sample's gain without touching the points.
 */
import { dbToGain } from '../dsp/gain';
import type { Clip, Project } from './types';

export interface GainPoint {
  /** Sample of the clip's asset. */
  at: number;
  /** Amplitude gain, 0 (silence) to ENVELOPE_MAX_GAIN. */
  gain: number;
}

/** +12 dB: as far as Audacity's envelope raises a clip. */
export const ENVELOPE_MAX_GAIN = dbToGain(12);

/** The envelope's gain at an asset sample (1 where there are no points). */
export function envelopeGainAt(points: readonly GainPoint[] | undefined, at: number): number {
  if (!points || points.length === 0) return 1;
  if (at <= points[0].at) return points[0].gain;
  const last = points[points.length - 1];
  if (at >= last.at) return last.gain;
  let hi = 1;
  while (points[hi].at < at) hi++;
  return lineAt(points[hi - 1], points[hi], at);
}

/** The line from a to b at `at`, worked out the same way wherever a clip starts reading it (so a split clip plays the
 * very samples it did whole). */
const lineAt = (a: GainPoint, b: GainPoint, at: number) => a.gain + ((b.gain - a.gain) / (b.at - a.at)) * (at - a.at);

/** The envelope's gain for `count` asset samples from `from`, segment by segment. */
export function envelopeGains(points: readonly GainPoint[], from: number, count: number): Float32Array {
  const out = new Float32Array(count);
  let next = 0;
  for (let i = 0; i < count; ) {
    while (next < points.length && points[next].at <= from + i) next++;
    const end = next < points.length ? Math.min(count, points[next].at - from) : count;
    if (next > 0 && next < points.length) {
      const [a, b] = [points[next - 1], points[next]];
      for (let k = i; k < end; k++) out[k] = lineAt(a, b, from + k);
    } else out.fill(points[Math.min(next, points.length - 1)].gain, i, end);
    i = end;
  }
  return out;
}

export const clampGain = (gain: number) => Math.max(0, Math.min(ENVELOPE_MAX_GAIN, gain));
const byPosition = (a: GainPoint, b: GainPoint) => a.at - b.at;

/** The points with one added (at the same sample as another: replacing it); `clamp` keeps its value in the line's
 * range (a gain's by default). */
export function addGainPoint(points: readonly GainPoint[], at: number, gain: number, clamp = clampGain): GainPoint[] {
  const point = { at: Math.round(at), gain: clamp(gain) };
  return [...points.filter((p) => p.at !== point.at), point].sort(byPosition);
}

/** The points with the one at `index` moved, kept between its neighbours so the order holds. */
export function moveGainPoint(
  points: readonly GainPoint[],
  index: number,
  at: number,
  gain: number,
  clamp = clampGain,
): GainPoint[] {
  const low = index > 0 ? points[index - 1].at + 1 : -Infinity;
  const high = index < points.length - 1 ? points[index + 1].at - 1 : Infinity;
  const moved = { at: Math.round(Math.max(low, Math.min(high, at))), gain: clamp(gain) };
  return points.map((p, i) => (i === index ? moved : p));
}

export function removeGainPoint(points: readonly GainPoint[], index: number): GainPoint[] {
  return points.filter((_, i) => i !== index);
}

/** The clip's envelope with every point's gain times `factor` (within the envelope's range), its shape kept; a clip
 * without one gets a single point, which holds over all of it: clip gain, as a DAW's. */
export function scaledEnvelope(clip: Clip, factor: number): GainPoint[] {
  const points = clip.envelope?.length ? clip.envelope : [{ at: clip.offset, gain: 1 }];
  return points.map((p) => ({ at: p.at, gain: clampGain(p.gain * factor) }));
}

/** The clip's level where its envelope is flat (0 dB without one), in dB; null where it has a shape. */
export function clipLevelDb(clip: Clip): number | null {
  const points = clip.envelope ?? [];
  if (points.some((p) => p.gain !== points[0].gain)) return null;
  return points.length ? 20 * Math.log10(points[0].gain) : 0;
}

/** Where a clip's asset sample sits on the timeline, and back. */
export const assetToTimeline = (clip: Pick<Clip, 'start' | 'offset'>, at: number) => clip.start + at - clip.offset;
export const timelineToAsset = (clip: Pick<Clip, 'start' | 'offset'>, t: number) => t - clip.start + clip.offset;

/** `from`'s envelope on a clip that replaced its audio (an effect's result, a model's edit in place), each point at
 * the same place on the timeline, or where `map` (an effect's time map) moved it; undefined where it had none. */
export function carryEnvelope(
  from: Clip,
  to: Pick<Clip, 'start' | 'offset'>,
  map: (t: number) => number = (t) => t,
): GainPoint[] | undefined {
  if (!from.envelope?.length) return undefined;
  const carried = from.envelope.map((p) => ({
    at: Math.round(timelineToAsset(to, map(assetToTimeline(from, p.at)))),
    gain: p.gain,
  }));
  return carried.filter((p, i) => i === 0 || p.at > carried[i - 1].at);
}

/** The envelope over timeline samples [start, end) of the clip as Web Audio events: its gain set at `start`, then
 * ramped linearly to each point between and to its gain at `end`. Null where the clip has no envelope. */
export function envelopeRamps(clip: Clip, start: number, end: number): GainPoint[] | null {
  if (!clip.envelope?.length) return null;
  return rampsOver(
    clip.envelope.map((p) => ({ at: assetToTimeline(clip, p.at), gain: p.gain })),
    start,
    end,
  );
}

/** Points (in timeline samples) over [start, end) as Web Audio events: the gain at `start`, each point between, and
 * the gain at `end`. */
export function rampsOver(points: readonly GainPoint[], start: number, end: number): GainPoint[] {
  const inside = points.filter((p) => p.at > start && p.at < end);
  return [
    { at: start, gain: envelopeGainAt(points, start) },
    ...inside,
    { at: end, gain: envelopeGainAt(points, end) },
  ];
}

/** The project with the track's volume automation replaced (no points: none, its gain alone). */
export function setTrackVolume(project: Project, trackId: string, points: readonly GainPoint[]): Project {
  const volume = points.length ? [...points] : undefined;
  return { ...project, tracks: project.tracks.map((t) => (t.id === trackId ? { ...t, volume } : t)) };
}

/** The project with the clip's envelope replaced (no points: none, unity gain). */
export function setClipEnvelope(project: Project, clipId: string, points: readonly GainPoint[]): Project {
  const envelope = points.length ? [...points] : undefined;
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.clips.some((c) => c.id === clipId)
        ? { ...t, clips: t.clips.map((c) => (c.id === clipId ? { ...c, envelope } : c)) }
        : t,
    ),
  };
}
