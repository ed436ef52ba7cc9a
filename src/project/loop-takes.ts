/** Loop recording, as a DAW records over a loop: one recording made while the selection played round and round is
 * cut into its passes, each a take of the same part. The first pass makes a new track, the others its takes (A, B,
 * C... switched with A/B), and the last pass is what plays, as the performer's latest attempt. */
import { addTake, nextTakeLetter, switchTake } from './generated-ops';
import { newId, newTrack, type Project, type SampleRange } from './types';

/** A pass shorter than this (the recording stopped just after the loop came round) is not kept, s. */
export const MIN_PASS_SECONDS = 0.25;

/** The passes in a recording whose first sample is the loop's start: `length` samples each (the last as long as it
 * got), those under MIN_PASS_SECONDS left out. */
export function loopPasses(channels: Float32Array[], length: number, rate: number): Float32Array[][] {
  const total = channels[0]?.length ?? 0;
  const passes: Float32Array[][] = [];
  for (let at = 0; at < total; at += length) {
    const end = Math.min(total, at + length);
    if (end - at >= MIN_PASS_SECONDS * rate) passes.push(channels.map((c) => c.slice(at, end)));
  }
  return passes;
}

/** The passes (as assets, in order) on the timeline over `loop`: a new track of the first, takes of it for the others,
 * the last one playing; onto an armed track (`armed`), every pass is a take of it. */
export function placeLoopTakes(
  project: Project,
  assetIds: readonly string[],
  lengths: readonly number[],
  loop: SampleRange,
  armed?: string,
): Project {
  if (armed && project.tracks.some((t) => t.id === armed))
    return assetIds.reduce((p, id, i) => recordedTake(p, armed, id, loop.start, lengths[i]), project);
  const name = (i: number) => `Loop take ${i + 1}`;
  const first = {
    ...newTrack(project.tracks.length),
    name: name(0),
    clips: [{ id: newId(), assetId: assetIds[0], name: name(0), start: loop.start, offset: 0, length: lengths[0] }],
  };
  let placed: Project = { ...project, tracks: [...project.tracks, first] };
  for (let i = 1; i < assetIds.length; i++)
    placed = addTake(placed, first.id, { start: loop.start, end: loop.start + lengths[i] }, assetIds[i], name(i));
  const last = placed.tracks.filter((t) => t.takeOf === first.id).at(-1);
  return last ? switchTake(placed, last.id).project : placed;
}

/** The track's takes taken away once its comp is done (as a DAW flattens a take folder): the track plays. */
export function deleteTakes(project: Project, trackId: string): { label: string; project: Project } {
  const takes = project.tracks.filter((t) => t.takeOf === trackId).length;
  const tracks = project.tracks
    .filter((t) => t.takeOf !== trackId)
    .map((t) => (t.id === trackId && takes > 0 ? { ...t, mute: false } : t));
  return { label: `Delete ${takes} take${takes === 1 ? '' : 's'}`, project: { ...project, tracks } };
}

/** A take made a track of its own (a take worth keeping beside the comp): no longer switched with the others. */
export function takeToTrack(project: Project, takeId: string): { label: string; project: Project } {
  const tracks = project.tracks.map((t) => {
    if (t.id !== takeId) return t;
    const { takeOf: _source, ...own } = t;
    return own;
  });
  return { label: 'Take to track', project: { ...project, tracks } };
}

/** A recording as the newest take of the armed track (its letter after the others'), playing in its place. */
export function recordedTake(
  project: Project,
  trackId: string,
  assetId: string,
  start: number,
  length: number,
): Project {
  const letter = nextTakeLetter(project, trackId);
  const placed = addTake(project, trackId, { start, end: start + length }, assetId, `Take ${letter}`);
  const take = placed.tracks.filter((t) => t.takeOf === trackId).at(-1);
  return take ? switchTake(placed, take.id).project : placed;
}
