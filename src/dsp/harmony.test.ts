import { describe, expect, it } from 'vitest';
import { harmonySemitones, keepNotes } from './harmony';

const C_MAJOR = { tonic: 0, mode: 'major' } as const;
const A_MINOR = { tonic: 9, mode: 'minor' } as const;

describe('harmony', () => {
  it('moves each note by the interval its key has there: thirds major or minor, fifths perfect or diminished', () => {
    // C major, a third above: C->E (4), D->F (3), E->G (3), F->A (4), G->B (4), A->C (3), B->D (3).
    expect([60, 62, 64, 65, 67, 69, 71].map((m) => harmonySemitones(m, C_MAJOR, 2))).toEqual([4, 3, 3, 4, 4, 3, 3]);
    expect([60, 64, 71].map((m) => harmonySemitones(m, C_MAJOR, -2))).toEqual([-3, -4, -4]); // C->A, E->C, B->G
    expect([60, 71].map((m) => harmonySemitones(m, C_MAJOR, 4))).toEqual([7, 6]); // B->F: the scale's one tritone
    expect(harmonySemitones(69, A_MINOR, 2)).toBe(3); // A->C in A minor
    expect(harmonySemitones(64.3, C_MAJOR, -7)).toBe(-12);
    expect(harmonySemitones(61, C_MAJOR, 2)).toBe(4); // C#, out of the scale, moves as C does
  });

  it('moves every note alike without a key', () => {
    expect([60, 62, 63].map((m) => harmonySemitones(m, null, 2))).toEqual([4, 4, 4]);
    expect(harmonySemitones(60, null, 4)).toBe(7);
  });

  it('keeps the audio only where the notes sound, faded over 10 ms', () => {
    const x = new Float32Array(1000).fill(1);
    const [y] = keepNotes([x], [{ start: 200, end: 600, midi: 60 }], 1000);
    [0, 0.1, 0.6, 1, 0.1, 0].forEach((v, i) => expect(y[[100, 200, 205, 400, 599, 700][i]]).toBeCloseTo(v, 6));
  });
});
