/**
 * The studio's built-in instruments, as a DAW's stock General MIDI synth: they play a part's notes (an imported MIDI
 * file's) into audio at the project's rate. Rendering is deterministic: the same notes on the same instrument give the
 * same samples, so a part played again after undo or on another machine sounds the same.
 */
import { addDrum } from './drum-voices';
import { DRUM_CHANNEL, type MidiNote } from './notes';
import { addPluck, addTone, TONE_VOICES } from './tone-voices';

export const INSTRUMENTS = ['piano', 'electric-piano', 'organ', 'guitar', 'bass', 'strings', 'lead', 'drums'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export const INSTRUMENT_NAMES: Record<Instrument, string> = {
  piano: 'Piano',
  'electric-piano': 'Electric piano',
  organ: 'Organ',
  guitar: 'Guitar',
  bass: 'Bass',
  strings: 'Strings',
  lead: 'Synth lead',
  drums: 'Drums',
};

/** The instrument nearest a General MIDI program (0-127) on a channel (the percussion channel: drums). */
export function instrumentOf(program: number, channel: number): Instrument {
  if (channel === DRUM_CHANNEL) return 'drums';
  const family = Math.floor(program / 8); // General MIDI's sixteen families of eight
  if (program === 4 || program === 5) return 'electric-piano';
  const byFamily: Instrument[] = [
    ...['piano', 'electric-piano', 'organ', 'guitar', 'bass', 'strings', 'strings', 'lead'],
    ...['lead', 'lead', 'lead', 'strings', 'electric-piano', 'guitar', 'electric-piano', 'lead'],
  ] as Instrument[];
  return byFamily[family] ?? 'piano';
}

/** Silence after a part's last note, s: every instrument's release and every drum's ring fit in it (a crash cut). */
export const TAIL_SECONDS = 2.5;

/** Peak of one note at full velocity: a few notes at once stay under full scale. */
const NOTE_GAIN = 0.25;

/** Samples a part's render holds: the same for every instrument, so a clip on it keeps its place when it changes. */
export const renderLength = (notes: readonly MidiNote[], rate: number) =>
  Math.ceil((Math.max(0, ...notes.map((n) => n.endSeconds)) + TAIL_SECONDS) * rate);

/** The notes played by the instrument, one channel at `rate` from 0 s. */
export function renderNotes(notes: readonly MidiNote[], instrument: Instrument, rate: number): Float32Array {
  const out = new Float32Array(renderLength(notes, rate));
  for (const note of notes) {
    // Each note's own seed: its noise the same whatever else the part holds before it.
    const seed = Math.round(note.startSeconds * 1000) * 131 + note.note;
    if (instrument === 'drums') addDrum(out, note, rate, NOTE_GAIN, seed);
    else if (instrument === 'guitar') addPluck(out, note, rate, NOTE_GAIN, seed);
    else addTone(out, note, TONE_VOICES[instrument], rate, NOTE_GAIN);
  }
  fadeTail(out, rate);
  return out;
}

/** The last 50 ms faded out, so a sound cut by the end (a crash's ring) does not click. */
function fadeTail(out: Float32Array, rate: number) {
  const n = Math.min(out.length, Math.round(0.05 * rate));
  for (let i = 0; i < n; i++) out[out.length - 1 - i] *= i / n;
}
