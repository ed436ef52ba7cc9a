import { describe, expect, it } from 'vitest';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import type { Services } from '../app/services';
import { getAction } from './registry';
import { loopRange, targetTrackIds } from './targets';

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

describe('the loop region', () => {
  it('is the selection when Loop goes on, stays while other things are selected, and is kept dim when off', async () => {
    const store = createStudioStore();
    const track = newTrack(0);
    store.getState().commit('Start', { sampleRate: 8000, tracks: [track] });
    const services = { store } as unknown as Services;
    const select = (start: number, end: number) => store.getState().selectRange({ start, end, trackIds: [track.id] });
    select(100, 200);
    expect(loopRange(store.getState())).toBeUndefined(); // Loop is off
    await getAction('loop').perform(services);
    expect(loopRange(store.getState())).toEqual({ start: 100, end: 200 });
    select(500, 900);
    expect(loopRange(store.getState())).toEqual({ start: 100, end: 200 }); // the loop stays where it was set
    await getAction('loop').perform(services);
    expect(store.getState()).toMatchObject({ loop: false, loopRegion: { start: 100, end: 200 } });
    await getAction('loop').perform(services); // on again: the selection now
    expect(loopRange(store.getState())).toEqual({ start: 500, end: 900 });
    store.getState().set({ selection: null });
    await getAction('loop').perform(services);
    await getAction('loop').perform(services); // on with nothing selected: the region kept
    expect(loopRange(store.getState())).toEqual({ start: 500, end: 900 });
  });
});
