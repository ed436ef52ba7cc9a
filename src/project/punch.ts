/** Punch in: the part of a take recorded along with the project that falls inside the punched range, ready to
 * replace the track's audio there. */
import { blendEdges } from './generated-ops';
import type { SampleRange } from './types';

export interface Punch {
  /** Where the take replaces the track: the punched range, cut short where the recording stopped early. */
  range: SampleRange;
  /** The take over that range, crossfaded from the track's own audio at both edges. */
  channels: Float32Array[];
}

/**
 * `take` begins at timeline sample `takeStart` (the pre-roll included); `range` is where to punch in and out (an end of
 * Infinity: until the recording stops, as Audacity's Punch and Roll); `original(range)` is the track's own audio there.
 * Null where the recording stopped before the punch-in point.
 */
export function punchedAudio(
  take: Float32Array[],
  takeStart: number,
  range: SampleRange,
  original: (range: SampleRange) => Float32Array[],
  fade: number,
): Punch | null {
  const end = Math.min(range.end, takeStart + take[0].length);
  const start = Math.max(range.start, takeStart);
  if (end <= start) return null;
  const channels = take.map((ch) => ch.subarray(start - takeStart, end - takeStart));
  const punched = { start, end };
  return { range: punched, channels: blendEdges(original(punched), channels, fade) };
}
