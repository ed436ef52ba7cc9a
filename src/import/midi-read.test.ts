import { describe, expect, it } from 'vitest';
import { midiFile, variableLength } from '../export/midi-file';
import { isMidiBytes, MidiError, readMidi } from './midi-read';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const uint32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const chunk = (type: string, body: number[]) => [...ascii(type), ...uint32(body.length), ...body];
const file = (format: number, division: number, tracks: number[][]) =>
  Uint8Array.from([
    ...chunk('MThd', [0, format, 0, tracks.length, division >> 8, division & 0xff]),
    ...tracks.flatMap((t) => chunk('MTrk', [...t, 0, 0xff, 0x2f, 0])),
  ]);
const meta = (type: number, data: number[]) => [0xff, type, ...variableLength(data.length), ...data];

describe('readMidi', () => {
  it('reads back the notes the studio writes, at their times', () => {
    const notes = [
      { startSeconds: 0, endSeconds: 0.5, note: 60, velocity: 100 },
      { startSeconds: 0.5, endSeconds: 1.25, note: 64, velocity: 80 },
    ];
    const song = readMidi(midiFile(notes, 90, 40));
    expect(song.bpm).toBeCloseTo(90, 6);
    expect(song.parts).toHaveLength(1);
    expect(song.parts[0].program).toBe(40);
    expect(song.parts[0].notes.map((n) => n.note)).toEqual([60, 64]);
    song.parts[0].notes.forEach((n, i) => {
      expect(n.startSeconds).toBeCloseTo(notes[i].startSeconds, 2);
      expect(n.endSeconds).toBeCloseTo(notes[i].endSeconds, 2);
      expect(n.velocity).toBe(notes[i].velocity);
    });
  });

  it('follows a tempo change, running status, velocity-0 note-offs and a part per channel', () => {
    // 480 ticks a quarter: 120 BPM for the first two beats, then 60 BPM; 3/4.
    const conductor = [0, ...meta(0x51, [0x07, 0xa1, 0x20]), 0, ...meta(0x58, [3, 2, 24, 8]), 0x87, 0x40];
    conductor.push(...meta(0x51, [0x0f, 0x42, 0x40]));
    const bass = [0, ...meta(0x03, ascii('Bass')), 0, 0xc2, 33, 0, 0x92, 40, 90, 0x83, 0x60, 40, 0, 0x0, 43, 70];
    bass.push(0x87, 0x40, 43, 0); // running status: the second note-on, then its note-off by velocity 0 at tick 1440
    const drums = [0, 0x99, 36, 127, 0x78, 0x89, 36, 0];
    const song = readMidi(file(1, 480, [conductor, bass, drums]));
    expect(song.bpm).toBeCloseTo(120, 6);
    expect([song.beatsPerBar, song.beatUnit]).toEqual([3, 4]);
    const [b, d] = song.parts;
    expect(b.name).toBe('Bass');
    expect(b.program).toBe(33);
    expect(b.channel).toBe(2);
    expect(b.notes.map((n) => [n.note, n.startSeconds, n.endSeconds, n.velocity])).toEqual([
      [40, 0, 0.5, 90],
      [43, 0.5, 2, 70], // from tick 480 to the change at 960 at 120 BPM (0.5 s), then 480 ticks at 60 BPM (1 s)
    ]);
    expect([d.name, d.channel]).toEqual([undefined, 9]);
    expect(d.notes[0].endSeconds).toBeCloseTo(0.125, 9);
  });

  it('counts SMPTE divisions in frames, and ends a held note at its track end', () => {
    const division = ((256 - 25) << 8) | 40; // 25 frames a second, 40 ticks a frame: 1000 ticks a second
    const song = readMidi(file(0, division, [[0, 0x90, 69, 64, 0x87, 0x68, 0x80, 69, 0, 0x83, 0x74, 0x90, 70, 1]]));
    expect(song.parts[0].notes.map((n) => [n.startSeconds, n.endSeconds])).toEqual([
      [0, 1],
      [1.5, 1.5],
    ]);
  });

  it('says why a file cannot be read', () => {
    expect(isMidiBytes(Uint8Array.from(ascii('RIFF....')))).toBe(false);
    expect(() => readMidi(Uint8Array.from(ascii('RIFF....WAVE')))).toThrow(/not a MIDI file/);
    expect(() => readMidi(file(0, 480, [[0, 0xc0, 1]]))).toThrow(/no notes/);
    const whole = midiFile([{ startSeconds: 0, endSeconds: 1, note: 60, velocity: 90 }]);
    expect(() => readMidi(whole.subarray(0, whole.length - 7))).toThrow(MidiError);
    expect(() => readMidi(whole.subarray(0, 12))).toThrow(/cut short/);
  });
});
