/** Conversions between samples and lane pixels, the part of the timeline that is on screen, and label rows. */
import { HEADER_WIDTH, TRACK_HEIGHT_RANGE } from '../../actions/view-actions';
import type { SoundLabel } from '../../project/types';

export { HEADER_WIDTH, TRACK_HEIGHT_RANGE };
export const TRACK_HEIGHT = 110;
/** How near (screen pixels) a dragged edge must come to something for it to snap there. */
export const SNAP_PX = 8;

/** A track's height: the user's, kept within the range, else the default. */
export const trackHeight = (heights: Readonly<Record<string, number>>, trackId: string) =>
  Math.min(TRACK_HEIGHT_RANGE.max, Math.max(TRACK_HEIGHT_RANGE.min, heights[trackId] ?? TRACK_HEIGHT));

export interface Scale {
  sampleRate: number;
  pxPerSec: number;
}

export const sampleToPx = (sample: number, s: Scale) => (sample / s.sampleRate) * s.pxPerSec;
export const pxToSample = (px: number, s: Scale) => Math.max(0, Math.round((px / s.pxPerSec) * s.sampleRate));

export { MAX_CONTENT_PX } from '../../actions/view-actions';

/** Lane-pixel interval [left, right) visible in the viewport, with some margin for smooth scrolling. */
export function visibleLanePx(scrollLeft: number, viewportWidth: number, margin = 200): [number, number] {
  return [Math.max(0, scrollLeft - margin), scrollLeft + Math.max(0, viewportWidth - HEADER_WIDTH) + margin];
}

/** Rows for overlapping labels: each label in the first row whose last label ended before it starts. */
export function stackLabels(labels: readonly SoundLabel[]): { label: SoundLabel; row: number }[] {
  const rowEnds: number[] = [];
  return [...labels]
    .sort((a, b) => a.start - b.start)
    .map((label) => {
      let row = rowEnds.findIndex((end) => end <= label.start);
      if (row < 0) row = rowEnds.push(0) - 1;
      rowEnds[row] = label.end;
      return { label, row };
    });
}
