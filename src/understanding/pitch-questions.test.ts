import { describe, expect, it } from 'vitest';
import type { EditedLine } from '../app/pitch-editor';
import { asksPitch, pitchAnswer } from './pitch-questions';

const RATE = 1000;
const hzOf = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
/** A line of notes 0.5 s each, its pitch track at the notes' pitches. */
const lineOf = (midis: number[]): EditedLine => ({
  trackId: 't',
  range: { start: 0, end: midis.length * 500 },
  notes: midis.map((midi, i) => ({ start: i * 500, end: (i + 1) * 500, midi })),
  track: { hop: 100, offset: 50, hz: Float32Array.from(midis.flatMap((m) => Array(5).fill(hzOf(m)))) },
});

describe('questions about pitch', () => {
  it('knows a question about notes or tuning, and leaves others alone', () => {
    expect(
      ['What note is it?', 'Is it in tune?', 'How flat is she?', 'What notes does it play?'].every(asksPitch),
    ).toBe(true);
    expect(['Is there a dog?', 'What key is it in?', 'How fast is it?'].some(asksPitch)).toBe(false);
  });

  it('names the note, or the notes from lowest to highest', () => {
    expect(pitchAnswer('What note is it?', lineOf([64.3]), RATE).text).toBe('E4 +30¢, for 0.5 s.');
    expect(pitchAnswer('What notes?', lineOf([60, 64.3, 67]), RATE).text).toBe(
      '3 notes from C4 to G4: C4, E4 +30¢, G4.',
    );
  });

  it('says whether it is in tune, and which way it leans where it is not', () => {
    expect(pitchAnswer('Is it in tune?', lineOf([60.05, 64, 66.97]), RATE).text).toBe(
      'In tune: its 3 notes sit a median 3 cents from the nearest semitones.',
    );
    expect(pitchAnswer('Is it in tune?', lineOf([59.7, 63.75, 66.8]), RATE).text).toBe(
      'Not quite: its 3 notes sit a median 25 cents from the nearest semitones, mostly flat (Correct pitch can pull them in).',
    );
  });

  it("says it can't tell without a line or where nothing has a pitch", () => {
    expect(pitchAnswer('What note?', 'Select a sung or played line on a track.', RATE).text).toBe(
      "I can't tell: select a sung or played line on a track.",
    );
    expect(
      pitchAnswer('What note?', { ...lineOf([]), track: { hop: 100, offset: 50, hz: new Float32Array(5) } }, RATE).text,
    ).toMatch(/^I can't tell: nothing in the selection has a steady pitch/);
  });
});
