/** The Pitch editor's geometry: the span of notes it shows, where a note and the pitch line are drawn, and where a
 * note lands when it is moved (on a semitone, or by cents). */
import type { EditedLine } from '../../app/pitch-editor';
import { midiOf } from '../../dsp/pitch-correct';
import { PITCH_SEMITONES } from '../../project/effects';

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
  const heard = [...line.track.hz].filter((hz) => hz > 0).map(midiOf);
  const placed = line.notes.map((n, i) => n.midi + (shifts[i] ?? 0) / 100);
  const all = [...heard, ...placed];
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

/** The pitch line as an SVG path: one stroke per voiced stretch. */
export function pitchPath(view: PitchView, line: EditedLine): string {
  const { track, range } = line;
  let path = '';
  let drawing = false;
  track.hz.forEach((hz, f) => {
    if (hz <= 0) {
      drawing = false;
      return;
    }
    const x = xOf(view, line, range.start + track.offset + f * track.hop).toFixed(1);
    path += `${drawing ? 'L' : 'M'}${x},${yOf(view, midiOf(hz)).toFixed(1)}`;
    drawing = true;
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
