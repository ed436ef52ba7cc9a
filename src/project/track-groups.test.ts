import { describe, expect, it } from 'vitest';
import { clipAt } from './clip.fixture';
import {
  groupOf,
  groupTag,
  groupTracks,
  linkedClips,
  linkedTracks,
  renameGroup,
  toggleGroupSuspended,
  ungroupTracks,
  withLinkedTracks,
} from './track-groups';
import { deleteTrack, duplicateRange, setTrack, toggleMute, toggleSolo } from './track-ops';
import { newTrack, type Project } from './types';
import { addTrackEffect, changeTrackEffect, newTrackEffect, removeTrackEffect } from './track-effects';
import { createBus, setSend } from './buses';

const kick = { ...newTrack(0), name: 'Kick', clips: [clipAt('k', 'a', 1000, 4000)] };
const snare = { ...newTrack(1), name: 'Snare', gainDb: -6, pan: 0.5, clips: [clipAt('s', 'a', 1200, 4000)] };
const bass = { ...newTrack(2), name: 'Bass', clips: [clipAt('b', 'a', 1000, 4000)] };
const loose: Project = { sampleRate: 48000, tracks: [kick, snare, bass] };
const drums = groupTracks(loose, [kick.id, snare.id]).project;
const gainOf = (p: Project) => p.tracks.map((t) => t.gainDb);

