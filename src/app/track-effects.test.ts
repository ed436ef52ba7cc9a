import { describe, expect, it } from 'vitest';
import { addTrackEffect, changeTrackEffect, MASTER, newTrackEffect } from '../project/track-effects';
import { startGesture } from './project-commands';
import { oneTrackStudio } from './one-track.fixture';
import { changeBusGain, changeSendLevel, commitEffectEdit } from './track-effects';
import { createBus, setSend } from '../project/buses';
import { groupTracks } from '../project/track-groups';
import { newTrack } from '../project/types';

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

  it("moves a grouped track's send and its group's sends to that bus by as much", () => {
    const { store } = oneTrackStudio([new Float32Array(100)], 8000);
    const first = store.getState().project.tracks[0];
    const second = { ...newTrack(1) };
    let project = { ...store.getState().project, tracks: [first, second] };
    project = createBus(project, first.id).project;
    const busId = project.buses?.[0].id ?? '';
    project = setSend(project, second.id, busId, -6).project;
    store.getState().commit('Setup', groupTracks(project, [first.id, second.id]).project);
    changeSendLevel(store, first.id, busId, -18);
    const levels = store.getState().project.tracks.map((t) => t.sends?.[0].levelDb);
    expect(levels).toEqual([-18, -12]);
  });
});
