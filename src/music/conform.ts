/**
 * Conform a generated music take to the tempo and key the user asked for, as a DAW warps a loop to the project: the
 * take's own tempo and key are estimated (src/dsp/tempo.ts, key.ts), then it is stretched (tempo, pitch kept) and
 * shifted (pitch, tempo kept) to the asked ones. Only the model's new audio is conformed, never a user's recording;
 * what was heard and done is said in words. A take whose tempo or key cannot be heard is left as the model made it.
 */
import { estimateKey, PITCH_CLASSES } from '../dsp/key';
import { estimateTempo } from '../dsp/tempo';
import { stretchAndShift } from '../dsp/time-stretch';
import { KEY_NAMES, type KeyName, type Mode, type MusicFields, NO_MUSIC_FIELDS } from './music-prompt';

/** The most a take is stretched (beyond it, stretching is audible; the take is then left as it is and said so), and
 * so how much longer a take is generated when its tempo may be conformed: a faster tempo still fills the length. */
export const MAX_STRETCH = 1.35;

export interface Conformed {
  audio: Float32Array;
  /** What was heard and done, for the user ("heard 94 BPM, stretched to 111; heard G major, moved up 4 semitones"). */
  notes: string[];
  /** The asked key ("A minor") where the take was heard in it or moved into it (or into its relative). */
  key?: string;
}

/** What conforming `audio` to the fields' tempo and key takes: a stretch (1: none), a shift in semitones (0: none), and
 * what was heard and done in words. */
export interface ConformPlan {
  factor: number;
  semitones: number;
  notes: string[];
  /** The asked key ("A minor") where the audio was heard in it or is moved into it (or into its relative). */
  key?: string;
}

/** `audio` conformed to the fields' tempo and key, cut to `length` samples. Both are heard on the take as the model
 * made it and changed in one pass (one stretch, one resampling), so the beat is smeared once, not twice. */
export function conformMusic(audio: Float32Array, rate: number, fields: MusicFields, length: number): Conformed {
  const { factor, semitones, notes, key } = conformPlan(audio, rate, fields);
  const out = semitones === 0 && factor === 1 ? audio : stretchAndShift(audio, factor, semitones, rate);
  const cut = new Float32Array(length);
  cut.set(out.subarray(0, Math.min(length, out.length)));
  return { audio: cut, notes, key };
}

/** The tempo and key heard in `audio` and how far each must move to the fields' (a field left null is left alone;
 * what cannot be heard, or is too far to stretch, is left as it is and said so). */
export function conformPlan(audio: Float32Array, rate: number, fields: MusicFields): ConformPlan {
  const notes: string[] = [];
  let semitones = 0;
  let key: string | undefined;
  if (fields.key !== null) {
    const heard = estimateKey(audio, rate);
    const shift = heard ? keyShift(heard.tonic, heard.mode, fields.key, fields.mode) : null;
    if (shift !== null) key = `${fields.key} ${fields.mode}`;
    if (heard === null || shift === null) notes.push('no key heard, left in its own');
    else if (shift === 0) notes.push(`heard ${heard.tonic} ${heard.mode}, already in key`);
    else {
      semitones = shift;
      const steps = `${Math.abs(shift)} semitone${Math.abs(shift) === 1 ? '' : 's'}`;
      notes.push(`heard ${heard.tonic} ${heard.mode}, moved ${shift > 0 ? 'up' : 'down'} ${steps}`);
    }
  }
  let factor = 1;
  if (fields.bpm !== null) {
    const heard = estimateTempo(audio, rate)?.bpm;
    const found = heard === undefined ? null : stretchFactor(heard, fields.bpm);
    if (heard === undefined) notes.push('no beat heard, tempo left as it is');
    else if (found === null) notes.push(`heard ${heard.toFixed(0)} BPM, too far from ${fields.bpm} to stretch`);
    else {
      factor = found;
      notes.push(`heard ${heard.toFixed(0)} BPM, stretched to ${fields.bpm}`);
    }
  }
  return { factor, semitones, notes, key };
}

/** How much longer the take must last for its beat to fall at `asked` BPM, taking the asked tempo's half or double
 * where that is nearer (a 60 BPM ask heard as 120 is already right); null when even that is beyond MAX_STRETCH. */
export function stretchFactor(heard: number, asked: number): number | null {
  const factor = [asked / 2, asked, asked * 2]
    .map((target) => heard / target)
    .reduce((best, f) => (Math.abs(Math.log(f)) < Math.abs(Math.log(best)) ? f : best));
  return Math.abs(Math.log(factor)) <= Math.log(MAX_STRETCH) ? factor : null;
}

/** The smallest shift (-6..+6 semitones) that takes the heard key to the asked one, or to its relative where the
 * modes differ (C major heard for A minor asked: the same notes, no shift); null for a name that is not a key. */
export function keyShift(tonic: string, mode: string, askedKey: string, askedMode: string): number | null {
  const heard = PITCH_CLASSES.indexOf(tonic as (typeof PITCH_CLASSES)[number]);
  let target = KEY_NAMES.indexOf(askedKey as (typeof KEY_NAMES)[number]);
  if (heard < 0 || target < 0) return null;
  // Where the modes differ, aim for the asked key's relative in the heard mode.
  if (mode !== askedMode) target = askedMode === 'minor' ? (target + 3) % 12 : (target + 9) % 12;
  const up = (target - heard + 12) % 12;
  return up > 6 ? up - 12 : up;
}

/** Where a new part of music takes its key from: the key Analyze heard on the track, else the music around the part. */
export type KeySource = { key: KeyName; mode: Mode } | { heardIn: Float32Array };

/** A new part of music that continues or fills known music (Extend, Regenerate a region) moved into that music's key,
 * its tempo left alone: the model keeps the beat it hears but not the key (bench/continue-bench.ts). */
export function matchKey(part: Float32Array, rate: number, source: KeySource): Conformed {
  let target: { key: KeyName; mode: Mode };
  let heardWhere: string;
  if ('heardIn' in source) {
    const heard = estimateKey(source.heardIn, rate);
    if (!heard) return { audio: part, notes: ['no key heard in the music around it; the new part is left in its own'] };
    target = { key: heard.tonic as KeyName, mode: heard.mode };
    heardWhere = 'the music around it is';
  } else {
    target = source;
    heardWhere = 'the track is';
  }
  const conformed = conformMusic(part, rate, { ...NO_MUSIC_FIELDS, ...target }, part.length);
  return {
    audio: conformed.audio,
    notes: [`${heardWhere} in ${target.key} ${target.mode}`, ...conformed.notes.map((n) => `the new part: ${n}`)],
  };
}
