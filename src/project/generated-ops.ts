/** Putting model output into the project: a generated clip at a position, or an edit's result over a range. */
import { crossfadeRise } from '../dsp/fades';
import type { AssetStore } from './asset-store';
import { removeRange } from './timeline-ops';
import { clipOverlap, newId, newTrack, type Project, type SampleRange, type Track } from './types';

/** Edge crossfades of an edit's result: 20 ms, or a quarter of a very short selection. */
export const EDGE_FADE_SECONDS = 0.02;

/** A track's own audio over a range (clips summed, before its gain and pan): what an edit reads and replaces. */
export function trackAudio(track: Track, assets: AssetStore, range: SampleRange): Float32Array[] {
  const clips = track.clips.filter((c) => clipOverlap(c, range) !== null);
  const channels = Math.max(1, ...clips.map((c) => assets.get(c.assetId).channels.length));
  const out = Array.from({ length: channels }, () => new Float32Array(range.end - range.start));
  for (const clip of clips) {
    const source = assets.get(clip.assetId).channels;
    const { read, write, count } = clipOverlap(clip, range)!;
    for (let ch = 0; ch < channels; ch++) {
      const data = source[Math.min(ch, source.length - 1)];
      for (let i = 0; i < count; i++) out[ch][write + i] += data[read + i];
    }
  }
  return out;
}

/** Averages channels to mono, the model's input. */
export function toMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i] / channels.length;
  return out;
}

/** The result (one channel for all, or one per channel) crossfaded from the original at both edges with equal-power
 * curves. */
export function blendEdges(original: Float32Array[], results: Float32Array[], fade: number): Float32Array[] {
  const n = results[0].length;
  const f = Math.max(0, Math.min(fade, Math.floor(n / 4)));
  return original.map((orig, ch) => {
    const result = results[Math.min(ch, results.length - 1)];
    const out = Float32Array.from(result);
    for (let i = 0; i < f; i++) {
      const w = crossfadeRise(i, f); // weight of the result, rising at the start
      const v = crossfadeRise(f - 1 - i, f);
      out[i] = orig[i] * v + result[i] * w;
      const j = n - 1 - i;
      out[j] = orig[j] * v + result[j] * w;
    }
    return out;
  });
}

/** A clip of a new asset at `at` on a track (null: a new track at the bottom); it replaces what lies under it. */
export function placeAsset(
  project: Project,
  trackId: string | null,
  at: number,
  assetId: string,
  length: number,
  name: string,
): Project {
  const clip = { id: newId(), assetId, name, start: at, offset: 0, length };
  if (trackId === null || !project.tracks.some((t) => t.id === trackId)) {
    const track = { ...newTrack(project.tracks.length), name, clips: [clip] };
    return { ...project, tracks: [...project.tracks, track] };
  }
  return {
    ...project,
    tracks: project.tracks.map((t) => {
      if (t.id !== trackId) return t;
      const cleared = removeRange(t, { start: at, end: at + length }, false);
      return { ...cleared, clips: [...cleared.clips, clip].sort((a, b) => a.start - b.start) };
    }),
  };
}

/** The result as a new track just below the source track, aligned with the range: the original stays as it was
 * and is what plays (the take starts muted; A/B switches). */
export function addTake(
  project: Project,
  sourceTrackId: string,
  range: SampleRange,
  assetId: string,
  name: string,
): Project {
  const index = project.tracks.findIndex((t) => t.id === sourceTrackId);
  const clip = { id: newId(), assetId, name, start: range.start, offset: 0, length: range.end - range.start };
  const track: Track = { ...newTrack(project.tracks.length), name, clips: [clip], mute: true, takeOf: sourceTrackId };
  const tracks = [...project.tracks];
  tracks.splice(index < 0 ? tracks.length : index + 1, 0, track);
  return { ...project, tracks };
}

/** A/B: switches which of a take and its source track plays (the other is muted); 'B' is the take. */
export function switchTake(project: Project, takeId: string): { project: Project; playing: 'A' | 'B' } {
  const take = project.tracks.find((t) => t.id === takeId);
  if (!take?.takeOf) return { project, playing: 'A' };
  const playing = take.mute ? 'B' : 'A';
  const tracks = project.tracks.map((t) =>
    t.id === takeId ? { ...t, mute: playing === 'A' } : t.id === take.takeOf ? { ...t, mute: playing === 'B' } : t,
  );
  return { project: { ...project, tracks }, playing };
}
