/** Putting model output into the project: a generated clip at a position, or an edit's result over a range. */
import { correlatedCrossfade } from '../dsp/fades';
import type { AssetStore } from './asset-store';
import { removeRange } from './timeline-ops';
import { carryEnvelope } from './envelope';
import { type Clip, clipEnd, clipOverlap, newId, newTrack, type Project, type SampleRange, type Track } from './types';

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

/** Whether the track still holds `original` over the range (nothing was edited there while a job ran). */
export function stillHolds(track: Track, assets: AssetStore, range: SampleRange, original: Float32Array[]): boolean {
  return trackAudio(track, assets, range).every((ch, i) => {
    const b = original[i];
    return b !== undefined && ch.length === b.length && ch.every((v, k) => v === b[k]);
  });
}

/** The result (one channel for all, or one per channel) crossfaded from the original at both edges (equal-power
 * curves that hold the level where the two are alike too: src/dsp/fades.ts). */
export function blendEdges(original: Float32Array[], results: Float32Array[], fade: number): Float32Array[] {
  const n = results[0].length;
  const f = Math.max(0, Math.min(fade, Math.floor(n / 4)));
  return original.map((orig, ch) => {
    const result = results[Math.min(ch, results.length - 1)];
    const out = Float32Array.from(result);
    if (f === 0) return out;
    out.set(correlatedCrossfade(orig.subarray(0, f), result.subarray(0, f)));
    out.set(correlatedCrossfade(result.subarray(n - f), orig.subarray(n - f)), n - f);
    return out;
  });
}

/** A clip of a new asset at `at` on a track (null: a new track at the bottom); it replaces what lies under it. An edit
 * in place (`inPlace`) keeps the volume envelope of the clip it replaces, as an effect does: it changed the audio,
 * not how loud the clip plays. */
export function placeAsset(
  project: Project,
  trackId: string | null,
  at: number,
  assetId: string,
  length: number,
  name: string,
  inPlace = false,
): Project {
  const clip: Clip = { id: newId(), assetId, name, start: at, offset: 0, length };
  if (trackId === null || !project.tracks.some((t) => t.id === trackId)) {
    const track = { ...newTrack(project.tracks.length), name, clips: [clip] };
    return { ...project, tracks: [...project.tracks, track] };
  }
  return {
    ...project,
    tracks: project.tracks.map((t) => {
      if (t.id !== trackId) return t;
      const under = inPlace ? t.clips.find((c) => c.start <= at && clipEnd(c) > at) : undefined;
      const envelope = under && carryEnvelope(under, clip);
      if (envelope) clip.envelope = envelope;
      const cleared = removeRange(t, { start: at, end: at + length }, false);
      return { ...cleared, clips: [...cleared.clips, clip].sort((a, b) => a.start - b.start) };
    }),
  };
}

/** The result as a new track below the source track (after the takes it already has), aligned with the range: the
 * original stays as it was and is what plays (the take starts muted; A/B switches). The take goes through the
 * source's mixer settings (gain, pan, automation, effects, sends), as a DAW's takes share their track's channel, so
 * A/B compares the two as they are heard. */
export function addTake(
  project: Project,
  sourceTrackId: string,
  range: SampleRange,
  assetId: string,
  name: string,
): Project {
  const source = project.tracks.findIndex((t) => t.id === sourceTrackId);
  const clip = { id: newId(), assetId, name, start: range.start, offset: 0, length: range.end - range.start };
  const { gainDb, pan, volume, panPoints, effects, sends } = project.tracks[source] ?? newTrack(0);
  const mixer = Object.fromEntries(
    Object.entries({ gainDb, pan, volume, panPoints, effects, sends }).filter(([, v]) => v !== undefined),
  );
  const track: Track = {
    ...newTrack(project.tracks.length),
    ...mixer,
    name,
    clips: [clip],
    mute: true,
    takeOf: sourceTrackId,
  };
  let at = source < 0 ? project.tracks.length : source + 1;
  while (at < project.tracks.length && project.tracks[at].takeOf === sourceTrackId) at++;
  const tracks = [...project.tracks];
  tracks.splice(at, 0, track);
  return { ...project, tracks };
}

/** The tracks the timeline shows: all but the takes folded away under their track (`folded`: those tracks' ids). */
export const shownTracks = (tracks: Track[], folded: readonly string[]): Track[] =>
  folded.length ? tracks.filter((t) => !(t.takeOf && folded.includes(t.takeOf))) : tracks;

/** The parts of a take comped onto its track (src/app/comp.ts), as the track has them now, in time order. */
export function compedRanges(project: Project, takeId: string): SampleRange[] {
  const take = project.tracks.find((t) => t.id === takeId);
  const source = take?.takeOf ? project.tracks.find((t) => t.id === take.takeOf) : undefined;
  return (source?.clips ?? [])
    .filter((c) => c.compOf === takeId)
    .map((c) => ({ start: c.start, end: clipEnd(c) }))
    .sort((a, b) => a.start - b.start);
}

/** A take's letter among its source's takes: the source is A, its takes B, C, D... in track order. */
export function takeLetter(project: Project, takeId: string): string {
  const take = project.tracks.find((t) => t.id === takeId);
  const siblings = project.tracks.filter((t) => take?.takeOf !== undefined && t.takeOf === take.takeOf);
  return letterOfTake(
    Math.max(
      0,
      siblings.findIndex((t) => t.id === takeId),
    ),
  );
}

/** The letter the next take of a track gets (addTake puts it after the others). */
export const nextTakeLetter = (project: Project, sourceTrackId: string): string =>
  letterOfTake(project.tracks.filter((t) => t.takeOf === sourceTrackId).length);

/** The letter of a track's take at `index` among its takes (B first: the track itself is A). */
const letterOfTake = (index: number) => String.fromCharCode(66 + index);

/** A/B: plays a take instead of its source (the source and the other takes muted), or, when it already plays, the
 * source again; `playing` is the letter that plays afterwards ('A': the source). */
export function switchTake(project: Project, takeId: string): { project: Project; playing: string } {
  const take = project.tracks.find((t) => t.id === takeId);
  if (!take?.takeOf) return { project, playing: 'A' };
  const toTake = take.mute;
  const tracks = project.tracks.map((t) => {
    if (t.id === take.takeOf) return { ...t, mute: toTake };
    if (t.takeOf === take.takeOf) return { ...t, mute: !(toTake && t.id === takeId) };
    return t;
  });
  return { project: { ...project, tracks }, playing: toTake ? takeLetter(project, takeId) : 'A' };
}
