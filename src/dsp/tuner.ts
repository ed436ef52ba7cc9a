/**
 * A chromatic tuner, as a DAW's tuner plug-in and a clip-on tuner: the note nearest the pitch of the last moment of
 * sound and how many cents it is off (the pitch tracker of src/dsp/pitch-track.ts, its voiced frames' median).
 */
import { midiOf, nearestNoteOf, noteName } from './notes';
import { trackPitch } from './pitch-track';

export interface TunerReading {
  /** The note nearest the pitch, with its octave ("A4", "C#3"). */
  note: string;
  /** How far off that note, -50 to +50. */
  cents: number;
  hz: number;
}

/** Cents either side of a note that count as in tune (a tuner's green light). */
export const IN_TUNE_CENTS = 5;

/** The note of `x`'s pitch, or null where it has none (silence, noise, a chord) or is too short to hear one. */
export function tunerReading(x: Float32Array, rate: number): TunerReading | null {
  const frames = trackPitch(x, rate).hz;
  const voiced = [...frames].filter((hz) => hz > 0).sort((a, b) => a - b);
  // Most of the moment must have one pitch: a note starting or stopping is not read.
  if (voiced.length === 0 || voiced.length < frames.length / 2) return null;
  const hz = voiced[Math.floor(voiced.length / 2)];
  const { note, cents } = nearestNoteOf(midiOf(hz));
  return { note: noteName(note), cents, hz };
}
