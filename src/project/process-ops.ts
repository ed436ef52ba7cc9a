/** Edits that change samples inside a range: each affected piece of a clip becomes a new asset, the rest is untouched. */
import type { AssetStore } from './asset-store';
import { carryEnvelope } from './envelope';
import { applyEffect, type EffectSpec, type PieceData, timeMap } from './effects';
import { analysisAfterEffect } from './track-analysis';
import type { Clip, Project, SampleRange, Track } from './types';
import { audioOnly, clipEnd, newId } from './types';
import { splitTrackAt } from './timeline-ops';
import { mapLanes } from './timeline-data';

export interface EffectResult {
  channels: Float32Array[][];
  starts: number[];
}

/** Runs an effect over one track's pieces: in this thread (tests) or in the analysis worker (the app). */
export type EffectRunner = (
  spec: EffectSpec,
  pieces: PieceData[],
  range: SampleRange,
  sampleRate: number,
) => Promise<EffectResult>;

export const runHere: EffectRunner = async (spec, pieces, range, sampleRate) => {
  const starts = applyEffect(spec, pieces, range, sampleRate);
  return { channels: pieces.map((p) => p.channels), starts };
};

/** Applies `spec` to the selected tracks inside `range`, storing the processed pieces as new assets. */
export async function processRange(
  project: Project,
  trackIds: readonly string[],
  range: SampleRange,
  assets: AssetStore,
  spec: EffectSpec,
  run: EffectRunner = runHere,
): Promise<Project> {
  const tracks: Track[] = [];
  for (const track of project.tracks) {
    tracks.push(
      trackIds.includes(track.id) ? await processTrack(track, range, assets, spec, run, project.sampleRate) : track,
    );
  }
  return { ...project, tracks };
}

async function processTrack(
  track: Track,
  range: SampleRange,
  assets: AssetStore,
  spec: EffectSpec,
  run: EffectRunner,
  sampleRate: number,
): Promise<Track> {
  const split = splitTrackAt(splitTrackAt(track, range.start), range.end);
  const inside = split.clips.filter((c: Clip) => c.start >= range.start && clipEnd(c) <= range.end);
  const at = timeMap(spec, range);
  if (inside.length === 0 && at(range.end) === range.end) return track;
  const pieces = [];
  for (const c of inside)
    pieces.push({
      start: c.start,
      length: c.length,
      channels: await assets.sliceGently(c.assetId, c.offset, c.length),
    });
  const result = inside.length ? await run(spec, pieces, range, sampleRate) : { channels: [], starts: [] };
  const replaced = new Map(
    inside.map((clip, i) => {
      const channels = result.channels[i];
      const asset = assets.add(channels, sampleRate);
      const edited = { start: result.starts[i], length: channels[0].length, offset: 0 };
      const envelope = carryEnvelope(clip, edited, at);
      return [clip.id, { ...audioOnly(clip), ...edited, id: newId(), assetId: asset.id, envelope }] as const;
    }),
  );
  // A tempo change moves what follows the range with its end.
  const moved = (c: Clip) => (c.start >= range.end ? { ...c, start: at(c.start) } : c);
  const clips = split.clips.map((c) => replaced.get(c.id) ?? moved(c)).sort((a, b) => a.start - b.start);
  const whole = track.clips.every((c) => c.start >= range.start && clipEnd(c) <= range.end);
  // The track's lanes move with the audio as its labels do.
  return mapLanes(analysisAfterEffect({ ...split, clips }, spec, range, whole, sampleRate), at);
}
