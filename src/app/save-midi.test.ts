import { describe, expect, it } from 'vitest';
import type { MidiNote } from '../dsp/notes';
import { readMidi } from '../import/midi-read';
import { newTrack, type Project } from '../project/types';
import { songMidi } from './save-midi';

const RATE = 1000;
const n = (note: number, start: number, end: number): MidiNote => ({
  startSeconds: start,
  endSeconds: end,
  note,
  velocity: 90,
});

function project(): Project {
  const clip = { id: 'c', assetId: 'a', name: 'x', start: 0, offset: 0, length: 5000 };
  const melody = {
    ...newTrack(0),
    name: 'Melody',
    // Trimmed to 0.5-2 s of its notes and placed at 3 s: the first note left out, the last cut at the clip's end.
    clips: [
      {
        ...clip,
        start: 3000,
        offset: 500,
        length: 1500,
        part: { instrument: 'organ' as const, notes: [n(60, 0, 0.5), n(62, 0.5, 1), n(64, 1.5, 2.5)] },
      },
    ],
  };
  const drums = {
    ...newTrack(1),
    name: 'Beat',
    clips: [{ ...clip, part: { instrument: 'drums' as const, notes: [n(36, 0, 0.1)] } }],
  };
  const audio = { ...newTrack(2), name: 'Vocal', clips: [{ ...clip, id: 'v' }] };
  return {
    sampleRate: RATE,
    tracks: [melody, drums, audio],
    tempo: { bpm: 180, beatsPerBar: 6, beatUnit: 8, downbeat: 0 },
  };
}

describe('songMidi', () => {
  it('writes each instrument track as heard on the timeline, on its channel and program, at the tempo', () => {
    const song = songMidi(project())!;
    expect(song.bpm).toBe(90); // 180 eighths a minute are 90 quarters
    const read = readMidi(song.bytes);
    expect([read.bpm, read.beatsPerBar, read.beatUnit]).toEqual([90, 6, 8]);
    const [melody, beat] = read.parts;
    expect([melody.name, melody.channel, melody.program]).toEqual(['Melody', 0, 16]);
    const ms = (s: number) => Math.round(s * 1000) / 1000; // 90 BPM is 666,667 us a quarter: a microsecond off
    expect(melody.notes.map((x) => [x.note, ms(x.startSeconds), ms(x.endSeconds)])).toEqual([
      [62, 3, 3.5],
      [64, 4, 4.5],
    ]);
    expect([beat.name, beat.channel, beat.notes[0].note]).toEqual(['Beat', 9, 36]);
    expect(read.parts).toHaveLength(2); // the audio track has no notes to write
  });

  it('has nothing to write without instrument tracks', () => {
    expect(songMidi({ sampleRate: RATE, tracks: [project().tracks[2]] })).toBeNull();
  });
});
