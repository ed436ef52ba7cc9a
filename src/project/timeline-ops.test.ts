import { describe, expect, it } from 'vitest';
import { clipAt } from './clip.fixture';
import { copyClips, duplicateClips, moveClip, moveClips, quantizeClips, slipClip } from './timeline-ops';
import { newTrack, type Project } from './types';

function project(): Project {
  return {
    sampleRate: 1000,
    tracks: [
      { ...newTrack(0), clips: [clipAt('a', 'x', 100, 50), clipAt('b', 'x', 400, 50)] },
      { ...newTrack(1), clips: [clipAt('c', 'x', 300, 50)] },
      { ...newTrack(2), clips: [] },
    ],
  };
}

const layout = (p: Project) => p.tracks.map((t) => t.clips.map((c) => `${c.id}@${c.start}`));

describe('moving clips together', () => {
  it('moves a group by the same time and tracks, its spacing kept, the others left', () => {
    expect(layout(moveClips(project(), ['a', 'c'], 250, 1))).toEqual([['b@400'], ['a@350'], ['c@550']]);
  });

  it('stops the group at the timeline’s start and at the first and last tracks', () => {
    expect(layout(moveClips(project(), ['a', 'c'], -500, 5))).toEqual([['b@400'], ['a@0'], ['c@200']]);
    expect(layout(moveClips(project(), ['c'], 0, -3))).toEqual([['a@100', 'c@300', 'b@400'], [], []]);
    const p = project();
    expect(moveClips(p, ['a', 'b'], 0, -1)).toBe(p); // on the first track already
    expect(layout(moveClips(p, ['a', 'b'], -500, 0))).toEqual([['a@0', 'b@300'], ['c@300'], []]);
    expect(moveClips(p, ['nothing'], 10, 0)).toBe(p);
  });

  it('moves one clip to a start on a track, as a drag does', () => {
    const p = project();
    expect(layout(moveClip(p, 'b', p.tracks[2].id, 20))).toEqual([['a@100'], ['c@300'], ['b@20']]);
    expect(moveClip(p, 'b', 'no such track', 20)).toBe(p);
  });
});

describe('quantizing clips', () => {
  it('starts each chosen clip on the beat nearest its start, the others left', () => {
    const grid = { bpm: 240, beatsPerBar: 4, beatUnit: 4, downbeat: 0 }; // a beat every 250 samples
    expect(layout(quantizeClips(project(), ['a', 'b', 'c'], grid))).toEqual([['a@0', 'b@500'], ['c@250'], []]);
    expect(layout(quantizeClips(project(), ['b'], grid))).toEqual([['a@100', 'b@500'], ['c@300'], []]);
  });
});

describe('duplicating clips', () => {
  it('puts copies of a group right after it, each on its own track, with new ids', () => {
    const { project: p, copies } = duplicateClips(project(), ['a', 'c']); // the group spans 100 to 350
    expect(layout(p).map((row) => row.map((c) => c.replace(/^[^@]+@/, '')))).toEqual([
      ['100', '350', '400'],
      ['300', '550'],
      [],
    ]);
    expect(copies).toHaveLength(2);
    expect(copies).not.toContain('a');
    expect(duplicateClips(p, []).project).toBe(p);
  });
});

describe('copying clips', () => {
  it('holds them as a range from the group’s start, a row per track between the first and the last', () => {
    const p = project();
    const copied = copyClips(p, ['a', 'c'])!; // 100-150 on the first track, 300-350 on the second
    expect(copied.length).toBe(250);
    expect(copied.tracks.map((row) => row.map((c) => `${c.id}@${c.start}`))).toEqual([['a@0'], ['c@200']]);
    expect(copyClips(p, ['b'])!.tracks).toHaveLength(1);
    expect(copyClips(p, [])).toBeNull();
  });
});

describe('slipping a clip', () => {
  it('moves its audio inside it, the clip where it was, no further than its asset goes', () => {
    const clip = { ...clipAt('c', 'a', 1000, 400), offset: 100, envelope: [{ at: 150, gain: 0.5 }] };
    const project: Project = { sampleRate: 1000, tracks: [{ ...newTrack(0), clips: [clip] }] };
    const slipped = (delta: number) => slipClip(project, 'c', delta, 600).tracks[0].clips[0];
    expect(slipped(60)).toMatchObject({ start: 1000, length: 400, offset: 40, envelope: clip.envelope });
    expect(slipped(500).offset).toBe(0); // the asset's start
    expect(slipped(-500).offset).toBe(200); // its end: 600 samples, 400 shown
    expect(slipClip(project, 'c', 0, 600)).toBe(project);
  });
});
