import { describe, expect, it } from 'vitest';
import { findSimilar, SIMILAR_THRESHOLD } from './find-similar';
import { knock, RATE, scene, whistle } from './similar.fixture';

const seconds = (m: { start: number; end: number }) => [m.start / RATE, m.end / RATE];
const MARK = { start: 1 * RATE, end: 1.3 * RATE };

describe('find similar', () => {
  it('finds the other copies of a marked sound at their own levels, and not a sound of another kind', () => {
    const w = whistle();
    const k = knock();
    const audio = scene([
      [w, 1, 0],
      [k, 3, 0],
      [w, 5, -6],
      [k, 7, 6],
      [w, 9.5, 6],
    ]);
    const { query, matches } = findSimilar(audio, RATE, MARK.start, MARK.end);
    expect(seconds(query)[0]).toBeLessThan(1.05);
    expect(seconds(query)[1]).toBeGreaterThan(1.25);
    const centres = matches.map((m) => (m.start + m.end) / 2 / RATE);
    expect(centres).toHaveLength(2);
    centres.forEach((c, i) => expect(Math.abs(c - [5.15, 9.65][i])).toBeLessThan(0.1));
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(SIMILAR_THRESHOLD);
  });

  it('in a box on the spectrogram, hears only its band: a copy under a loud knock is found', () => {
    const w = whistle();
    const audio = scene([
      [w, 1, 0],
      [w, 5, 0],
      [knock(), 5.02, 12],
    ]);
    const band = { lowHz: 900, highHz: 2800 };
    expect(findSimilar(audio, RATE, MARK.start, MARK.end).matches).toEqual([]);
    const { matches } = findSimilar(audio, RATE, MARK.start, MARK.end, SIMILAR_THRESHOLD - 0.1, band);
    expect(matches.map((m) => Math.round(m.start / RATE))).toEqual([5]);
  });

  it('finds nothing where no other copy is there', () => {
    const audio = scene([
      [whistle(), 1, 0],
      [knock(), 3, 0],
      [knock(), 7, 6],
    ]);
    expect(findSimilar(audio, RATE, MARK.start, MARK.end).matches).toEqual([]);
  });

  it('says why it cannot look for a mark that is too short or holds no sound over the bed', () => {
    const audio = scene([[whistle(), 1, 0]]);
    expect(() => findSimilar(audio, RATE, MARK.start, MARK.start + 0.01 * RATE)).toThrow(/under 50 ms/);
    expect(() => findSimilar(audio, RATE, 5 * RATE, 6 * RATE)).toThrow(/nothing that rises/);
    const silence = [new Float32Array(4 * RATE), new Float32Array(4 * RATE)];
    expect(() => findSimilar(silence, RATE, RATE, 2 * RATE)).toThrow(/nothing that rises/);
  });
});
