/**
 * A track's pan automation, as a DAW's pan lane: pan points on the timeline joined by straight lines (as Web Audio's
 * linear ramps of a StereoPannerNode's pan, so playback and export agree), the first and last held before and after.
 * The lines are the volume automation's (src/project/envelope.ts), read with the pan in place of the gain.
 */
import { envelopeGains, type GainPoint, rampsOver } from './envelope';
import type { PanPoint, Project, Track } from './types';

/** Pan points as a line's points (the pan held as `gain`), and back: what the shared line routines and editors read. */
export const panAsLine = (points: readonly PanPoint[]): GainPoint[] => points.map((p) => ({ at: p.at, gain: p.pan }));
export const lineAsPan = (points: readonly GainPoint[]): PanPoint[] => points.map((p) => ({ at: p.at, pan: p.gain }));

/** The track's pan for `count` timeline samples from `from`; undefined where it has no automation (its pan holds). */
export function panValues(track: Track, from: number, count: number): Float32Array | undefined {
  return track.panPoints?.length ? envelopeGains(panAsLine(track.panPoints), from, count) : undefined;
}

/** The automation over [start, end) as Web Audio events (the pan at `start`, each point between, the pan at `end`);
 * null where the track has none. */
export function panRamps(track: Track, start: number, end: number): PanPoint[] | null {
  if (!track.panPoints?.length) return null;
  return lineAsPan(rampsOver(panAsLine(track.panPoints), start, end));
}

/** The project with the track's pan automation replaced (no points: none, its pan alone). */
export function setTrackPan(project: Project, trackId: string, points: readonly PanPoint[]): Project {
  const panPoints = points.length ? [...points] : undefined;
  return { ...project, tracks: project.tracks.map((t) => (t.id === trackId ? { ...t, panPoints } : t)) };
}
