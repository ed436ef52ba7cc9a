import { describe, expect, it } from 'vitest';
import { caption } from './caption';

const name = (label: string) => label.replace('_', ' ');

describe('caption', () => {
  it('says what lasts through the clip, then each other sound with the times it starts', () => {
    const events = [
      { label: 'bird', start: 0, end: 8, confidence: 0.9 },
      { label: 'explosion', start: 3.12, end: 4, confidence: 0.7 },
      { label: 'footsteps', start: 1, end: 1.5, confidence: 0.6 },
      { label: 'footsteps', start: 4.2, end: 5, confidence: 0.6 },
    ];
    expect(caption(events, 8, name)).toBe('Bird throughout; footsteps at 1.0 s and 4.2 s; explosion at 3.1 s.');
  });

  it('counts what it does not list, and says when nothing was found', () => {
    const beeps = [0, 1, 2, 3, 4].map((t) => ({ label: 'beep', start: t, end: t + 0.2, confidence: 0.8 }));
    expect(caption(beeps, 10, name)).toBe('Beep at 0.0 s, 1.0 s, 2.0 s and 2 more times.');
    expect(caption([], 10, name)).toBe('Nothing recognisable.');
  });
});
