import { describe, expect, it } from 'vitest';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { targetTrackIds } from './targets';

describe('targetTrackIds', () => {
  it('takes the selected tracks that are still there, else every track', () => {
    const store = createStudioStore();
    const [a, b] = [newTrack(0), newTrack(1)];
    store.getState().commit('Start', { sampleRate: 8000, tracks: [a, b] });
    store.getState().selectRange({ start: 0, end: 10, trackIds: [b.id] });
    expect(targetTrackIds(store.getState())).toEqual([b.id]);
    store.getState().commit('Delete track', { sampleRate: 8000, tracks: [a] }); // the selected one went
    expect(targetTrackIds(store.getState())).toEqual([a.id]);
  });
});
