/** The Pitch editor's geometry: the span of notes it shows, where a note and the pitch line are drawn, and where a
 * note lands when it is moved (on a semitone, or by cents). */
import type { EditedLine } from '../../app/pitch-editor';
import { midiOf } from '../../dsp/notes';
import { PITCH_SEMITONES } from '../../project/effects';
import { type BeatGrid, beatLength } from '../../project/tempo';

export interface PitchView {
  width: number;
  height: number;
  /** The lowest and highest MIDI note shown. */
  low: number;
  high: number;
}

const MARGIN_SEMITONES = 2;
const LEAST_SEMITONES = 12;

/** A view of `line` with its notes where `shifts` put them, at least an octave tall. */
export function pitchView(line: EditedLine, shifts: readonly number[], width: number, height: number): PitchView {
  // The pitch line's 5th to 95th percentiles: a tracker's octave slip in a breath does not shrink every note.
  const heard = [...line.track.hz]
    .filter((hz) => hz > 0)
    .map(midiOf)
    .sort((a, b) => a - b);
  const usual = heard.length
    ? [heard[Math.floor(0.05 * (heard.length - 1))], heard[Math.ceil(0.95 * (heard.length - 1))]]
    : [];
  const placed = line.notes.map((n, i) => n.midi + (shifts[i] ?? 0) / 100);
  const all = [...usual, ...placed];
  if (!all.length) return { width, height, low: 60 - LEAST_SEMITONES / 2, high: 60 + LEAST_SEMITONES / 2 };
  let [low, high] = [Math.floor(Math.min(...all)) - MARGIN_SEMITONES, Math.ceil(Math.max(...all)) + MARGIN_SEMITONES];
  const short = LEAST_SEMITONES - (high - low);
  if (short > 0) [low, high] = [low - Math.floor(short / 2), high + Math.ceil(short / 2)];
  return { width, height, low, high };
}

export const yOf = (view: PitchView, midi: number) => (view.height * (view.high - midi)) / (view.high - view.low);
export const semitoneHeight = (view: PitchView) => view.height / (view.high - view.low);
export const xOf = (view: PitchView, line: EditedLine, sample: number) =>
  (view.width * (sample - line.range.start)) / (line.range.end - line.range.start);

/** The least room kept between notes moved in time, s: a note never runs into its neighbour. */
const GAP_SECONDS = 0.01;

/** Each note in `notes` moved `by` samples later (earlier where negative) from where `later` has it, each as far as
 * its neighbours (where they are by then) and the line's range allow. */
export function movedLater(
  line: EditedLine,
  later: readonly number[],
  notes: ReadonlySet<number>,
  by: number,
  rate: number,
): number[] {
  const out = [...later];
  const gap = Math.round(GAP_SECONDS * rate);
  // The note nearest the way they go moves first, so the others have room behind it.
  const order = [...notes].sort((a, b) => (by > 0 ? b - a : a - b));
  for (const k of order) {
    const note = line.notes[k];
    const before = k > 0 ? line.notes[k - 1].end + out[k - 1] + gap : line.range.start;
    const after = k + 1 < line.notes.length ? line.notes[k + 1].start + out[k + 1] - gap : line.range.end;
    const wanted = out[k] + by;
    out[k] = Math.round(Math.max(before - note.start, Math.min(after - note.end, wanted)));
  }
  return out;
}

/** Each note's start moved onto the nearest `1 / division` of a beat of `grid` (as Melodyne's Quantize Time), each
 * as far as its neighbours allow, earlier notes first. */
export function quantizedLater(
  line: EditedLine,
  later: readonly number[],
  grid: BeatGrid,
  division: number,
  rate: number,
): number[] {
  const step = beatLength(grid, rate) / division;
  let out = [...later];
  line.notes.forEach((note, k) => {
    const at = note.start + out[k];
    const target = grid.downbeat + Math.round((at - grid.downbeat) / step) * step;
    out = movedLater(line, out, new Set([k]), Math.round(target - at), rate);
  });
  return out;
}

/** The timeline sample at `x` across the plot. */
export const sampleAt = (view: PitchView, line: EditedLine, x: number) =>
  Math.round(line.range.start + (x / view.width) * (line.range.end - line.range.start));

/** Frames further apart than this are not joined: the voice does not leap so far in 5 ms. */
const LEAP_SEMITONES = 2;

/** The pitch line as an SVG path: one stroke per voiced stretch, broken where it leaps. */
export function pitchPath(view: PitchView, line: EditedLine): string {
  const { track, range } = line;
  let path = '';
  let last: number | null = null;
  track.hz.forEach((hz, f) => {
    const midi = hz > 0 ? midiOf(hz) : null;
    if (midi !== null) {
      const x = xOf(view, line, range.start + track.offset + f * track.hop).toFixed(1);
      const joined = last !== null && Math.abs(midi - last) <= LEAP_SEMITONES;
      path += `${joined ? 'L' : 'M'}${x},${yOf(view, midi).toFixed(1)}`;
    }
    last = midi;
  });
  return path;
}

/** A note's shift (cents) after moving it by `semitones` from where it was at `shift`: its centre onto the nearest
 * semitone, or by the cents themselves where `free`; within the bounds of Change pitch. */
export function movedShift(midi: number, shift: number, semitones: number, free: boolean): number {
  const target = midi + shift / 100 + semitones;
  const cents = free ? Math.round((target - midi) * 100) : Math.round((Math.round(target) - midi) * 100);
  const most = 100 * PITCH_SEMITONES.max;
  return Math.max(-most, Math.min(most, cents));
}
