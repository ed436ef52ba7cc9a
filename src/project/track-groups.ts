/**
 * Track groups, as a DAW's mix and edit groups (Pro Tools' groups, Logic's track groups, Reaper's grouping): the
 * tracks of a group move their faders and pans by the same amount, mute and solo together, are selected together
 * and their clips that play at the same time move together. A suspended group leaves each track alone until it is
 * switched back on. Plain functions over the project; the track commands (track-ops.ts) and the timeline use them.
 */
import { newId, type Project, TRACK_GAIN_DB, type Track, type TrackGroup } from './types';

export interface GroupEdit {
  label: string;
  project: Project;
}

/** The group a track belongs to, where the project still has it and another track is in it too (an edit that took
 * the others away, a render, leaves it no group). */
export function groupOf(project: Project, trackId: string): TrackGroup | undefined {
  const id = project.tracks.find((t) => t.id === trackId)?.group;
  if (id === undefined || project.tracks.filter((t) => t.group === id).length < 2) return undefined;
  return project.groups?.find((g) => g.id === id);
}

/** The track and those moving with it (its active group's tracks), in the project's order. */
export function linkedTracks(project: Project, trackId: string): string[] {
  const group = groupOf(project, trackId);
  if (!group || group.suspended) return [trackId];
  return project.tracks.filter((t) => t.group === group.id).map((t) => t.id);
}

/** The tracks with every track grouped with one of them, in the project's order. */
export function withLinkedTracks(project: Project, trackIds: readonly string[]): string[] {
  const linked = new Set(trackIds.flatMap((id) => linkedTracks(project, id)));
  return project.tracks.filter((t) => linked.has(t.id)).map((t) => t.id);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** A track's change as its group makes it: the gain and pan move the others by as much as they move it (each held
 * in its range), mute and solo become the same on all; anything else (a name, a colour) is the track's alone. A
 * track's takes share its fader and pan (one channel, as a DAW's take lanes), so those move with it too; their
 * mutes stay A/B's. */
export function linkedChange(project: Project, trackId: string, patch: Partial<Track>): Project {
  const track = project.tracks.find((t) => t.id === trackId);
  if (!track) return project;
  const mates = new Set(linkedTracks(project, trackId));
  const channels = new Set([...mates].flatMap((id) => channelOf(project, id)));
  const { gainDb, pan, mute, solo } = patch;
  const fader: (t: Track) => Partial<Track> = (t) => ({
    ...(gainDb === undefined
      ? {}
      : { gainDb: clamp(t.gainDb + gainDb - track.gainDb, TRACK_GAIN_DB.min, TRACK_GAIN_DB.max) }),
    ...(pan === undefined ? {} : { pan: clamp(t.pan + pan - track.pan, -1, 1) }),
  });
  const switches: Partial<Track> = { ...(mute === undefined ? {} : { mute }), ...(solo === undefined ? {} : { solo }) };
  return {
    ...project,
    tracks: project.tracks.map((t) => {
      if (t.id === trackId) return { ...t, ...patch };
      if (mates.has(t.id)) return { ...t, ...fader(t), ...switches };
      return channels.has(t.id) ? { ...t, ...fader(t) } : t;
    }),
  };
}

/** The tracks sharing a track's channel: the track a take was made from and all its takes. */
export function channelOf(project: Project, trackId: string): string[] {
  const source = project.tracks.find((t) => t.id === trackId)?.takeOf ?? trackId;
  return [source, ...project.tracks.filter((t) => t.takeOf === source).map((t) => t.id)];
}

/** The next free "Group N". */
function groupName(project: Project): string {
  const taken = new Set((project.groups ?? []).map((g) => g.name));
  let n = 1;
  while (taken.has(`Group ${n}`)) n++;
  return `Group ${n}`;
}

