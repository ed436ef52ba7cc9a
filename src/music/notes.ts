/** Notes as MIDI counts them, shared by the MIDI file reader and writer, the built-in instruments and note clips. */

export interface MidiNote {
  startSeconds: number;
  endSeconds: number;
  /** MIDI note number, 0-127 (60: middle C). */
  note: number;
  /** 1-127. */
  velocity: number;
}

/** A note's frequency in equal temperament, A4 (69) at 440 Hz. */
export const noteHz = (note: number) => 440 * 2 ** ((note - 69) / 12);

/** General MIDI's percussion channel (the tenth; 9 counted from 0): its notes are drums, not pitches. */
export const DRUM_CHANNEL = 9;
