import { describe, expect, it } from 'vitest';
import { barMarks } from './ruler-bars';

const grid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 500 }; // at 1 kHz: bars of 2 s from 0.5 s

describe('the ruler in bars', () => {
  it('numbers every bar in view from 1 on the downbeat', () => {
    const marks = barMarks(grid, 1000, { pxPerSec: 50, scrollLeft: 0, width: 400 }); // 8 s, bars 100 px apart
    expect(marks.map((m) => m.bar)).toEqual([1, 2, 3, 4]);
    expect(marks.map((m) => m.x)).toEqual([25, 125, 225, 325]);
  });

  it('numbers every 2nd, 4th... bar where bars crowd, and follows the scroll', () => {
    const marks = barMarks(grid, 1000, { pxPerSec: 5, scrollLeft: 0, width: 400 }); // bars 10 px apart
    expect(marks.map((m) => m.bar).slice(0, 3)).toEqual([1, 9, 17]);
    const scrolled = barMarks(grid, 1000, { pxPerSec: 50, scrollLeft: 130, width: 200 });
    expect(scrolled).toEqual([
      { x: 95, bar: 3 },
      { x: 195, bar: 4 },
    ]);
  });
});
