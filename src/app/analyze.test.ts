import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../store/studio-store';
import { newTrack, type Project } from '../project/types';
import { analysisTargets } from './analyze';

const clip = (id: string, start: number, length: number) => ({ id, assetId: 'a', name: id, start, offset: 0, length });

describe('what Analyze works on', () => {
  const project: Project = {
    sampleRate: 1000,
    tracks: [
      { ...newTrack(0), clips: [clip('c1', 0, 4000)] },
      { ...newTrack(1), clips: [clip('c2', 1000, 5000)] },
      { ...newTrack(2), clips: [] },
    ],
  };
  const [a, b] = project.tracks;

  it("takes the selection's tracks over its range", () => {
    const state = {
      ...createStudioStore().getState(),
      project,
      selection: { start: 500, end: 1500, trackIds: [a.id, b.id] },
    };
    expect(analysisTargets(state).map((t) => [t.track.id, t.range])).toEqual([
      [a.id, { start: 500, end: 1500 }],
      [b.id, { start: 500, end: 1500 }],
    ]);
  });

  it('without a selection, every track with audio from its start to its end', () => {
    const state = { ...createStudioStore().getState(), project, selection: null };
    expect(analysisTargets(state).map((t) => [t.track.id, t.range.end])).toEqual([
      [a.id, 4000],
      [b.id, 6000],
    ]);
  });
});
