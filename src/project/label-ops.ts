/** Sound labels on tracks: placing the detector's regions, and label files others read (Audacity's label track
 * format: start, end and label separated by tabs, seconds with six decimals; and JSON). */
import type { SoundEvent } from '../understanding/sound-events';
import { newId, type Project, type SampleRange, type SoundLabel, type Track } from './types';

/** The detector's events (seconds from `range.start`) as labels at the project rate, clipped to the range. */
export function eventsToLabels(
  events: readonly SoundEvent[],
  range: SampleRange,
  rate: number,
  names: ReadonlyMap<string, { name: string; description: string }>,
): SoundLabel[] {
  return events.map((e) => {
    const known = names.get(e.label);
    return {
      id: newId(),
      start: Math.min(range.end, range.start + Math.round(e.start * rate)),
      end: Math.min(range.end, range.start + Math.round(e.end * rate)),
      name: known?.name ?? e.label,
      description: known?.description ?? e.label,
      confidence: e.confidence,
    };
  });
}

/** The track with its labels inside `range` replaced by `labels` (an analysis of the range supersedes the last). */
export function replaceLabels(project: Project, trackId: string, range: SampleRange, labels: SoundLabel[]): Project {
  const inside = (l: SoundLabel) => l.start >= range.start && l.end <= range.end;
  return {
    ...project,
    tracks: project.tracks.map((t): Track => {
      if (t.id !== trackId) return t;
      const kept = (t.labels ?? []).filter((l) => !inside(l));
      return { ...t, labels: [...kept, ...labels].sort((a, b) => a.start - b.start || a.end - b.end) };
    }),
  };
}

/** The project without one label (a false alarm the user takes away). */
export function removeLabel(project: Project, labelId: string): Project {
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.labels?.some((l) => l.id === labelId) ? { ...t, labels: t.labels.filter((l) => l.id !== labelId) } : t,
    ),
  };
}

/** The project's labels, track by track (a track's name is prefixed where several tracks have labels). */
export function projectLabels(project: Project): { track: Track; label: SoundLabel }[] {
  return project.tracks.flatMap((track) => (track.labels ?? []).map((label) => ({ track, label })));
}

const seconds = (samples: number, rate: number) => (samples / rate).toFixed(6);

/** Audacity's label file: one "start\tend\tlabel" line per label. */
export function audacityLabels(project: Project): string {
  const all = projectLabels(project);
  const several = new Set(all.map((x) => x.track.id)).size > 1;
  return all
    .map(({ track, label }) => {
      const text = several ? `${track.name}: ${label.name}` : label.name;
      return `${seconds(label.start, project.sampleRate)}\t${seconds(label.end, project.sampleRate)}\t${text.replace(/[\t\n]/g, ' ')}\n`;
    })
    .join('');
}

/** The labels as JSON, with times in seconds, each label's track and the detector's confidence. */
export function jsonLabels(project: Project): string {
  const rows = projectLabels(project).map(({ track, label }) => ({
    track: track.name,
    start: Number(seconds(label.start, project.sampleRate)),
    end: Number(seconds(label.end, project.sampleRate)),
    label: label.name,
    description: label.description,
    confidence: Number(label.confidence.toFixed(3)),
  }));
  return `${JSON.stringify({ sampleRate: project.sampleRate, labels: rows }, null, 2)}\n`;
}
