/**
 * The studio's built-in instruments, as a DAW's stock General MIDI synth: they play a part's notes (an imported MIDI
 * file's) into audio at the project's rate. Rendering is deterministic: the same notes on the same instrument give the
 * same samples, so a part played again after undo or on another machine sounds the same.
 */
import { drumHit } from './drum-voices';
import { DRUM_CHANNEL, type MidiNote } from './notes';
import { pluckNote, TONE_VOICES, toneNote } from './tone-voices';

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

/** The General MIDI program each plays as in a MIDI file (drums: the percussion channel's kit, program 0). */
export const INSTRUMENT_PROGRAMS: Record<Instrument, number> = {
  piano: 0,
  'electric-piano': 4,
  organ: 16,
  guitar: 25,
  bass: 33,
  strings: 48,
  lead: 80,
  drums: 0,
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

/** The notes played by the instrument, one channel at `rate` from 0 s, `minLength` samples at least (a part's clip
 * longer than its notes). A note of the same pitch and length (a drum of the same note) sounds the same each time, at
 * its velocity's level, so each is made once and added where it falls. */
export function renderNotes(notes: readonly MidiNote[], instrument: Instrument, rate: number, minLength = 0) {
  const out = new Float32Array(Math.max(minLength, renderLength(notes, rate)));
  const sounds = new Map<string, Float32Array>();
  let kept = 0;
  for (const note of notes) {
    const from = Math.round(note.startSeconds * rate);
    const held = Math.max(1, Math.round((note.endSeconds - note.startSeconds) * rate));
    const key = instrument === 'drums' ? `${note.note}` : `${note.note}:${held}`;
    let sound = sounds.get(key);
    if (!sound) {
      sound = noteSound(instrument, note.note, held, rate);
      // Kept up to 80 MB; past that each is made again (a part of ever-changing lengths).
      if (kept + sound.length <= MAX_KEPT_SAMPLES) sounds.set(key, sound);
      kept += sound.length;
    }
    const level = NOTE_GAIN * (note.velocity / 127) ** 1.6;
    const n = Math.min(sound.length, out.length - from);
    for (let i = 0; i < n; i++) out[from + i] += level * sound[i];
  }
  fadeTail(out, rate);
  return out;
}

const MAX_KEPT_SAMPLES = 20_000_000;

function noteSound(instrument: Instrument, note: number, held: number, rate: number): Float32Array {
  if (instrument === 'drums') return drumHit(note, rate);
  if (instrument === 'guitar') return pluckNote(note, held, rate);
  return toneNote(note, held, TONE_VOICES[instrument], rate);
}

/** The last 50 ms faded out, so a sound cut by the end (a crash's ring) does not click. */
function fadeTail(out: Float32Array, rate: number) {
  const n = Math.min(out.length, Math.round(0.05 * rate));
  for (let i = 0; i < n; i++) out[out.length - 1 - i] *= i / n;
}
