/** Dragging the loop region's edges along the ruler's top, as Audacity's looping region is reshaped: which edge a
 * press grabs, and the region an edge dragged to a point makes. */
import type { SampleRange } from '../../project/types';

/** How near an edge (px) and how near the ruler's top (px) a press grabs it. */
export const EDGE_GRAB_PX = 6;
export const LOOP_STRIP_PX = 8;

/** The edge of `region` a press at `x`, `y` (px on the ruler: x from the timeline's start, scroll counted) grabs,
 * or null (the press seeks and scrubs as usual). */
export function grabbedEdge(
  region: SampleRange | null,
  { x, y }: { x: number; y: number },
  pxPerSample: number,
): 'start' | 'end' | null {
  if (!region || y > LOOP_STRIP_PX) return null;
  const [start, end] = [region.start * pxPerSample, region.end * pxPerSample];
  const near = (edge: number) => Math.abs(x - edge) <= EDGE_GRAB_PX;
  // Where the region is so narrow both are near, the nearer wins.
  if (near(start) && near(end)) return Math.abs(x - start) <= Math.abs(x - end) ? 'start' : 'end';
  return near(start) ? 'start' : near(end) ? 'end' : null;
}

/** The region with `edge` moved to sample `at`: never before 0, and never past the other edge (a region holds a
 * sample at least). */
export function movedEdge(region: SampleRange, edge: 'start' | 'end', at: number): SampleRange {
  const to = Math.max(0, Math.round(at));
  return edge === 'start'
    ? { start: Math.min(to, region.end - 1), end: region.end }
    : { start: region.start, end: Math.max(to, region.start + 1) };
}
