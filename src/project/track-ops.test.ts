import { describe, expect, it } from 'vitest';
import { clipAt } from './clip.fixture';
import {
  deleteTrack,
  duplicateRange,
  moveTrack,
  setTrack,
  soloOnly,
  splitNewRange,
  toggleMute,
  toggleSolo,
} from './track-ops';
import { newTrack, type Project } from './types';

const project: Project = { sampleRate: 48000, tracks: [{ ...newTrack(0), name: 'Drums' }, newTrack(1)] };
const id = project.tracks[0].id;

describe('track edits', () => {
  it('mute and solo toggle with the label undo shows, and touch only their track', () => {
    const muted = toggleMute(project, id);
    expect(muted.label).toBe('Mute');
    expect(muted.project.tracks.map((t) => t.mute)).toEqual([true, false]);
    expect(toggleMute(muted.project, id).label).toBe('Unmute');
    expect(toggleSolo(project, id).project.tracks[0].solo).toBe(true);
  });

  it('solo only: this track soloed, the others not; again, every solo off', () => {
    const soloed = { ...project, tracks: project.tracks.map((t, i) => ({ ...t, solo: i === 1 })) };
    const only = soloOnly(soloed, id);
    expect(only.label).toBe('Solo only');
    expect(only.project.tracks.map((t) => t.solo)).toEqual([true, false]);
    const cleared = soloOnly(only.project, id);
    expect(cleared.label).toBe('Unsolo all');
    expect(cleared.project.tracks.map((t) => t.solo)).toEqual([false, false]);
  });

  it('sets a field and deletes a track by name', () => {
    expect(setTrack(project, id, 'Track gain', { gainDb: -6 }).project.tracks[0].gainDb).toBe(-6);
    const deleted = deleteTrack(project, id);
    expect(deleted.label).toBe('Delete Drums');
    expect(deleted.project.tracks).toHaveLength(1);
  });

  it('moves a track up or down one place, and leaves the list as it is at either end', () => {
    const three = { ...project, tracks: [...project.tracks, { ...newTrack(2), name: 'Bass' }] };
    const names = (p: Project) => p.tracks.map((t) => t.name);
    expect(names(moveTrack(three, id, 1).project)).toEqual(['Track 2', 'Drums', 'Bass']);
    expect(moveTrack(three, id, 1).label).toBe('Move track down');
    expect(names(moveTrack(three, three.tracks[2].id, -1).project)).toEqual(['Drums', 'Bass', 'Track 2']);
    expect(moveTrack(three, id, -1).project).toBe(three);
    expect(moveTrack(three, three.tracks[2].id, 1).project).toBe(three);
  });

  it("duplicates the range of each chosen track as a new track under it, in place, with the track's settings", () => {
    const drums = {
      ...project.tracks[0],
      gainDb: -3,
      pan: 0.5,
      volume: [{ at: 0, gain: 0.5 }],
      tempoBpm: 120,
      clips: [clipAt('a', 'asset-a', 0, 1000), clipAt('b', 'asset-b', 1500, 1000)],
      labels: [{ id: 'l', start: 0, end: 10, name: 'kick', description: 'a kick', confidence: 0.9 }],
    };
    const { label, project: out } = duplicateRange({ ...project, tracks: [drums, project.tracks[1]] }, [id], {
      start: 500,
      end: 2000,
    });
    expect(label).toBe('Duplicate');
    expect(out.tracks.map((t) => t.name)).toEqual(['Drums', 'Drums copy', 'Track 2']);
    const copy = out.tracks[1];
    expect(copy).toMatchObject({ gainDb: -3, pan: 0.5, volume: drums.volume, tempoBpm: 120 });
    expect(copy.labels).toBeUndefined();
    expect(copy.id).not.toBe(id);
    expect(copy.clips.map((c) => [c.assetId, c.start, c.offset, c.length])).toEqual([
      ['asset-a', 500, 500, 500],
      ['asset-b', 1500, 0, 500],
    ]);
    expect(new Set(copy.clips.map((c) => c.id)).size).toBe(2);
    expect(copy.clips.some((c) => ['a', 'b'].includes(c.id))).toBe(false);
    expect(out.tracks[0]).toBe(drums);
  });

  it('splits the range off each chosen track onto a new track under it, a gap left where it was', () => {
    const drums = {
      ...project.tracks[0],
      clips: [clipAt('a', 'asset-a', 0, 1000), clipAt('b', 'asset-b', 1500, 1000)],
    };
    const { label, project: out } = splitNewRange({ ...project, tracks: [drums, project.tracks[1]] }, [id], {
      start: 500,
      end: 2000,
    });
    expect(label).toBe('Split new');
    expect(out.tracks.map((t) => t.name)).toEqual(['Drums', 'Drums', 'Track 2']);
    const span = (c: { start: number; length: number }) => [c.start, c.start + c.length];
    expect(out.tracks[0].clips.map(span)).toEqual([
      [0, 500],
      [2000, 2500],
    ]);
    expect(out.tracks[1].clips.map(span)).toEqual([
      [500, 1000],
      [1500, 2000],
    ]);
  });
});
