/** Edits that change samples inside a range: each affected piece of a clip becomes a new asset, the rest is untouched. */
import { applyFade, type FadeCurve, type FadeDirection } from '../dsp/fades';
import { applyGain, dbToGain, peakNormalizeGain } from '../dsp/gain';
import { integratedLoudness } from '../dsp/loudness';
import type { AssetStore } from './asset-store';
import type { Clip, Project, SampleRange, Track } from './types';
import { clipEnd, newId } from './types';
import { mapTracks, splitTrackAt } from './timeline-ops';

/** A piece of a clip inside the range, with a private copy of its samples to change. */
export interface Piece {
  clip: Clip;
  channels: Float32Array[];
}

/** Changes the samples of one track's pieces in place; may return new timeline starts (reverse does). */
export type PieceProcessor = (pieces: Piece[], range: SampleRange, sampleRate: number) => void | number[];

/** Runs `process` over the pieces of each selected track inside `range`, storing the results as new assets. */
export function processRange(project: Project, trackIds: readonly string[], range: SampleRange, assets: AssetStore, process: PieceProcessor): Project {
  return mapTracks(project, trackIds, (track) => processTrack(track, range, assets, process, project.sampleRate));
}

function processTrack(track: Track, range: SampleRange, assets: AssetStore, process: PieceProcessor, sampleRate: number): Track {
  const split = splitTrackAt(splitTrackAt(track, range.start), range.end);
  const inside = (c: Clip) => c.start >= range.start && clipEnd(c) <= range.end;
  const pieces: Piece[] = split.clips.filter(inside).map((clip) => ({ clip, channels: assets.slice(clip.assetId, clip.offset, clip.length) }));
  if (pieces.length === 0) return track;
  const starts = process(pieces, range, sampleRate) ?? pieces.map((p) => p.clip.start);
  const replaced = new Map(
    pieces.map((p, i) => {
      const asset = assets.add(p.channels, sampleRate);
      return [p.clip.id, { ...p.clip, id: newId(), assetId: asset.id, offset: 0, start: starts[i] }] as const;
    }),
  );
  const clips = split.clips.map((c) => replaced.get(c.id) ?? c).sort((a, b) => a.start - b.start);
  return { ...split, clips };
}

export const fadeProcessor = (direction: FadeDirection, curve: FadeCurve): PieceProcessor => (pieces, range) => {
  const length = range.end - range.start;
  for (const p of pieces) p.channels.forEach((ch) => applyFade(ch, direction, curve, p.clip.start - range.start, length));
};

export const gainProcessor = (db: number): PieceProcessor => (pieces) => {
  const gain = dbToGain(db);
  for (const p of pieces) p.channels.forEach((ch) => applyGain(ch, gain));
};

/** Brings the loudest sample of the track's selection to `targetDb` dBFS. */
export const peakNormalizeProcessor = (targetDb: number): PieceProcessor => (pieces) => {
  const gain = peakNormalizeGain(pieces.flatMap((p) => p.channels), targetDb);
  for (const p of pieces) p.channels.forEach((ch) => applyGain(ch, gain));
};

/** Brings the integrated loudness (BS.1770) of the track's selection to `targetLufs`; silence is left alone. */
export const loudnessNormalizeProcessor = (targetLufs: number): PieceProcessor => (pieces, range, sampleRate) => {
  const joined = joinPieces(pieces, range);
  const measured = integratedLoudness(joined, sampleRate);
  if (!Number.isFinite(measured)) return;
  const gain = dbToGain(targetLufs - measured);
  for (const p of pieces) p.channels.forEach((ch) => applyGain(ch, gain));
};

/** Plays the range backwards: each piece is reversed and mirrored within the range. */
export const reverseProcessor: PieceProcessor = (pieces, range) => {
  for (const p of pieces) p.channels.forEach((ch) => ch.reverse());
  return pieces.map((p) => range.start + range.end - clipEnd(p.clip));
};

/** The range as one signal (gaps silent), with as many channels as the widest piece. */
function joinPieces(pieces: Piece[], range: SampleRange): Float32Array[] {
  const channelCount = Math.max(...pieces.map((p) => p.channels.length));
  const out = Array.from({ length: channelCount }, () => new Float32Array(range.end - range.start));
  for (const p of pieces) {
    out.forEach((ch, c) => ch.set(p.channels[Math.min(c, p.channels.length - 1)], p.clip.start - range.start));
  }
  return out;
}
