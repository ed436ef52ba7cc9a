import { describe, expect, it } from 'vitest';
import { clipAt } from './clip.fixture';
import { gridTargets, snapEdge, snapMove, snapTargets } from './snap';
import { newTrack, type Project } from './types';

const clip = (id: string, start: number, length: number) => clipAt(id, 'a', start, length);

function project(): Project {
  return {
    sampleRate: 1000,
    tracks: [
      { ...newTrack(0), clips: [clip('a', 100, 400), clip('b', 900, 100)] },
      { ...newTrack(1), clips: [clip('moving', 2000, 300)], tempoBpm: 120, beatStart: 250 },
    ],
  };
}

describe('snapping', () => {
  it('gathers other clips’ edges, the playhead, beats and 0, not the dragged clip’s own', () => {
    const targets = snapTargets(project(), 700, ['moving']);
    expect(targets).toEqual(expect.arrayContaining([0, 100, 500, 700, 900, 1000, 250, 750, 1250]));
    expect(targets).not.toContain(2000);
    expect(targets).not.toContain(2300);
    expect([...targets].sort((a, b) => a - b)).toEqual(targets);
  });

  it('moves the clip so its nearer edge meets a target within the tolerance, else leaves it', () => {
    const targets = [0, 500, 900];
    expect(snapMove(505, 300, targets, 10)).toBe(500); // its start onto 500
    expect(snapMove(596, 300, targets, 10)).toBe(600); // its end onto 900
    expect(snapMove(530, 300, targets, 10)).toBe(530); // nothing near
    expect(snapMove(3, 300, targets, 10)).toBe(0);
    expect(snapMove(498, 400, [500, 901], 10)).toBe(500); // start 2 away beats end 3 away
  });

  it('puts a trimmed edge on the nearest target within the tolerance', () => {
    expect(snapEdge(505, [0, 500, 900], 10)).toBe(500);
    expect(snapEdge(520, [0, 500, 900], 10)).toBe(520);
  });

  it('lists a grid’s beats from the start to a little past the project’s end, for a selection’s edges', () => {
    const grid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 250 };
    const beats = gridTargets(project(), grid); // the project ends at 2300; eight beats on is 6300
    expect(beats.slice(0, 3)).toEqual([250, 750, 1250]);
    expect(beats.at(-1)).toBe(6250);
  });
});
