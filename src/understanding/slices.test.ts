import { describe, expect, it } from 'vitest';
import { analysisSlices, joinSlices } from './slices';

const RATE = 100;

describe('analysis slices', () => {
  it('cover the range with own parts side by side and context around them', () => {
    const slices = analysisSlices({ start: 0, end: 2500 }, RATE, 10);
    expect(slices.map((s) => [s.own.start, s.own.end])).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
    expect(slices[1].read).toEqual({ start: 800, end: 2200 });
  });

  it('answer for their own parts and join a region cut by an edge', () => {
    const range = { start: 0, end: 2000 };
    const [a, b] = analysisSlices(range, RATE, 10);
    const events = joinSlices(
      [
        // slice a reads 0-12 s: a dog from 8 s running to its read end, a bell only in its context (kept by b)
        {
          slice: a,
          events: [
            { label: 'dog', start: 8, end: 12, confidence: 0.7 },
            { label: 'bell', start: 11, end: 11.5, confidence: 0.9 },
          ],
        },
        // slice b reads 8-20 s: the dog again from its read start (8 s: a's part), on to 13 s, and the bell at 11 s
        {
          slice: b,
          events: [
            { label: 'dog', start: 0, end: 5, confidence: 0.8 },
            { label: 'bell', start: 3, end: 3.5, confidence: 0.9 },
          ],
        },
      ],
      range,
      RATE,
      0.2,
    );
    expect(events).toEqual([
      { label: 'dog', start: 8, end: 13, confidence: 0.8 },
      { label: 'bell', start: 11, end: 11.5, confidence: 0.9 },
    ]);
  });
});
