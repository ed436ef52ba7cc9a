/** The piano roll's geometry: seconds across (scrolled, zoomed), MIDI notes up; a keyboard strip beside it names the
 * C's. */
import type { MidiNote } from '../../dsp/notes';

export const ROLL = { width: 640, height: 288, keys: 30 } as const;
/** Zoom, pixels a second: the most, the least, and where a part too long to fit starts. */
export const ZOOM = { min: 10, max: 800, long: 80 } as const;
/** Semitones shown at least, and around the notes. */
const MIN_SPAN = 24;
const MARGIN = 2;
/** A note's right edge this close (px) is grabbed to lengthen it, not to move it. */
export const EDGE_PX = 6;

export interface RollView {
  seconds: number;
  low: number;
  high: number;
  pxPerSecond: number;
}

/** What the roll shows: from 0 s to a second after the last note (at least `minSeconds`), the notes' range and a
 * little more, at least two octaves; `pxPerSecond` where given, else the whole part in the roll's width where it fits
 * at a readable zoom. */
export function rollView(notes: readonly MidiNote[], minSeconds: number, pxPerSecond?: number): RollView {
  const seconds = Math.max(minSeconds, ...notes.map((n) => n.endSeconds + 1));
  const pitches = notes.length ? notes.map((n) => n.note) : [60];
  let low = Math.min(...pitches) - MARGIN;
  let high = Math.max(...pitches) + MARGIN;
  const short = MIN_SPAN - (high - low);
  if (short > 0) [low, high] = [low - Math.floor(short / 2), high + Math.ceil(short / 2)];
  const down = Math.max(0, -low);
  const up = Math.max(0, high - 127);
  const fit = ROLL.width / seconds;
  const zoom = pxPerSecond ?? (fit >= ZOOM.long ? fit : ZOOM.long);
  return { seconds, low: low + down - up, high: high + down - up, pxPerSecond: zoom };
}

/** The zoom `factor` times `view`'s, within ZOOM's range. */
export const zoomed = (view: RollView, factor: number) =>
  Math.min(ZOOM.max, Math.max(ZOOM.min, view.pxPerSecond * factor));

export const rollWidth = (view: RollView) => Math.ceil(view.seconds * view.pxPerSecond);

export const rowHeight = (view: RollView) => ROLL.height / (view.high - view.low + 1);
export const xOf = (view: RollView, seconds: number) => seconds * view.pxPerSecond;
export const secondsAt = (view: RollView, x: number) => x / view.pxPerSecond;
export const yOf = (view: RollView, note: number) => (view.high - note) * rowHeight(view);
/** The note whose row holds `y`, within the view. */
export const noteAt = (view: RollView, y: number) =>
  Math.min(view.high, Math.max(view.low, view.high - Math.floor(y / rowHeight(view))));
