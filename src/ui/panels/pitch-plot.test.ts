import { describe, expect, it } from 'vitest';
import type { EditedLine } from '../../app/pitch-editor';
import { movedLater, movedShift, pitchPath, pitchView, quantizedLater, xOf, yOf } from './pitch-plot';

const hzOf = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
const line: EditedLine = {
  trackId: 't',
  range: { start: 1000, end: 2000 },
  notes: [
    { start: 1000, end: 1400, midi: 64.3 },
    { start: 1500, end: 2000, midi: 67 },
  ],
  track: {
    hop: 100,
    offset: 50,
    hz: Float32Array.from([hzOf(64.3), hzOf(64.3), 0, 0, 0, hzOf(67), hzOf(67), 0, 0, 0]),
  },
};

describe('pitch plot', () => {
  it('shows the notes with two semitones either side, an octave at least, and draws each voiced stretch apart', () => {
    const view = pitchView(line, [0, 0], 500, 120);
    expect([view.low, view.high]).toEqual([60, 72]);
    expect(yOf(view, 72)).toBe(0);
    expect(yOf(view, 66)).toBe(60);
    expect(xOf(view, line, 1500)).toBe(250);
    expect(pitchPath(view, line).match(/M/g)).toHaveLength(2);
    const leaping = { ...line, track: { ...line.track, hz: Float32Array.from([hzOf(64), hzOf(76), hzOf(64)]) } };
    expect(pitchPath(view, leaping).match(/M/g)).toHaveLength(3); // an octave slip is not drawn as a line
    expect(pitchView(line, [0, 800], 500, 120).high).toBe(77); // a note moved up widens the view
  });

  it('moves a note onto a semitone, or by cents when free, within an octave', () => {
    expect(movedShift(64.3, 0, 1, false)).toBe(70); // E4 +30 cents up a semitone: F4 exactly
    expect(movedShift(64.3, 0, -1, false)).toBe(-130);
    expect(movedShift(64.3, 0, 0.1, true)).toBe(10);
    expect(movedShift(64.3, 70, 1, false)).toBe(170);
    expect(movedShift(60, 1150, 1, false)).toBe(1200);
  });
});

describe('moving notes in time', () => {
  it('moves a note as far as its neighbour and the range allow, 10 ms kept between notes', () => {
    const rate = 1000; // a sample a millisecond: the gap is 10 samples
    expect(movedLater(line, [0, 0], new Set([1]), -40, rate)).toEqual([0, -40]);
    expect(movedLater(line, [0, 0], new Set([1]), -200, rate)).toEqual([0, -90]); // up to 10 after the first's end
    expect(movedLater(line, [0, 0], new Set([0]), 500, rate)).toEqual([90, 0]);
    expect(movedLater(line, [0, 0], new Set([0]), -30, rate)).toEqual([0, 0]); // the range's start
    // Both together: the later one first, so the earlier follows it (each as far as the range lets it).
    expect(movedLater(line, [0, 0], new Set([0, 1]), 50, rate)).toEqual([50, 0]);
  });
});

describe('quantizing time', () => {
  it("puts each note's start on the nearest sixteenth, as far as its neighbours allow", () => {
    // 60 BPM at 1000 samples a second: a beat is 1000 samples, a sixteenth 250; the downbeat at 0.
    const grid = { bpm: 60, beatsPerBar: 4, beatUnit: 4, downbeat: 0 };
    const offGrid: EditedLine = {
      ...line,
      range: { start: 0, end: 3000 },
      notes: [
        { start: 1030, end: 1200, midi: 64 },
        { start: 1480, end: 1700, midi: 67 },
        { start: 1730, end: 2000, midi: 69 }, // 1750 leaves room after the second, moved to end at 1720
      ],
    };
    expect(quantizedLater(offGrid, [0, 0, 0], grid, 4, 1000)).toEqual([-30, 20, 20]);
  });
});
