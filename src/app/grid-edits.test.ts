import { describe, expect, it } from 'vitest';
import { oneTrackStudio } from './one-track.fixture';
import { quantize, splitAtBars } from './grid-edits';
import { setTempo } from './tempo';

const RATE = 1000;

describe('quantize', () => {
  it('starts the clips in the selection on the nearest beat, one undo step, saying how far; else why not', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const [track] = store.getState().project.tracks;
    const second = { ...track.clips[0], id: 'd', start: 1_610 };
    store.getState().commit('Move', {
      ...store.getState().project,
      tracks: [{ ...track, clips: [{ ...track.clips[0], start: 1_030 }, second] }],
    });
    quantize(services);
    expect(store.getState().notices.at(-1)?.text).toMatch(/set a tempo first/);
    setTempo(services, { bpm: 120 }); // a beat every 500 samples
    store.getState().selectRange({ start: 1_000, end: 1_500, trackIds: [track.id] }); // holds the first clip's start
    quantize(services);
    expect(store.getState().project.tracks[0].clips.map((c) => c.start)).toEqual([1_000, 1_610]);
    expect(store.getState().notices.at(-1)?.text).toBe('Quantized the clip onto the beat (moved by up to 30 ms).');
    store.getState().selectClip('c');
    store.getState().toggleClipSelected('d');
    quantize(services);
    expect(store.getState().project.tracks[0].clips.map((c) => c.start)).toEqual([1_000, 1_500]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Quantize 2 clips');
    quantize(services);
    expect(store.getState().notices.at(-1)?.text).toBe('Quantize: 2 clips start on the beat already.');
  });
});

describe('split at bars', () => {
  it('splits the clips in the selection where bars begin, one undo step; says why not where none is crossed', () => {
    const { store, services } = oneTrackStudio([new Float32Array(10 * RATE)], RATE, { start: 1_000, end: 7_000 });
    splitAtBars(services);
    expect(store.getState().notices.at(-1)?.text).toMatch(/set a tempo/);
    setTempo(services, { bpm: 120 }); // a bar every 2 s: bar lines at 2, 4 and 6 s in the selection
    splitAtBars(services);
    const starts = () => store.getState().project.tracks[0].clips.map((c) => c.start);
    expect(starts()).toEqual([0, 2_000, 4_000, 6_000]);
    expect(store.getState().history.past.at(-1)?.label).toBe('Split at bars');
    expect(store.getState().notices.at(-1)?.text).toBe('Split at 3 bar lines: 3 more clips.');
    splitAtBars(services);
    expect(store.getState().notices.at(-1)?.text).toBe('Split at bars: no clip crosses a bar line in the selection.');
  });
});
