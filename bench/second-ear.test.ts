import { describe, expect, it } from 'vitest';
import { secondEarKey } from './second-ear';

const RATE = 16000;
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Chords (MIDI notes), one per second, each note with three partials. */
function progression(chords: number[][]): Float32Array {
  const out = new Float32Array(chords.length * RATE);
  chords.forEach((chord, c) => {
    for (let i = 0; i < RATE; i++)
      for (const note of chord)
        for (let h = 1; h <= 3; h++) out[c * RATE + i] += (0.1 / h) * Math.sin((2 * Math.PI * hz(note) * h * i) / RATE);
  });
  return out;
}

describe('second ear', () => {
  it('names C major from I-IV-V-I, A minor from i-iv-V-i, and follows a transposition', () => {
    const cMajor = [
      [48, 60, 64, 67],
      [53, 60, 65, 69],
      [55, 59, 62, 67],
      [48, 60, 64, 67],
    ];
    expect(secondEarKey(progression(cMajor), RATE)).toEqual({ tonic: 'C', mode: 'major' });
    const up = cMajor.map((chord) => chord.map((n) => n + 4));
    expect(secondEarKey(progression(up), RATE)).toEqual({ tonic: 'E', mode: 'major' });
    const aMinor = [
      [45, 57, 60, 64],
      [50, 57, 62, 65],
      [52, 56, 59, 64],
      [45, 57, 60, 64],
    ];
    expect(secondEarKey(progression(aMinor), RATE)).toEqual({ tonic: 'A', mode: 'minor' });
  });

  it('says nothing of silence', () => {
    expect(secondEarKey(new Float32Array(3 * RATE), RATE)).toBeNull();
  });
});
