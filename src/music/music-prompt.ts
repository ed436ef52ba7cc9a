/**
 * Music from text with explicit controls: the panel's tempo, key, mode and meter fill the prompt the way the pack's
 * music captions were written in training ("slow piano melody in A minor, 70 bpm"; a 3/4 piece is a "waltz"), so
 * the model reads them as it learnt to. The twin of training/omni_data/sources/music.py's SongPlan.caption.
 */
import { PITCH_CLASSES } from '../dsp/key';
import type { ProjectTempo, Track } from '../project/types';

/** The key names of the training captions (and of the key estimator), C first. */
export const KEY_NAMES = PITCH_CLASSES;
export type KeyName = (typeof KEY_NAMES)[number];
export type Mode = 'major' | 'minor';
export type Meter = '4/4' | '3/4';

export interface MusicFields {
  /** Beats per minute; null leaves the tempo to the prompt. */
  bpm: number | null;
  /** The tonic; null leaves the key to the prompt. */
  key: KeyName | null;
  mode: Mode;
  meter: Meter;
}

export const NO_MUSIC_FIELDS: MusicFields = { bpm: null, key: null, mode: 'major', meter: '4/4' };
export const BPM_RANGE = { min: 40, max: 220 } as const;

/** The training captions' word for a tempo. */
export function tempoWord(bpm: number): 'slow' | 'moderate' | 'upbeat' {
  return bpm < 85 ? 'slow' : bpm > 120 ? 'upbeat' : 'moderate';
}

const TEMPO_WORDS = /\b(slow|moderate|upbeat|fast)\b\s*/gi;
const BPM_WORDS = /,?\s*\b\d{2,3}\s*bpm\b/gi;
const KEY_WORDS = /\s*\bin\s+[A-G](#|b)?\s+(major|minor)\b/gi;
const WALTZ = /\bwaltz\b\s*/gi;

/** The prompt with the fields written into it; what the prompt said about the same things gives way to the fields. */
export function musicPrompt(prompt: string, fields: MusicFields): string {
  let text = prompt.trim();
  if (fields.bpm !== null) text = text.replace(BPM_WORDS, '').replace(TEMPO_WORDS, '');
  if (fields.key !== null) text = text.replace(KEY_WORDS, '');
  if (fields.meter === '3/4') text = text.replace(WALTZ, '');
  text = text
    .replace(/\s{2,}/g, ' ')
    .replace(/[\s,]+$/, '')
    .trim();
  if (fields.meter === '3/4') text = withWaltz(text);
  if (fields.bpm !== null) text = `${tempoWord(fields.bpm)} ${text}`.trim();
  if (fields.key !== null) text = `${text} in ${fields.key} ${fields.mode}`.trim();
  if (fields.bpm !== null) text = `${text}, ${Math.round(fields.bpm)} bpm`;
  return text.replace(/^,\s*/, '');
}

/** "piano melody" -> "piano waltz melody", as the captions place it before the style's last word. */
function withWaltz(text: string): string {
  const words = text.split(' ').filter(Boolean);
  if (words.length === 0) return 'waltz';
  words.splice(Math.max(0, words.length - 1), 0, 'waltz');
  return words.join(' ');
}

/** "A minor", "F# major" (what Analyze stores on a track) -> the key and mode; null for anything else. */
export function parseKey(text: string | undefined): { key: KeyName; mode: Mode } | null {
  const match = /^([A-G])(#|b)?\s+(major|minor)$/i.exec(text?.trim() ?? '');
  if (!match) return null;
  const name = `${match[1].toUpperCase()}${match[2] ?? ''}`;
  const enharmonic: Record<string, KeyName> = { Db: 'C#', 'D#': 'Eb', Gb: 'F#', 'G#': 'Ab', 'A#': 'Bb' };
  const key = (KEY_NAMES as readonly string[]).includes(name) ? (name as KeyName) : enharmonic[name];
  return key ? { key, mode: match[3].toLowerCase() as Mode } : null;
}

/** "Match the project": the project's tempo (set on it, with its meter where the model knows it; else the first
 * track Analyze heard a tempo on) and the key Analyze heard first; null when there is neither, so the user can be
 * told how to give the project one. */
export function projectMusic(
  tracks: readonly Track[],
  tempo?: ProjectTempo,
): (Pick<MusicFields, 'bpm' | 'key' | 'mode'> & { meter?: Meter }) | null {
  const bpm = tempo?.bpm ?? tracks.find((t) => t.tempoBpm !== undefined)?.tempoBpm;
  const key = tracks.map((t) => parseKey(t.musicKey)).find((k) => k !== null) ?? null;
  if (bpm === undefined && key === null) return null;
  const meter = tempo && `${tempo.beatsPerBar}/${tempo.beatUnit}`;
  return {
    bpm: bpm === undefined ? null : Math.round(bpm),
    key: key?.key ?? null,
    mode: key?.mode ?? 'major',
    ...(meter === '4/4' || meter === '3/4' ? { meter } : {}),
  };
}
