/**
 * Writing automation as it plays, as a DAW's Touch and Latch modes: while a track plays in one of them, moving its
 * fader or pan control writes what it does into the track's lane. A pass is what one touch wrote: the control's
 * values at the timeline samples they were heard at, thinned to the points that draw the same line, the last value
 * held to where writing stopped (the control let go in Touch, playback stopped in Latch), then a short glide back to
 * the lane as it was, as Pro Tools' AutoMatch, so the lane does not jump where the pass ends.
 */
import { envelopeGainAt, type GainPoint } from './envelope';

/** Read plays the lanes; Touch writes while a control is held; Latch from the first touch until playback stops. */
export type AutomationMode = 'read' | 'touch' | 'latch';

export const AUTOMATION_MODES: readonly AutomationMode[] = ['read', 'touch', 'latch'];

/** How long the lane takes to go back to what it was after a pass, in seconds. */
export const GLIDE_S = 0.1;

export interface WritePass {
  /** The control's values as they were heard: timeline samples, in order, in the lane's units. */
  values: GainPoint[];
  /** Where writing stopped (at or after the last value): the last value holds up to here. */
  end: number;
}

/**
 * The lane's points with a pass written over them: the points from the pass's first value to its glide's end are
 * replaced by the pass (thinned to within `tolerance` of its line) and a point back on the lane as it was; the rest
 * stay. `held` is the lane's value where it has no points (unity gain, the track's own pan).
 */
export function writePass(
  lane: readonly GainPoint[],
  pass: WritePass,
  { glide, held, tolerance }: { glide: number; held: number; tolerance: number },
): GainPoint[] {
  if (pass.values.length === 0) return [...lane];
  const was = (at: number) => (lane.length ? envelopeGainAt(lane, at) : held);
  const start = pass.values[0].at;
  const last = pass.values[pass.values.length - 1];
  const end = Math.max(pass.end, last.at);
  const back = end + Math.max(1, glide);
  const written = thinLine(pass.values, tolerance);
  // Where the pass starts off the lane, the lane holds up to the sample before it (a step, not a slope).
  const step = start > 0 && Math.abs(was(start) - written[0].gain) > tolerance;
  return [
    ...lane.filter((p) => p.at < (step ? start - 1 : start)),
    ...(step ? [{ at: start - 1, gain: was(start - 1) }] : []),
    ...written,
    ...(end > last.at ? [{ at: end, gain: last.gain }] : []),
    { at: back, gain: was(back) },
    ...lane.filter((p) => p.at > back),
  ];
}

/** The fewest of `points` (the first and last always) whose straight lines stay within `tolerance` of them all
 * (Ramer-Douglas-Peucker, in the lane's units). */
export function thinLine(points: readonly GainPoint[], tolerance: number): GainPoint[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const spans: [number, number][] = [[0, points.length - 1]];
  while (spans.length > 0) {
    const [a, b] = spans.pop()!;
    let worst = -1;
    let farthest = tolerance;
    for (let i = a + 1; i < b; i++) {
      const off = Math.abs(points[i].gain - lineBetween(points[a], points[b], points[i].at));
      if (off > farthest) [worst, farthest] = [i, off];
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    spans.push([a, worst], [worst, b]);
  }
  return points.filter((_, i) => keep[i] === 1);
}

const lineBetween = (a: GainPoint, b: GainPoint, at: number) =>
  b.at === a.at ? b.gain : a.gain + ((b.gain - a.gain) * (at - a.at)) / (b.at - a.at);
