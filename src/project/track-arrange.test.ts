import { describe, expect, it } from 'vitest';
import { clipAt } from './clip.fixture';
import { alignmentShifts, sortTracks, steppedTracks, trackSpan } from './track-arrange';
import { newTrack, type Project } from './types';

const track = (name: string, clips: [number, number][]) => ({
  ...newTrack(0),
  name,
  clips: clips.map(([start, length], i) => clipAt(`${name}${i}`, 'a', start, length)),
});
const drums = track('Take 10', [[500, 100]]);
const bass = track('take 2', [
  [200, 100],
  [400, 50],
]);
const empty = track('Empty', []);
const project: Project = { sampleRate: 1000, tracks: [drums, bass, empty] };
const all = project.tracks.map((t) => t.id);

describe('aligning tracks', () => {
  it("spans a track's clips, none for an empty track", () => {
    expect(trackSpan(bass)).toEqual({ start: 200, end: 450 });
    expect(trackSpan(empty)).toBeNull();
  });

  it('moves each track to start at zero, or at the playhead, leaving empty ones and those not chosen', () => {
    expect([...alignmentShifts(project, all, 'zero', 0)]).toEqual([
      [drums.id, -500],
      [bass.id, -200],
    ]);
    expect([...alignmentShifts(project, [bass.id], 'playhead', 1000)]).toEqual([[bass.id, 800]]);
  });

  it('puts each track where the one above it ends, the first staying put', () => {
    expect([...alignmentShifts(project, all, 'endToEnd', 0)]).toEqual([
      [drums.id, 0],
      [bass.id, 400], // starts at 600, where the drums end
    ]);
  });
});

describe('sorting tracks', () => {
  const take = { ...track('Take of drums', [[0, 10]]), takeOf: drums.id };
  const withTake: Project = { ...project, tracks: [drums, take, bass, empty] };
  const names = (p: Project) => p.tracks.map((t) => t.name);

  it('by start time, empty tracks last, a take kept under its track', () => {
    expect(names(sortTracks(withTake, 'start'))).toEqual(['take 2', 'Take 10', 'Take of drums', 'Empty']);
  });

  it('by name as people read numbers, ignoring case', () => {
    expect(names(sortTracks(withTake, 'name'))).toEqual(['Empty', 'take 2', 'Take 10', 'Take of drums']);
  });
});

describe('stepping the selected tracks', () => {
  const shown = ['a', 'b', 'c', 'd'];

  it('moves to the track past the selection, held at either end; from none, the first or the last', () => {
    expect(steppedTracks(shown, ['b'], 1, false)).toEqual(['c']);
    expect(steppedTracks(shown, ['b', 'c'], -1, false)).toEqual(['a']);
    expect(steppedTracks(shown, ['d'], 1, false)).toEqual(['d']);
    expect(steppedTracks(shown, [], 1, false)).toEqual(['a']);
    expect(steppedTracks(shown, ['hidden'], -1, false)).toEqual(['d']);
  });

  it('adds the next track to the selection with Shift', () => {
    expect(steppedTracks(shown, ['b'], 1, true)).toEqual(['b', 'c']);
    expect(steppedTracks(shown, ['b', 'c'], -1, true)).toEqual(['a', 'b', 'c']);
  });
});
