import { describe, expect, it } from 'vitest';
import { clipAt } from '../project/clip.fixture';
import { emptyProject, newTrack } from '../project/types';
import { emptyHistory } from '../store/history';
import { projectNameOf, summaryOf } from './project-library';

describe('the library of projects', () => {
  it('says of a saved project its name, tracks and length; a save from before the library is untitled, given the id it is known by', () => {
    const track = { ...newTrack(0), clips: [clipAt('c', 'a', 48000, 96000)] };
    const project = { ...emptyProject(48000), tracks: [track, newTrack(1)] };
    const saved = { id: 'p1', name: 'Demo', project, history: emptyHistory(), playhead: 0, savedAt: 5 };
    const bytes = new Map([
      ['a', 96000 * 2 * 4],
      ['gone', 1],
    ]);
    expect(summaryOf(saved, false, 'other', bytes)).toEqual({
      id: 'p1',
      name: 'Demo',
      savedAt: 5,
      tracks: 2,
      seconds: 3,
      bytes: 768000, // its one audio, stereo 32-bit
      open: false,
    });
    const old = { project: emptyProject(48000), history: emptyHistory(), playhead: 0, savedAt: 7 };
    expect(summaryOf(old, true, 'now', bytes)).toMatchObject({
      id: 'now',
      name: 'Untitled project',
      bytes: 0,
      open: true,
    });
  });

  it('keeps a trimmed name, refuses an empty or too long one', () => {
    expect(projectNameOf('  Demo  ')).toBe('Demo');
    expect(() => projectNameOf('  ')).toThrow('Name the project.');
    expect(() => projectNameOf('x'.repeat(81))).toThrow(/at most 80 characters/);
  });
});
