import { describe, expect, it } from 'vitest';
import { deleteTakes, loopPasses, placeLoopTakes, recordedTake, takeToTrack } from './loop-takes';
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

  it('onto an armed track, makes every pass a take of it, the last one playing', () => {
    const vocal = { ...newTrack(0), name: 'Vocal' };
    const project: Project = { sampleRate: 1000, tracks: [vocal, newTrack(1)] };
    const placed = placeLoopTakes(project, ['a', 'b'], [1000, 400], { start: 500, end: 1500 }, vocal.id);
    expect(placed.tracks.map((t) => [t.name, t.takeOf, t.mute])).toEqual([
      ['Vocal', undefined, true],
      ['Take B', vocal.id, true],
      ['Take C', vocal.id, false],
      ['Track 2', undefined, false],
    ]);
  });
});

describe('recording onto an armed track', () => {
  it("lands as the track's newest take where it began, playing in place of the track and its other takes", () => {
    const vocal = { ...newTrack(0), name: 'Vocal', gainDb: -3 };
    const once = recordedTake({ sampleRate: 1000, tracks: [vocal] }, vocal.id, 'a', 200, 800);
    const twice = recordedTake(once, vocal.id, 'b', 250, 700);
    expect(twice.tracks.map((t) => [t.name, t.mute, t.gainDb, t.clips[0]?.start])).toEqual([
      ['Vocal', true, -3, undefined],
      ['Take B', true, -3, 200],
      ['Take C', false, -3, 250],
    ]);
  });

  it('deletes the takes once comped, the track playing; or makes one a track of its own', () => {
    const vocal = { ...newTrack(0), name: 'Vocal' };
    const two = recordedTake(
      recordedTake({ sampleRate: 1000, tracks: [vocal] }, vocal.id, 'a', 0, 10),
      vocal.id,
      'b',
      0,
      10,
    );
    const flat = deleteTakes(two, vocal.id);
    expect(flat.label).toBe('Delete 2 takes');
    expect(flat.project.tracks.map((t) => [t.name, t.mute])).toEqual([['Vocal', false]]);
    const kept = takeToTrack(two, two.tracks[1].id).project;
    expect(kept.tracks.map((t) => t.takeOf)).toEqual([undefined, undefined, vocal.id]);
  });
});
