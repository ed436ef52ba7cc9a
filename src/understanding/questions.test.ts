import { describe, expect, it } from 'vitest';
import type { SoundLabel } from '../project/types';
import type { SoundLabelInfo } from '../protocol/engine-protocol';
import { answer, askedLabel, soundPhrase } from './questions';

const RATE = 1000;
const vocabulary: SoundLabelInfo[] = [
  { id: 'dog', name: 'dog', description: 'a dog barking', words: ['a dog barking', 'barking'] },
  { id: 'glass', name: 'glass', description: 'glass breaking', words: ['glass breaking', 'shattering glass'] },
  { id: 'speech', name: 'speech', description: 'speech', words: ['speech', 'someone talking', 'a man speaking'] },
  { id: 'farm_animal', name: 'farm animal', description: 'a cow mooing', words: ['a cow mooing', 'sheep bleating'] },
];
const label = (name: string, start: number, end: number, confidence = 0.9): SoundLabel => ({
  id: `${name}-${start}`,
  start,
  end,
  name,
  description: name,
  confidence,
});
const found = [label('dog', 1000, 2500), label('glass', 7900, 8400, 0.6)];

describe('questions in words', () => {
  it('finds the sound a question names, by its name or its words, in the singular or plural', () => {
    expect(askedLabel('Is there a dog?', vocabulary)?.id).toBe('dog');
    expect(askedLabel('Any dogs barking?', vocabulary)?.id).toBe('dog');
    expect(askedLabel('When does the glass break?', vocabulary)?.id).toBe('glass');
    expect(askedLabel('Is anyone talking?', vocabulary)?.id).toBe('speech');
    expect(askedLabel('Do you hear a cow?', vocabulary)?.id).toBe('farm_animal');
    expect(askedLabel('Is there a violin?', vocabulary)).toBeNull();
  });

  it('answers yes with the times, when with the times, and hedges a low confidence', () => {
    expect(answer('Is there a dog?', { found, rate: RATE, analysed: true }, vocabulary)).toMatchObject({
      text: 'Yes: dog at 1.0-2.5 s (confidence 90 %).',
      regions: [found[0]],
    });
    expect(answer('When does the glass break?', { found, rate: RATE, analysed: true }, vocabulary).text).toBe(
      'glass: at 7.9-8.4 s.',
    );
    expect(answer('Is there glass breaking?', { found, rate: RATE, analysed: true }, vocabulary).text).toMatch(
      /^Probably: glass/,
    );
    expect(answer('Is anyone talking?', { found, rate: RATE, analysed: true }, vocabulary).text).toBe(
      'No speech was found in what was analysed.',
    );
  });

  it("says it can't tell for sounds it does not know and for what it does not measure", () => {
    expect(answer('Is there a violin?', { found, rate: RATE, analysed: true }, vocabulary).text).toMatch(
      /^I can't tell: the question names no sound/,
    );
    expect(answer('What chords are these?', { found, rate: RATE, analysed: true }, vocabulary).text).toMatch(
      /^I can't tell yet/,
    );
    expect(
      answer('What key is it in?', { found, rate: RATE, analysed: true, tempos: [], keys: ['A minor'] }, vocabulary)
        .text,
    ).toMatch(/^A minor/);
    expect(answer('How fast is it?', { found, rate: RATE, analysed: true }, vocabulary).text).toMatch(
      /^I can't tell: no music/,
    );
    expect(answer('How fast is it?', { found, rate: RATE, analysed: true, tempos: [121.6] }, vocabulary).text).toMatch(
      /^About 122 BPM/,
    );
    expect(answer('Is there a dog?', { found: [], rate: RATE, analysed: false }, vocabulary).text).toMatch(
      /^Analyze the clip first/,
    );
    expect(answer('What is in it?', { found, rate: RATE, analysed: true }, vocabulary).text).toBe(
      'dog, glass (1.0-2.5 s, 7.9-8.4 s).',
    );
  });

  it('takes a sound named in other words by its meaning when the pack finds it near enough', () => {
    expect(soundPhrase('Is there a bee buzzing?', vocabulary)).toBe('bee buzzing');
    expect(soundPhrase('Is there a dog?', vocabulary)).toBeNull(); // named by its words
    expect(soundPhrase('How fast is it?', vocabulary)).toBeNull();
    const heard = { found, rate: RATE, analysed: true };
    const near = [{ id: 'dog', similarity: 0.8, near: true }];
    expect(answer('Is there a hound?', heard, vocabulary, near).text).toMatch(/^Yes: dog at 1.0-2.5 s/);
    const far = [{ id: 'dog', similarity: 0.3, near: false }];
    expect(answer('Is there a hound?', heard, vocabulary, far).text).toBe(
      'I can\'t tell: "hound" is not a sound this pack knows (the nearest it knows is dog).',
    );
  });
});
