import { describe, expect, it } from 'vitest';
import { mixdown } from '../project/mixdown';
import { makeStereoTrack } from './join-stereo';
import { oneTrackStudio } from './one-track.fixture';
import { splitStereoTrack } from './split-stereo';

const RATE = 1000;
const left = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i / 7));
const right = Float32Array.from({ length: 500 }, (_, i) => 0.3 * Math.cos(i / 3));

describe('Make stereo track', () => {
  it('joins what Split stereo split: one stereo track, its name back, mixing as before to the sample', () => {
    const { store, assets, services } = oneTrackStudio([left, right], RATE);
    const before = mixdown(store.getState().project, assets, { range: { start: 0, end: 500 } });
    splitStereoTrack(services);
    store.getState().selectRange({ start: 0, end: 10, trackIds: [store.getState().project.tracks[0].id] });
    makeStereoTrack(services);
    const { project, history } = store.getState();
    expect(project.tracks.map((t) => [t.name, t.pan, t.clips.length])).toEqual([['Track 1', 0, 1]]);
    expect(assets.get(project.tracks[0].clips[0].assetId).channels).toHaveLength(2);
    const after = mixdown(project, assets, { range: { start: 0, end: 500 } });
    after.forEach((ch, c) => expect(Array.from(ch)).toEqual(Array.from(before[c])));
    expect(history.past.at(-1)?.label).toBe('Make stereo track "Track 1"');
  });

  it('joins only two mono tracks, and says what is missing', () => {
    const { store, services } = oneTrackStudio([left, right], RATE);
    makeStereoTrack(services);
    expect(store.getState().notices.at(-1)?.text).toContain('there is no track under it');
    splitStereoTrack(services);
    store.getState().selectRange({ start: 0, end: 10, trackIds: [store.getState().project.tracks[1].id] });
    makeStereoTrack(services); // the lower one selected: nothing under it
    expect(store.getState().project.tracks).toHaveLength(2);
  });
});
