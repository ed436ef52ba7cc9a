/** Notes by name: a pitch as a MIDI note number, a note number as its name and octave, a pitch as its nearest note and
 * the cents off it. One spelling of the twelve throughout the studio (the keys', with flats for Eb, Ab and Bb). */
import { PITCH_CLASSES } from './key';

const A4_HZ = 440;

/** A pitch in Hz as a MIDI note number (69: A4), fractional. */
export const midiOf = (hz: number) => 69 + 12 * Math.log2(hz / A4_HZ);

/** A MIDI note number's pitch in Hz (fractional numbers too). */
export const hzOf = (midi: number) => A4_HZ * 2 ** ((midi - 69) / 12);

/** A MIDI note number's name with its octave, as scientific pitch notation writes it (69: "A4", 60: "C4"). */
export const noteName = (midi: number) => `${PITCH_CLASSES[((midi % 12) + 12) % 12]}${Math.floor(midi / 12) - 1}`;

/** A pitch (a fractional MIDI note number) as its nearest note and the cents off it. */
export function nearestNoteOf(midi: number): { note: number; cents: number } {
  const note = Math.round(midi);
  return { note, cents: Math.round(100 * (midi - note)) };
}

/** A pitch as its nearest note and the cents off it, as a tuner shows it ("E4 +30¢", "A4"). */
export function pitchText(midi: number): string {
  const { note, cents } = nearestNoteOf(midi);
  return cents === 0 ? noteName(note) : `${noteName(note)} ${cents > 0 ? '+' : '−'}${Math.abs(cents)}¢`;
}

/** A note as MIDI keeps it: read from and written to MIDI files, played by the built-in instruments. */
export interface MidiNote {
  startSeconds: number;
  endSeconds: number;
  /** MIDI note number, 0-127 (60: middle C). */
  note: number;
  /** 1-127. */
  velocity: number;
}

/** General MIDI's percussion channel (the tenth; 9 counted from 0): its notes are drums, not pitches. */
export const DRUM_CHANNEL = 9;
