/**
 * A Standard MIDI File (format 0: one track, 480 ticks a quarter note) of notes, as a DAW's "export MIDI" and
 * Melodyne's "save as MIDI": the notes a line was heard to sing, to carry into a sequencer or a notation program. The
 * tempo is the project's (120 BPM without one), so the notes land on its bars there; times are seconds from the
 * project's start.
 */

import type { MidiNote } from '../dsp/notes';

export type { MidiNote };

const TICKS_PER_QUARTER = 480;
/** General MIDI program 53, Voice Oohs (0-based 52): a sung line sounds sung when the file is played. */
export const VOICE_PROGRAM = 52;

/** The file's bytes. */
export function midiFile(notes: readonly MidiNote[], bpm = 120, program = VOICE_PROGRAM): Uint8Array<ArrayBuffer> {
  const ticksPerSecond = (TICKS_PER_QUARTER * bpm) / 60;
  const tick = (seconds: number) => Math.max(0, Math.round(seconds * ticksPerSecond));
  // Note-offs before note-ons at the same tick, so a note repeated at once is heard twice.
  const events = notes
    .flatMap((n) => {
      const note = clamp(Math.round(n.note), 0, 127);
      const velocity = clamp(Math.round(n.velocity), 1, 127);
      const [on, off] = [tick(n.startSeconds), Math.max(tick(n.startSeconds) + 1, tick(n.endSeconds))];
      return [
        { at: on, order: 1, bytes: [0x90, note, velocity] },
        { at: off, order: 0, bytes: [0x80, note, 0] },
      ];
    })
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const microsPerQuarter = Math.round(60_000_000 / bpm);
  const track: number[] = [
    ...[0, 0xff, 0x51, 0x03, (microsPerQuarter >> 16) & 0xff, (microsPerQuarter >> 8) & 0xff, microsPerQuarter & 0xff],
    ...[0, 0xc0, clamp(program, 0, 127)],
  ];
  let last = 0;
  for (const e of events) {
    track.push(...variableLength(e.at - last), ...e.bytes);
    last = e.at;
  }
  track.push(0, 0xff, 0x2f, 0x00);
  return Uint8Array.from([
    ...ascii('MThd'),
    ...uint32(6),
    ...[0, 0, 0, 1, TICKS_PER_QUARTER >> 8, TICKS_PER_QUARTER & 0xff],
    ...ascii('MTrk'),
    ...uint32(track.length),
    ...track,
  ]);
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