describe('track groups', () => {
  it('groups two or more tracks under the next free name, and none from one track', () => {
    const grouped = groupTracks(loose, [kick.id, snare.id]);
    expect(grouped.label).toBe('Group tracks (Group 1)');
    expect(groupOf(grouped.project, snare.id)?.name).toBe('Group 1');
    expect(groupOf(grouped.project, bass.id)).toBeUndefined();
    const both = { ...loose, tracks: [...loose.tracks, { ...newTrack(3), name: 'Keys' }] };
    const second = groupTracks(groupTracks(both, [kick.id, snare.id]).project, [bass.id, both.tracks[3].id]);
    expect(second.project.groups?.map((g) => g.name)).toEqual(['Group 1', 'Group 2']);
    expect(groupTracks(loose, [kick.id]).project).toBe(loose);
  });

  it('a track joining a new group leaves its old one, which goes once it holds one track', () => {
    const moved = groupTracks(drums, [snare.id, bass.id]).project;
    expect(moved.groups?.map((g) => g.name)).toEqual(['Group 2']);
    expect(moved.tracks.map((t) => t.group === undefined)).toEqual([true, false, false]);
  });

  it("moves the group's faders by as much as the one moved, each held in its range, and shares mute and solo", () => {
    expect(gainOf(setTrack(drums, kick.id, 'Track gain', { gainDb: -3 }).project)).toEqual([-3, -9, 0]);
    expect(gainOf(setTrack(drums, snare.id, 'Track gain', { gainDb: 12 }).project)).toEqual([12, 12, 0]);
    expect(setTrack(drums, kick.id, 'Track pan', { pan: -0.75 }).project.tracks.map((t) => t.pan)).toEqual([
      -0.75, -0.25, 0,
    ]);
    expect(toggleMute(drums, snare.id).project.tracks.map((t) => t.mute)).toEqual([true, true, false]);
    expect(toggleSolo(drums, kick.id).project.tracks.map((t) => t.solo)).toEqual([true, true, false]);
    expect(setTrack(drums, kick.id, 'Rename track', { name: 'Kick in' }).project.tracks[1].name).toBe('Snare');
  });

  it('a suspended group leaves each track alone, and resumes', () => {
    const id = drums.groups?.[0].id ?? '';
    const suspended = toggleGroupSuspended(drums, id);
    expect(suspended.label).toBe('Suspend Group 1');
    expect(gainOf(setTrack(suspended.project, kick.id, 'Track gain', { gainDb: -3 }).project)).toEqual([-3, -6, 0]);
    expect(linkedTracks(suspended.project, kick.id)).toEqual([kick.id]);
    const resumed = toggleGroupSuspended(suspended.project, id);
    expect(resumed.label).toBe('Resume Group 1');
    expect(linkedTracks(resumed.project, kick.id)).toEqual([kick.id, snare.id]);
  });

  it('selects the tracks of the groups of those selected, in the project order', () => {
    expect(withLinkedTracks(drums, [snare.id])).toEqual([kick.id, snare.id]);
    expect(withLinkedTracks(drums, [bass.id, snare.id])).toEqual([kick.id, snare.id, bass.id]);
  });

  it("picks a clip's partners on the group's tracks: those playing with it for half their length", () => {
    expect(linkedClips(drums, 'k')).toEqual(['k', 's']);
    expect(linkedClips(loose, 'k')).toEqual(['k']);
    const late = {
      ...drums,
      tracks: drums.tracks.map((t) => (t.id === snare.id ? { ...t, clips: [clipAt('s', 'a', 3500, 4000)] } : t)),
    };
    expect(linkedClips(late, 'k')).toEqual(['k']);
  });

  it('ungrouping dissolves the group; a track of two taken away dissolves it too', () => {
    const ungrouped = ungroupTracks(drums, [snare.id]).project;
    expect(ungrouped.groups).toBeUndefined();
    expect(ungrouped.tracks.every((t) => t.group === undefined)).toBe(true);
    const rendered = { ...drums, tracks: drums.tracks.filter((t) => t.id !== kick.id) };
    expect(groupOf(rendered, snare.id)).toBeUndefined();
    expect(linkedTracks(rendered, snare.id)).toEqual([snare.id]);
    const deleted = deleteTrack(drums, kick.id).project;
    expect(deleted.groups).toBeUndefined();
    expect(deleted.tracks[0].group).toBeUndefined();
  });

  it('a duplicated range becomes a track in no group', () => {
    const copied = duplicateRange(drums, [kick.id], { start: 0, end: 2000 }).project;
    expect(copied.tracks[1].name).toBe('Kick copy');
    expect(copied.tracks[1].group).toBeUndefined();
    expect(linkedTracks(copied, kick.id)).toEqual([kick.id, snare.id]);
  });

  it("moves a track's takes' faders and pans with its own (one channel), not their mutes", () => {
    const take = { ...newTrack(3), name: 'Kick take B', takeOf: kick.id, mute: true };
    const withTake: Project = { ...loose, tracks: [kick, take, snare, bass] };
    const louder = setTrack(withTake, kick.id, 'Track gain', { gainDb: 3 }).project;
    expect(gainOf(louder)).toEqual([3, 3, -6, 0]);
    expect(gainOf(setTrack(withTake, take.id, 'Track gain', { gainDb: -2 }).project)).toEqual([-2, -2, -6, 0]);
    expect(toggleMute(withTake, kick.id).project.tracks.map((t) => t.mute)).toEqual([true, true, false, false]);
    expect(toggleMute(withTake, take.id).project.tracks.map((t) => t.mute)).toEqual([false, false, false, false]);
  });

  it('renames a group (its tag and stem take the name); an empty name changes nothing', () => {
    const id = drums.groups?.[0].id ?? '';
    const renamed = renameGroup(drums, id, ' Drums ');
    expect(renamed.label).toBe('Rename Group 1 to Drums');
    expect(groupOf(renamed.project, kick.id)?.name).toBe('Drums');
    expect(renameGroup(drums, id, '  ').project).toBe(drums);
    expect([groupTag('Group 12'), groupTag('Drums')]).toEqual(['G12', 'Drum']);
  });
});

describe("a track's channel", () => {
  it('is shared by its takes: inserts and sends added, changed or removed on one are on all', () => {
    const track = newTrack(0);
    const take = { ...newTrack(1), takeOf: track.id };
    const other = newTrack(2);
    const project: Project = { sampleRate: 1000, tracks: [track, take, other] };
    const eq = newTrackEffect('eq');
    const added = addTrackEffect(project, take.id, eq).project;
    expect(added.tracks.map((t) => t.effects?.length ?? 0)).toEqual([1, 1, 0]);
    const off = changeTrackEffect(added, track.id, eq.id, { on: false }).project;
    expect(off.tracks.slice(0, 2).map((t) => t.effects?.[0].on)).toEqual([false, false]);
    const { project: bused } = createBus(off, other.id);
    const busId = bused.buses![0].id;
    const sent = setSend(bused, track.id, busId, -6).project;
    expect(sent.tracks.map((t) => t.sends?.[0]?.levelDb)).toEqual([-6, -6, -12]);
    expect(removeTrackEffect(sent, take.id, eq.id).project.tracks.map((t) => t.effects?.length ?? 0)).toEqual([
      0, 0, 0,
    ]);
  });
});
