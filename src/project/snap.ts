/** Snapping, as a DAW's clip moves: a dragged clip's start or end lands exactly on a nearby place where something
 * else begins or ends (another clip's edge, a label's, the playhead, a beat of the project's tempo or of an analysed
 * track, the project's start), so clips butt together without a gap or an overlap of a few samples; a range dragged
 * on the lanes snaps its edges to the project's beats, as a DAW's selection snaps to the grid. */
import { type BeatGrid, beatLength, beatsIn, projectGrid, trackGrid } from './tempo';
import { clipEnd, type Project } from './types';

/** Where a dragged clip can snap to, in timeline samples: every other clip's edges, labels' edges, the playhead, the
 * beats of the project's grid and of tracks with a beat grid (within the project, a little past its end), and 0.
 * Sorted, no repeats. The clips being dragged (`moving`) are no targets. */
export function snapTargets(project: Project, playhead: number, moving: readonly string[] = []): number[] {
  const targets = new Set<number>([0, playhead]);
  for (const track of project.tracks) {
    for (const c of track.clips) if (!moving.includes(c.id)) targets.add(c.start).add(clipEnd(c));
    for (const l of track.labels ?? []) targets.add(l.start).add(l.end);
  }
  const grids = [projectGrid(project), ...project.tracks.map(trackGrid)].filter((g) => g !== null);
  for (const grid of grids) for (const beat of gridTargets(project, grid)) targets.add(beat);
  return [...targets].sort((a, b) => a - b);
}

/** The beats of `grid` from the project's start to a little past its end (rounded to samples, in order): where a
 * selection's edges snap. */
export function gridTargets(project: Project, grid: BeatGrid): number[] {
  const end = Math.max(0, ...project.tracks.flatMap((t) => t.clips.map(clipEnd)));
  const past = end + 8 * beatLength(grid, project.sampleRate);
  return beatsIn(grid, project.sampleRate, 0, past + 1).map((b) => Math.round(b.at));
}

/** The start for a clip of `length` dragged to `start`: moved so its start or its end meets the nearest target within
 * `tolerance` samples (the nearer of the two), else left where it was dragged. */
export function snapMove(start: number, length: number, targets: readonly number[], tolerance: number): number {
  let best = start;
  let distance = tolerance + 1;
  for (const edge of [start, start + length]) {
    const t = nearest(targets, edge);
    if (t !== undefined && Math.abs(t - edge) < distance) {
      distance = Math.abs(t - edge);
      best = start + (t - edge);
    }
  }
  return distance <= tolerance ? Math.max(0, best) : start;
}

/** A dragged clip edge at `at`, moved onto the nearest target within `tolerance` samples. */
export function snapEdge(at: number, targets: readonly number[], tolerance: number): number {
  const t = nearest(targets, at);
  return t !== undefined && Math.abs(t - at) <= tolerance ? t : at;
}

/** The target nearest `x` (binary search over the sorted targets). */
function nearest(targets: readonly number[], x: number): number | undefined {
  let lo = 0;
  let hi = targets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (targets[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  const after = targets[lo];
  const before = targets[lo - 1];
  if (after === undefined) return before;
  if (before === undefined) return after;
  return x - before <= after - x ? before : after;
}
