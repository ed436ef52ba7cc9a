/**
 * Standard MIDI Files (480 ticks a quarter note) of notes, as a DAW's "export MIDI" and Melodyne's "save as MIDI":
 * a sung line's notes (format 0, one track) or a project's instrument tracks (format 1: a tempo track, then a track
 * for each part on its own channel and program), to carry into a sequencer or a notation program. Times are seconds
 * from the project's start, written at its tempo (120 BPM without one) so the notes land on its bars there.
 */
import type { MidiNote } from '../dsp/notes';

export type { MidiNote };

const TICKS_PER_QUARTER = 480;
/** General MIDI program 53, Voice Oohs (0-based 52): a sung line sounds sung when the file is played. */
export const VOICE_PROGRAM = 52;

/** One track of a format 1 file: its name, its channel (0-15; 9 is General MIDI's drums) and program. */
export interface MidiPartOut {
  name: string;
  channel: number;
  program: number;
  notes: readonly MidiNote[];
}

/** A line's notes as a format 0 file, one track on the first channel. */
export function midiFile(notes: readonly MidiNote[], bpm = 120, program = VOICE_PROGRAM): Uint8Array<ArrayBuffer> {
  const track = [...tempoEvents(bpm), ...partEvents({ name: '', channel: 0, program, notes }, bpm)];
  return file(0, [track]);
}

/** Parts as a format 1 file: a tempo track (the tempo in quarter notes a minute, the time signature), then each. */
export function midiSong(parts: readonly MidiPartOut[], bpm: number, signature: readonly [number, number] = [4, 4]) {
  const [beats, unit] = signature;
  const conductor = [...tempoEvents(bpm), 0, 0xff, 0x58, 4, beats, Math.round(Math.log2(unit)), 24, 8];
  return file(1, [conductor, ...parts.map((p) => [...nameEvent(p.name), ...partEvents(p, bpm)])]);
}

function tempoEvents(bpm: number): number[] {
  const micros = Math.round(60_000_000 / bpm);
  return [0, 0xff, 0x51, 0x03, (micros >> 16) & 0xff, (micros >> 8) & 0xff, micros & 0xff];
}

function nameEvent(name: string): number[] {
  const bytes = [...name].map((c) => c.charCodeAt(0)).filter((c) => c < 256);
  return bytes.length ? [0, 0xff, 0x03, ...variableLength(bytes.length), ...bytes] : [];
}

/** A part's program change and notes, on its channel, as delta-timed events. */
function partEvents(part: MidiPartOut, bpm: number): number[] {
  const ticksPerSecond = (TICKS_PER_QUARTER * bpm) / 60;
  const tick = (seconds: number) => Math.max(0, Math.round(seconds * ticksPerSecond));
  const channel = clamp(part.channel, 0, 15);
  // Note-offs before note-ons at the same tick, so a note repeated at once is heard twice.
  const events = part.notes
    .flatMap((n) => {
      const note = clamp(Math.round(n.note), 0, 127);
      const velocity = clamp(Math.round(n.velocity), 1, 127);
      const [on, off] = [tick(n.startSeconds), Math.max(tick(n.startSeconds) + 1, tick(n.endSeconds))];
      return [
        { at: on, order: 1, bytes: [0x90 | channel, note, velocity] },
        { at: off, order: 0, bytes: [0x80 | channel, note, 0] },
      ];
    })
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const out = [0, 0xc0 | channel, clamp(part.program, 0, 127)];
  let last = 0;
  for (const e of events) {
    out.push(...variableLength(e.at - last), ...e.bytes);
    last = e.at;
  }
  return out;
}

function file(format: 0 | 1, tracks: number[][]): Uint8Array<ArrayBuffer> {
  const header = [0, format, 0, tracks.length, TICKS_PER_QUARTER >> 8, TICKS_PER_QUARTER & 0xff];
  const chunks = tracks
    .map((t) => [...t, 0, 0xff, 0x2f, 0x00])
    .flatMap((t) => [...ascii('MTrk'), ...uint32(t.length), ...t]);
  return Uint8Array.from([...ascii('MThd'), ...uint32(6), ...header, ...chunks]);
}

/** A MIDI variable-length quantity: seven bits a byte, the high bit set on all but the last. */
export function variableLength(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let v = value >> 7; v > 0; v >>= 7) bytes.unshift((v & 0x7f) | 0x80);
  return bytes;
}

const clamp = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const uint32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
