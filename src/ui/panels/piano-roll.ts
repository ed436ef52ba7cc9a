/** The piano roll's geometry: seconds across, MIDI notes up, a keyboard strip on the left naming the C's. */
import type { MidiNote } from '../../dsp/notes';

export const ROLL = { width: 640, height: 288, keys: 30 } as const;
/** Semitones shown at least, and around the notes. */
const MIN_SPAN = 24;
const MARGIN = 2;
/** A note's right edge this close (px) is grabbed to lengthen it, not to move it. */
export const EDGE_PX = 6;

export interface RollView {
  seconds: number;
  low: number;
  high: number;
}

/** What the roll shows: from 0 s to a second after the last note (at least `minSeconds`), the notes' range and a
 * little more, at least two octaves. */
export function rollView(notes: readonly MidiNote[], minSeconds: number): RollView {
  const seconds = Math.max(minSeconds, ...notes.map((n) => n.endSeconds + 1));
  const pitches = notes.length ? notes.map((n) => n.note) : [60];
  let low = Math.min(...pitches) - MARGIN;
  let high = Math.max(...pitches) + MARGIN;
  const short = MIN_SPAN - (high - low);
  if (short > 0) [low, high] = [low - Math.floor(short / 2), high + Math.ceil(short / 2)];
  const down = Math.max(0, -low);
  const up = Math.max(0, high - 127);
  return { seconds, low: low + down - up, high: high + down - up };
}

export const rowHeight = (view: RollView) => ROLL.height / (view.high - view.low + 1);
export const xOf = (view: RollView, seconds: number) => ROLL.keys + (seconds / view.seconds) * (ROLL.width - ROLL.keys);
export const secondsAt = (view: RollView, x: number) => ((x - ROLL.keys) / (ROLL.width - ROLL.keys)) * view.seconds;
export const yOf = (view: RollView, note: number) => (view.high - note) * rowHeight(view);
/** The note whose row holds `y`, within the view. */
export const noteAt = (view: RollView, y: number) =>
  Math.min(view.high, Math.max(view.low, view.high - Math.floor(y / rowHeight(view))));
