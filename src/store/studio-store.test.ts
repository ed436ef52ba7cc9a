import { describe, expect, it } from 'vitest';
import { newTrack } from '../project/types';
import { HISTORY_LIMIT, historyRows, referencedAssetIds } from './history';
import { createStudioStore } from './studio-store';

const withTracks = (n: number, rate = 48000) => ({
  sampleRate: rate,
  tracks: Array.from({ length: n }, (_, i) => newTrack(i)),
});

describe('studio store history', () => {
  it('undoes and redoes named commits in order', () => {
    const store = createStudioStore();
    const s = store.getState();
    const original = s.project;
    const one = withTracks(1),
      two = withTracks(2);
    s.commit('Add track', one);
    s.commit('Add another', two);
    expect(store.getState().undo()).toBe('Add another');
    expect(store.getState().project).toBe(one);
    expect(store.getState().undo()).toBe('Add track');
    expect(store.getState().project).toBe(original);
    expect(store.getState().undo()).toBeUndefined();
    expect(store.getState().redo()).toBe('Add track');
    expect(store.getState().redo()).toBe('Add another');
    expect(store.getState().project).toBe(two);
  });
  it('lists every state, oldest first, with how far away it is, and jumps to any of them at once', () => {
    const store = createStudioStore();
    const states = [store.getState().project, withTracks(1), withTracks(2), withTracks(3)];
    ['one', 'two', 'three'].forEach((label, i) => store.getState().commit(label, states[i + 1]));
    store.getState().undo();
    const rows = () => historyRows(store.getState().history);
    expect(rows()).toEqual([
      { label: 'Start', steps: -2 },
      { label: 'one', steps: -1 },
      { label: 'two', steps: 0 },
      { label: 'three', steps: 1 },
    ]);
    expect(store.getState().travel(-2)).toBe('one');
    expect(store.getState().project).toBe(states[0]);
    expect(rows().map((r) => r.steps)).toEqual([0, 1, 2, 3]);
    expect(store.getState().travel(3)).toBe('three');
    expect(store.getState().project).toBe(states[3]);
    expect(store.getState().travel(5)).toBe(undefined); // nothing to redo: nothing changes
    expect(store.getState().travel(-9)).toBe('one'); // as far back as there is
    expect(store.getState().project).toBe(states[0]);
  });
  it('forgets the steps undo could go back to, keeping those redo would bring back', () => {
    const store = createStudioStore();
    ['one', 'two', 'three'].forEach((label, i) => store.getState().commit(label, withTracks(i + 1)));
    store.getState().undo();
    store.getState().forgetPast();
    expect(historyRows(store.getState().history)).toEqual([
      { label: 'Start', steps: 0 },
      { label: 'three', steps: 1 },
    ]);
  });
  it('undo keeps the selection on the tracks that remain, and drops it when none do', () => {
    const store = createStudioStore();
    const one = withTracks(1),
      two = { ...withTracks(2), tracks: [one.tracks[0], newTrack(1)] };
    store.getState().commit('Import', one);
    store.getState().commit('Import another', two);
    store.getState().set({ selection: { start: 10, end: 20, trackIds: two.tracks.map((t) => t.id) } });
    store.getState().undo();
    expect(store.getState().selection).toEqual({ start: 10, end: 20, trackIds: [one.tracks[0].id] });
    store.getState().undo();
    expect(store.getState().selection).toBeNull();
  });
  it('a new edit after undo clears the redo stack', () => {
    const store = createStudioStore();
    store.getState().commit('a', withTracks(1));
    store.getState().undo();
    store.getState().commit('b', withTracks(3));
    expect(store.getState().redo()).toBeUndefined();
    expect(store.getState().history.past.map((e) => e.label)).toEqual(['b']);
  });
  it('records a drag as one step, however many previews it showed', () => {
    const store = createStudioStore();
    const before = store.getState().project;
    store.getState().beginTransaction();
    for (let i = 1; i <= 5; i++) store.getState().preview(withTracks(i));
    store.getState().endTransaction('Move clip');
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().project).toBe(before);
  });
  it('a drag that changed nothing records nothing, and an unchanged commit is ignored', () => {
    const store = createStudioStore();
    store.getState().beginTransaction();
    store.getState().endTransaction('Move clip');
    store.getState().commit('nothing', store.getState().project);
    expect(store.getState().history.past).toHaveLength(0);
  });
  it('keeps at most HISTORY_LIMIT steps', () => {
    const store = createStudioStore();
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) store.getState().commit(`e${i}`, withTracks(1));
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    expect(store.getState().history.past[0].label).toBe('e10');
  });
  it('knows which assets the project and its history still use', () => {
    const store = createStudioStore();
    const clip = (assetId: string) => ({ id: assetId, assetId, name: '', start: 0, offset: 0, length: 1 });
    const t = newTrack(0);
    store.getState().commit('a', { sampleRate: 48000, tracks: [{ ...t, clips: [clip('x')] }] });
    store.getState().commit('b', { sampleRate: 48000, tracks: [{ ...t, clips: [clip('y')] }] });
    store.getState().undo();
    const { project, history } = store.getState();
    expect([...referencedAssetIds(project, history)].sort()).toEqual(['x', 'y']);
  });
});
