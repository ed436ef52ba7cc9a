import { describe, expect, it } from 'vitest';
import { addTrackEffect, changeTrackEffect, MASTER, newTrackEffect } from '../project/track-effects';
import { startGesture } from './project-commands';
import { oneTrackStudio } from './one-track.fixture';
import { changeBusGain, commitEffectEdit } from './track-effects';

const undoLabels = (store: ReturnType<typeof oneTrackStudio>['store']) =>
  store.getState().history.past.map((e) => e.label);

describe('effect commands', () => {
  it('land each edit as one undo step and say why one is refused, the project unchanged', () => {
    const { store } = oneTrackStudio([new Float32Array(100)], 8000);
    const trackId = store.getState().project.tracks[0].id;
    const filter = newTrackEffect('filter');
    expect(commitEffectEdit(store, (p) => addTrackEffect(p, trackId, filter))).toBe(true);
    const before = store.getState().project;
    expect(commitEffectEdit(store, (p) => changeTrackEffect(p, trackId, filter.id, { hz: 1 }))).toBe(false);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe("A filter's frequency must be 20 to 20000 Hz.");
    expect(undoLabels(store)).toEqual(['Import', 'Add Filter']);
  });

  it('preview the master fader while it is dragged and land the drag as one step', () => {
    const { store } = oneTrackStudio([new Float32Array(100)], 8000);
    const drag = startGesture(store);
    for (const db of [-1, -2, -3]) changeBusGain(store, MASTER, db);
    expect(store.getState().project.master?.gainDb).toBe(-3);
    drag.end('Master gain');
    expect(undoLabels(store)).toEqual(['Import', 'Master gain']);
    changeBusGain(store, MASTER, 40);
    expect(store.getState().notices.at(-1)?.text).toBe('The master fader goes from -36 to +12 dB.');
    expect(store.getState().project.master?.gainDb).toBe(-3);
  });
});
