import { describe, expect, it } from 'vitest';
import type { MidiNote } from '../dsp/notes';
import {
  addNote,
  deleteNotes,
  duplicateNotes,
  moveNotes,
  notesInBox,
  noteGrid,
  quantizeNotes,
  resizeNote,
  snapSeconds,
  sortNotes,
} from './note-edit';

const n = (start: number, end: number, note: number): MidiNote => ({
  startSeconds: start,
  endSeconds: end,
  note,
  velocity: 100,
});
const part = [n(0, 0.5, 60), n(0.5, 1, 64), n(1, 2, 67)];

describe('note edits', () => {
  it('snap to sixteenths of the project tempo, lined up with its beats wherever the clip starts', () => {
    const grid = noteGrid({ bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 }, 48000, 6000); // asset at 0.125 s
    expect(grid.step).toBeCloseTo(0.125, 9);
    expect(grid.phase).toBeCloseTo(0, 9); // 0.125 s is itself on a sixteenth
    const off = noteGrid({ bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 }, 48000, 4800); // at 0.1 s
    expect(snapSeconds(0.2, off)).toBeCloseTo(0.15, 9); // timeline 0.3 s -> 0.25 s, a sixteenth
    expect(snapSeconds(0.51, noteGrid(null, 48000, 0))).toBeCloseTo(0.5, 9);
    expect(snapSeconds(-0.3, noteGrid(null, 48000, 0))).toBe(0);
  });

  it('move the chosen notes together, never before 0 s or out of MIDI range', () => {
    const moved = moveNotes(part, new Set([0, 2]), -0.25, 70);
    expect(moved.map((x) => [x.startSeconds, x.note])).toEqual([
      [0, 120],
      [0.5, 64],
      [1, 127],
    ]);
    expect(moveNotes(part, new Set([1]), 0.25, -2)[1]).toEqual(n(0.75, 1.25, 62));
  });

  it('lengthen, add, delete and keep the notes in order', () => {
    expect(resizeNote(part, 0, 0.001)[0].endSeconds).toBeCloseTo(0.02, 9);
    expect(resizeNote(part, 2, 3)[2].endSeconds).toBe(3);
    const added = addNote(part, n(0.75, 1, 72));
    expect(added.index).toBe(2);
    expect(deleteNotes(added.notes, new Set([0, 2]))).toEqual([part[1], part[2]]);
    const sorted = sortNotes(moveNotes(part, new Set([0]), 1.5, 0), new Set([0]));
    expect(sorted.notes.map((x) => x.note)).toEqual([64, 67, 60]);
    expect([...sorted.indices]).toEqual([2]);
  });
});

describe('quantizeNotes', () => {
  it('starts the chosen notes (all, where none are) on the grid, keeping their lengths', () => {
    const grid = { step: 0.125, phase: 0 };
    const loose = [n(0.03, 0.4, 60), n(0.52, 0.6, 62)];
    expect(quantizeNotes(loose, new Set(), grid).map((x) => [x.startSeconds, x.endSeconds])).toEqual([
      [0, 0.37],
      [0.5, 0.58],
    ]);
    expect(quantizeNotes(loose, new Set([1]), grid)[0]).toBe(loose[0]);
  });
});

describe('duplicateNotes and notesInBox', () => {
  it('copies the chosen notes right after them on the grid, the copies chosen', () => {
    const grid = { step: 0.25, phase: 0 };
    const { notes, indices } = duplicateNotes(part, new Set([0, 1]), grid); // C4 and E4 span 1 s
    expect(notes.map((x) => [x.startSeconds, x.note])).toEqual([
      [0, 60],
      [0.5, 64],
      [1, 60],
      [1, 67],
      [1.5, 64],
    ]);
    expect([...indices].map((i) => notes[i].note)).toEqual([60, 64]);
    expect([...indices]).toEqual([2, 4]);
  });

  it('finds the notes a box crosses', () => {
    expect([...notesInBox(part, 0.4, 1.2, 60, 64)]).toEqual([0, 1]);
    expect([...notesInBox(part, 0.6, 0.7, 65, 70)]).toEqual([]);
  });
});
