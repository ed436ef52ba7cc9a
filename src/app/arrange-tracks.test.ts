import { describe, expect, it } from 'vitest';
import { clipAt } from '../project/clip.fixture';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { alignTracks, sortTrackList } from './arrange-tracks';

function studio() {
  const store = createStudioStore();
  const late = {
    ...newTrack(0),
    name: 'Late',
    clips: [clipAt('l', 'a', 500, 100)],
    volume: [
      { at: 500, gain: 1 },
      { at: 550, gain: 0.5 },
    ],
    labels: [{ id: 'x', start: 520, end: 540, name: 'hit', description: 'a hit', confidence: 1 }],
  };
  const early = { ...newTrack(1), name: 'Early', clips: [clipAt('e', 'a', 100, 100)] };
  store.getState().commit('Import', { sampleRate: 1000, tracks: [late, early] });
  return store;
}

describe('align and sort commands', () => {
  it('align start to zero moves the clips with their lanes and labels, one undo step', () => {
    const store = studio();
    alignTracks(store, 'zero');
    const [late, early] = store.getState().project.tracks;
    expect([late.clips[0].start, early.clips[0].start]).toEqual([0, 0]);
    expect(late.volume?.find((p) => p.gain === 0.5)?.at).toBe(50);
    expect(late.labels?.[0].start).toBe(20);
    expect(store.getState().history.past.at(-1)?.label).toBe('Align start to zero');
    alignTracks(store, 'zero');
    expect(store.getState().notices.at(-1)?.text).toContain('already there');
  });

  it('align start to playhead takes the selection start where there is a range', () => {
    const store = studio();
    const [, early] = store.getState().project.tracks;
    store.getState().selectRange({ start: 300, end: 400, trackIds: [early.id] });
    alignTracks(store, 'playhead');
    expect(store.getState().project.tracks.map((t) => t.clips[0].start)).toEqual([500, 300]);
  });

  it('sorts by start time, and says when they are already in order', () => {
    const store = studio();
    sortTrackList(store, 'start');
    expect(store.getState().project.tracks.map((t) => t.name)).toEqual(['Early', 'Late']);
    sortTrackList(store, 'start');
    expect(store.getState().notices.at(-1)?.text).toBe('The tracks are already in order by start time.');
  });
});
