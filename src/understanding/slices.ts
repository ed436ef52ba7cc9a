/** Long selections are analysed in slices (a few minutes each, with context on both sides), so an hour-long file is
 * never copied whole at the project's rate; each slice answers for its own part (its regions clipped to it), and a
 * region cut by a slice's edge is joined again with its other half. */
import type { SampleRange } from '../project/types';
import type { SoundEvent } from './sound-events';

export const SLICE_SECONDS = 300;
export const CONTEXT_SECONDS = 2;

export interface Slice {
  /** What is read and analysed (own part plus context), in samples. */
  read: SampleRange;
  /** The part whose regions this slice answers for. */
  own: SampleRange;
}

export function analysisSlices(range: SampleRange, rate: number, sliceSeconds = SLICE_SECONDS): Slice[] {
  const size = Math.round(sliceSeconds * rate),
    context = Math.round(CONTEXT_SECONDS * rate);
  const slices: Slice[] = [];
  for (let start = range.start; start < range.end; start += size) {
    const own = { start, end: Math.min(range.end, start + size) };
    slices.push({
      own,
      read: { start: Math.max(range.start, own.start - context), end: Math.min(range.end, own.end + context) },
    });
  }
  return slices;
}

/** Each slice's events (seconds from its read start) -> one list in seconds from the range's start. */
export function joinSlices(
  parts: { slice: Slice; events: readonly SoundEvent[] }[],
  range: SampleRange,
  rate: number,
  bridgeSeconds: number,
): SoundEvent[] {
  const kept: SoundEvent[] = [];
  for (const { slice, events } of parts) {
    const offset = (slice.read.start - range.start) / rate;
    const [ownStart, ownEnd] = [(slice.own.start - range.start) / rate, (slice.own.end - range.start) / rate];
    for (const e of events) {
      const [start, end] = [Math.max(ownStart, e.start + offset), Math.min(ownEnd, e.end + offset)];
      if (end > start) kept.push({ ...e, start, end });
    }
  }
  kept.sort((a, b) => a.start - b.start);
  const joined: SoundEvent[] = [];
  for (const e of kept) {
    const open = joined.findLast((j) => j.label === e.label);
    if (open && e.start - open.end <= bridgeSeconds) {
      open.end = Math.max(open.end, e.end);
      open.confidence = Math.max(open.confidence, e.confidence);
    } else joined.push({ ...e });
  }
  return joined;
}