/** The project without groups that hold fewer than two tracks (and tracks naming a group it lacks). */
export function withoutLoneGroups(project: Project): Project {
  const count = (id: string) => project.tracks.filter((t) => t.group === id).length;
  const groups = (project.groups ?? []).filter((g) => count(g.id) > 1);
  const kept = new Set(groups.map((g) => g.id));
  const tracks = project.tracks.map((t) => (t.group === undefined || kept.has(t.group) ? t : ungrouped(t)));
  return { ...project, tracks, groups: groups.length ? groups : undefined };
}

function ungrouped(track: Track): Track {
  const { group: _group, ...rest } = track;
  return rest;
}

/** The tracks (two or more) as a new group, each leaving any group it was in. */
export function groupTracks(project: Project, trackIds: readonly string[]): GroupEdit {
  const ids = new Set(trackIds.filter((id) => project.tracks.some((t) => t.id === id)));
  if (ids.size < 2) return { label: 'Group tracks', project };
  const group: TrackGroup = { id: newId(), name: groupName(project) };
  const grouped: Project = {
    ...project,
    tracks: project.tracks.map((t) => (ids.has(t.id) ? { ...t, group: group.id } : t)),
    groups: [...(project.groups ?? []), group],
  };
  return { label: `Group tracks (${group.name})`, project: withoutLoneGroups(grouped) };
}

/** The groups of the tracks dissolved: every track in them moves alone again. */
export function ungroupTracks(project: Project, trackIds: readonly string[]): GroupEdit {
  const gone = new Set(trackIds.flatMap((id) => groupOf(project, id)?.id ?? []));
  const tracks = project.tracks.map((t) => (t.group !== undefined && gone.has(t.group) ? ungrouped(t) : t));
  return { label: 'Ungroup tracks', project: withoutLoneGroups({ ...project, tracks }) };
}

/** The group renamed ("Drums": its tag and its stem take the name); an empty name leaves it as it was. */
export function renameGroup(project: Project, groupId: string, name: string): GroupEdit {
  const group = project.groups?.find((g) => g.id === groupId);
  const trimmed = name.trim();
  if (!group || !trimmed || trimmed === group.name) return { label: 'Rename group', project };
  const groups = (project.groups ?? []).map((g) => (g.id === groupId ? { ...g, name: trimmed } : g));
  return { label: `Rename ${group.name} to ${trimmed}`, project: { ...project, groups } };
}

/** A group's tag on a header: "G1" for "Group 1", else the name's first letters. */
export const groupTag = (name: string) => (/^Group \d+$/.test(name) ? name.replace('Group ', 'G') : name.slice(0, 4));

/** The group switched off (each of its tracks moves alone) or on again. */
export function toggleGroupSuspended(project: Project, groupId: string): GroupEdit {
  const group = project.groups?.find((g) => g.id === groupId);
  if (!group) return { label: 'Group', project };
  const suspended = !group.suspended;
  const groups = (project.groups ?? []).map((g) => (g.id === groupId ? { ...g, suspended } : g));
  return { label: `${suspended ? 'Suspend' : 'Resume'} ${group.name}`, project: { ...project, groups } };
}

/** The clip and the clips of its group's other tracks that play with it: those overlapping it for at least half of
 * the shorter of the two (a multi-mic take's clips, recorded or imported together). */
export function linkedClips(project: Project, clipId: string): string[] {
  const track = project.tracks.find((t) => t.clips.some((c) => c.id === clipId));
  const clip = track?.clips.find((c) => c.id === clipId);
  if (!track || !clip) return [clipId];
  const mates = new Set(linkedTracks(project, track.id).filter((id) => id !== track.id));
  const together = project.tracks
    .filter((t) => mates.has(t.id))
    .flatMap((t) => t.clips)
    .filter((c) => {
      const overlap = Math.min(c.start + c.length, clip.start + clip.length) - Math.max(c.start, clip.start);
      return overlap * 2 >= Math.min(c.length, clip.length);
    });
  return [clipId, ...together.map((c) => c.id)];
}
