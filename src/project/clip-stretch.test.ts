import { describe, expect, it } from 'vitest';
import { placeStretched } from './clip-stretch';
import { labelAt } from './label.fixture';
import { newTrack, type Clip, type Project } from './types';

describe('placeStretched', () => {
  const clip: Clip = {
    id: 'c',
    assetId: 'a',
    name: 'Loop',
    start: 1000,
    offset: 200,
    length: 1000,
    envelope: [
      { at: 200, gain: 1 },
      { at: 700, gain: 0.5 },
    ],
    fadeIn: { length: 100, curve: 'linear' },
  };
  const project = {
    sampleRate: 1000,
    tracks: [
      {
        ...newTrack(0),
        clips: [clip, { ...clip, id: 'next', start: 2500 }],
        labels: [labelAt('over', 1200, 1400), labelAt('after', 2600, 2700)],
      },
    ],
  } as Project;

  it('puts the stretch in the clip, its envelope, fade and the labels over it stretched with it, the rest left', () => {
    const [track] = placeStretched(project, 'c', 'end', { assetId: 'b', length: 1500 }).tracks;
    const [stretched, next] = track.clips;
    expect(stretched).toMatchObject({ assetId: 'b', start: 1000, offset: 0, length: 1500 });
    expect(stretched.id).not.toBe('c');
    expect(stretched.envelope).toEqual([
      { at: 0, gain: 1 },
      { at: 750, gain: 0.5 },
    ]);
    expect(stretched.fadeIn?.length).toBe(150);
    expect(next.start).toBe(2500);
    expect(track.labels?.map((l) => [l.start, l.end])).toEqual([
      [1300, 1600],
      [2600, 2700],
    ]);
  });

  it('stretched by its start, keeps its end where it was', () => {
    const [stretched] = placeStretched(project, 'c', 'start', { assetId: 'b', length: 500 }).tracks[0].clips;
    expect(stretched.start).toBe(1500);
    expect(stretched.start + stretched.length).toBe(2000);
  });
});
