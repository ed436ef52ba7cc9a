import { describe, expect, it } from 'vitest';
import { deleteTrack, setTrack, toggleMute, toggleSolo } from './track-ops';
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

  it('sets a field and deletes a track by name', () => {
    expect(setTrack(project, id, 'Track gain', { gainDb: -6 }).project.tracks[0].gainDb).toBe(-6);
    const deleted = deleteTrack(project, id);
    expect(deleted.label).toBe('Delete Drums');
    expect(deleted.project.tracks).toHaveLength(1);
  });
});
