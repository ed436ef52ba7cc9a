/** Track settings as project edits, each with the undo label it is committed under: the track header's buttons and
 * the track commands of the action registry both go through these. */
import type { Project, Track } from './types';

export interface TrackEdit {
  label: string;
  project: Project;
}

const withTrack = (project: Project, id: string, patch: Partial<Track>): Project => ({
  ...project,
  tracks: project.tracks.map((t) => (t.id === id ? { ...t, ...patch } : t)),
});

const find = (project: Project, id: string) => project.tracks.find((t) => t.id === id);

export function setTrack(project: Project, id: string, label: string, patch: Partial<Track>): TrackEdit {
  return { label, project: withTrack(project, id, patch) };
}

export function toggleMute(project: Project, id: string): TrackEdit {
  const mute = !find(project, id)?.mute;
  return { label: mute ? 'Mute' : 'Unmute', project: withTrack(project, id, { mute }) };
}

export function toggleSolo(project: Project, id: string): TrackEdit {
  const solo = !find(project, id)?.solo;
  return { label: solo ? 'Solo' : 'Unsolo', project: withTrack(project, id, { solo }) };
}

export function deleteTrack(project: Project, id: string): TrackEdit {
  return {
    label: `Delete ${find(project, id)?.name ?? 'track'}`,
    project: { ...project, tracks: project.tracks.filter((t) => t.id !== id) },
  };
}
