import { describe, expect, it } from 'vitest';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import type { Services } from '../app/services';
import { getAction } from './registry';
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

  it('Shift+Home and Shift+End select from the playhead to either end of the project', async () => {
    const store = createStudioStore();
    const clip = { id: 'c', assetId: 'x', name: 'c', start: 0, offset: 0, length: 1000 };
    const track = { ...newTrack(0), clips: [clip] };
    store.getState().commit('Start', { sampleRate: 8000, tracks: [track] });
    store.getState().seek(300);
    const services = { store } as unknown as Services;
    await getAction('selectToEnd').perform(services);
    expect(store.getState().selection).toEqual({ start: 300, end: 1000, trackIds: [track.id] });
    await getAction('selectToStart').perform(services);
    expect(store.getState().selection).toEqual({ start: 0, end: 300, trackIds: [track.id] });
  });
});
