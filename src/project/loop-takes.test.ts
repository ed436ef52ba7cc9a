import { describe, expect, it } from 'vitest';
import { loopPasses, placeLoopTakes } from './loop-takes';
import { newTrack, type Project } from './types';

describe('loop recording', () => {
  it('cuts a recording into the loop’s passes, the last as long as it got, a scrap left out', () => {
    const take = [Float32Array.from({ length: 2600 }, (_, i) => i)];
    const passes = loopPasses(take, 1000, 1000);
    expect(passes.map((p) => [p[0][0], p[0].length])).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 600],
    ]);
    expect(loopPasses([new Float32Array(2100)], 1000, 1000)).toHaveLength(2); // 100 samples: under 0.25 s
  });

  it('makes the first pass a new track and the others its takes, the last one playing', () => {
    const project: Project = { sampleRate: 1000, tracks: [newTrack(0)] };
    const placed = placeLoopTakes(project, ['a', 'b', 'c'], [1000, 1000, 600], { start: 500, end: 1500 });
    const [, first, ...takes] = placed.tracks;
    expect(first).toMatchObject({ name: 'Loop take 1', mute: true });
    expect(first.clips[0]).toMatchObject({ assetId: 'a', start: 500, length: 1000 });
    expect(takes.map((t) => [t.name, t.takeOf, t.mute, t.clips[0].length])).toEqual([
      ['Loop take 2', first.id, true, 1000],
      ['Loop take 3', first.id, false, 600],
    ]);
    const one = placeLoopTakes(project, ['a'], [1000], { start: 0, end: 1000 });
    expect(one.tracks.at(-1)).toMatchObject({ name: 'Loop take 1', mute: false });
  });
});
