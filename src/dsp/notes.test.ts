import { describe, expect, it } from 'vitest';
import { midiOf, noteName, pitchText } from './notes';

describe('notes', () => {
  it('names notes with their octave, as scientific pitch notation does', () => {
    expect([noteName(60), noteName(69), noteName(21), noteName(108), noteName(70)]).toEqual([
      'C4',
      'A4',
      'A0',
      'C8',
      'Bb4',
    ]);
  });

  it('gives a pitch as its nearest note and the cents off it', () => {
    expect(midiOf(440)).toBe(69);
    expect(pitchText(64.3)).toBe('E4 +30¢');
    expect(pitchText(65.7)).toBe('F#4 −30¢');
    expect(pitchText(midiOf(261.63))).toBe('C4');
  });
});
