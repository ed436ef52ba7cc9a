import { describe, expect, it } from 'vitest';
import { mixdown } from '../project/mixdown';
import { oneTrackStudio } from './one-track.fixture';
import { splitStereoTrack } from './split-stereo';

const RATE = 1000;
const left = Float32Array.from({ length: 500 }, (_, i) => Math.sin(i / 7));
const right = Float32Array.from({ length: 500 }, (_, i) => 0.3 * Math.cos(i / 3));

describe('Split stereo track', () => {
  it('makes two mono tracks panned hard left and right that mix as the stereo track did', () => {
    const { store, assets, services } = oneTrackStudio([left, right], RATE);
    const before = mixdown(store.getState().project, assets, { range: { start: 0, end: 500 } });
    splitStereoTrack(services);
    const { project, history } = store.getState();
    expect(project.tracks.map((t) => [t.name, t.pan])).toEqual([
      ['Track 1 L', -1],
      ['Track 1 R', 1],
    ]);
    expect(assets.get(project.tracks[1].clips[0].assetId).channels[0]).toBe(right); // shared, not copied
    const after = mixdown(project, assets, { range: { start: 0, end: 500 } });
    after.forEach((ch, c) => ch.forEach((v, i) => expect(v).toBeCloseTo(before[c][i], 7)));
    expect(history.past.at(-1)?.label).toBe('Split stereo track "Track 1"');
  });

  it('leaves a mono track as it is and says so', () => {
    const { store, services } = oneTrackStudio([left], RATE);
    splitStereoTrack(services);
    expect(store.getState().project.tracks).toHaveLength(1);
    expect(store.getState().notices.at(-1)?.text).toContain('is not a stereo track');
  });
});
