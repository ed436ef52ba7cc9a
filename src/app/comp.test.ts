import { describe, expect, it } from 'vitest';
import { compedRanges, trackAudio } from '../project/generated-ops';
import { newTrack } from '../project/types';
import { compTake } from './comp';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 1000; // a 20 ms crossfade is 20 samples
const steady = (value: number, length = 1000) => new Float32Array(length).fill(value);

/** A track of 0.5 and its take B of -0.5 (playing, as A/B leaves it), the take's 200-600 selected. */
function withTake() {
  const studio = oneTrackStudio([steady(0.5)], RATE);
  const { store, assets } = studio;
  const source = store.getState().project.tracks[0];
  const asset = assets.add([steady(-0.5), steady(-0.25)], RATE);
  const take = {
    ...newTrack(1),
    name: 'Take',
    takeOf: source.id,
    clips: [{ id: 't', assetId: asset.id, name: 'take', start: 0, offset: 0, length: 1000 }],
  };
  const project = store.getState().project;
  store.getState().commit('Take', {
    ...project,
    tracks: [{ ...source, mute: true }, take],
  });
  store.getState().selectRange({ start: 200, end: 600, trackIds: [take.id] });
  return { ...studio, sourceId: source.id, takeId: take.id };
}

describe('Comp', () => {
  it("puts the take's selected range on its track, crossfaded at both edges, and plays the track", () => {
    const { store, assets, services, sourceId } = withTake();
    compTake(services);
    const { project, history } = store.getState();
    expect(history.past.at(-1)?.label).toBe('Comp take B');
    const [source, take] = project.tracks;
    expect([source.mute, take.mute]).toEqual([false, true]);
    expect(source.id).toBe(sourceId);
    const [left, right] = trackAudio(source, assets, { start: 0, end: 1000 });
    expect([left[199], left[220], left[400], left[579], left[600]]).toEqual([0.5, -0.5, -0.5, -0.5, 0.5]);
    expect(right[400]).toBe(-0.25); // the take's second channel, where the track had one
    expect(Math.abs(left[210])).toBeLessThan(0.5); // inside the crossfade
    expect(trackAudio(take, assets, { start: 0, end: 1000 })[0][400]).toBe(-0.5); // the take as it was
    expect(compedRanges(project, take.id)).toEqual([{ start: 200, end: 600 }]); // marked on the take as used
  });

  it('says what to do where no range of a take is selected, and changes nothing', () => {
    const { store, services, sourceId } = withTake();
    store.getState().selectRange({ start: 200, end: 600, trackIds: [sourceId] });
    const before = store.getState().project;
    compTake(services);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toContain('select a range on a take');
  });

  it('leaves the track alone where the take is silent in the selection', () => {
    const { store, services, takeId } = withTake();
    const project = store.getState().project;
    const tracks = project.tracks.map((t) => (t.id === takeId ? { ...t, clips: [] } : t));
    store.getState().commit('Empty take', { ...project, tracks });
    const before = store.getState().project;
    compTake(services);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toContain('holds nothing in the selection');
  });
});
