/**
 * A harmony line, as a vocal harmonizer makes one: each note of a line moved by an interval in its key (a diatonic
 * third is two steps of the scale: a major or a minor third as the key has it there), or, with no key, by the same
 * interval every time (a major third, a fifth); the harmony sounds only where the line's notes do, faded in and out
 * over 10 ms, so breaths and consonants are not doubled.
 */
import type { SungNote } from './pitch-notes';
import { type Key, SCALES } from './pitch-correct';

/** The harmonies offered: scale steps from the sung note (a third is two). */
export const HARMONIES = {
  'a third above': 2,
  'a third below': -2,
  'a fifth above': 4,
  'an octave below': -7,
} as const;
export type Harmony = keyof typeof HARMONIES;

/** Without a key: the same interval for every note (semitones for the scale steps asked). */
const PARALLEL: Record<number, number> = { 2: 4, [-2]: -4, 4: 7, [-7]: -12 };

const FADE_SECONDS = 0.01;

/** Semitones from the note nearest `midi` to the note `steps` degrees of the key's scale above it (below where
 * negative); a note out of the scale moves as the scale note under it does. */
export function harmonySemitones(midi: number, key: Key | null, steps: number): number {
  if (key === null) return PARALLEL[steps] ?? 0;
  const scale = SCALES[key.mode];
  const degreeNote = (degree: number) => {
    const octave = Math.floor(degree / scale.length);
    return key.tonic + scale[degree - octave * scale.length] + 12 * octave;
  };
  const note = Math.round(midi);
  let degree = scale.length * Math.floor((note - key.tonic) / 12);
  while (degreeNote(degree + 1) <= note) degree++;
  return degreeNote(degree + steps) - degreeNote(degree);
}

/** `channels` (a line starting at sample 0) kept only where `notes` sound, faded in and out at their edges. */
export function keepNotes(channels: Float32Array[], notes: readonly SungNote[], rate: number): Float32Array[] {
  const fade = Math.max(1, Math.round(FADE_SECONDS * rate));
  return channels.map((ch) => {
    const out = new Float32Array(ch.length);
    for (const n of notes)
      for (let i = Math.max(0, n.start); i < Math.min(ch.length, n.end); i++) {
        const edge = Math.min(1, (i - n.start + 1) / fade, (n.end - i) / fade);
        out[i] = ch[i] * edge;
      }
    return out;
  });
}
