import { describe, expect, it } from 'vitest';
import { noteAt, ROLL, rollView, rollWidth, secondsAt, xOf, yOf, ZOOM, zoomed } from './piano-roll';

const note = (n: number, start: number, end: number) => ({
  startSeconds: start,
  endSeconds: end,
  note: n,
  velocity: 90,
});

describe('rollView', () => {
  it('shows the notes with room around them, two octaves at least, within MIDI', () => {
    expect(rollView([note(60, 0, 1), note(64, 1, 3)], 4)).toEqual({ seconds: 4, low: 50, high: 74, pxPerSecond: 160 });
    expect(rollView([note(30, 0, 1), note(90, 1, 9)], 4)).toEqual({ seconds: 10, low: 28, high: 92, pxPerSecond: 80 });
    expect(rollView([note(1, 0, 1)], 4)).toMatchObject({ low: 0, high: 24 });
    expect(rollView([note(126, 0, 1)], 4)).toMatchObject({ low: 103, high: 127 });
  });

  it('fits a short part in the roll and scrolls a long one, zoomed within range', () => {
    expect(rollWidth(rollView([note(60, 0, 1)], 4))).toBe(ROLL.width);
    const long = rollView([note(60, 0, 600)], 4);
    expect([long.pxPerSecond, rollWidth(long)]).toEqual([ZOOM.long, 601 * ZOOM.long]);
    expect(zoomed(long, 1 / 16)).toBe(ZOOM.min);
    expect(zoomed(long, 2)).toBe(160);
  });

  it('maps seconds and notes to pixels and back', () => {
    const view = rollView([note(60, 0, 1)], 4);
    expect(xOf(view, 0)).toBe(0);
    expect(secondsAt(view, xOf(view, 2.5))).toBeCloseTo(2.5, 9);
    expect(noteAt(view, yOf(view, 61) + 1)).toBe(61);
    expect(noteAt(view, -50)).toBe(view.high);
  });
});
