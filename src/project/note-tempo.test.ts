import { describe, expect, it } from 'vitest';
import { clipAtTempo } from './note-tempo';
import type { NoteClip } from './types';

const clip: NoteClip = {
  id: 'c',
  assetId: 'a',
  name: 'bass',
  start: 3000,
  offset: 500,
  length: 2000,
  part: { instrument: 'bass', notes: [{ startSeconds: 1, endSeconds: 1.5, note: 40, velocity: 90 }] },
};

describe('clipAtTempo', () => {
  it('keeps the beats of the clip and its notes around the downbeat', () => {
    // 120 -> 60 BPM: every beat twice as long, counted from the downbeat at 1000.
    const slower = clipAtTempo(clip, 2, 1000);
    expect(slower).toMatchObject({ start: 5000, offset: 1000, length: 4000 });
    expect(slower.part.notes[0]).toMatchObject({ startSeconds: 2, endSeconds: 3 });
    // The note's timeline place, (start - offset) + note, moves as the clip's start does: 3.5 s -> 6 s.
    const at = (c: NoteClip) => (c.start - c.offset) / 1000 + c.part.notes[0].startSeconds;
    expect([at(clip), at(slower)]).toEqual([3.5, 6]);
  });

  it('trims what a faster tempo would put before the timeline', () => {
    const early = clipAtTempo({ ...clip, start: 200, offset: 0 }, 2, 1000); // 200 -> -600
    expect(early).toMatchObject({ start: 0, offset: 600, length: 3400 });
  });
});
