/** Sound labels on tracks: placing the detector's regions, and label files others read (Audacity's label track
 * format: start, end and label separated by tabs, seconds with six decimals; and JSON). */
import type { FrequencyBand } from '../dsp/band';
import type { SimilarResult } from '../dsp/find-similar';
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

/** The track with its labels inside `range` replaced by `labels` (an analysis of the range supersedes the last);
 * `replaced` narrows which labels there go (all by default). */
export function replaceLabels(
  project: Project,
  trackId: string,
  range: SampleRange,
  labels: SoundLabel[],
  replaced: (label: SoundLabel) => boolean = () => true,
): Project {
  const inside = (l: SoundLabel) => replaced(l) && l.start >= range.start && l.end <= range.end;
  return {
    ...project,
    tracks: project.tracks.map((t): Track => {
      if (t.id !== trackId) return t;
      const kept = (t.labels ?? []).filter((l) => !inside(l));
      return { ...t, labels: [...kept, ...labels].sort((a, b) => a.start - b.start || a.end - b.end) };
    }),
  };
}

/** The track with its note labels inside `range` (the Pitch editor's) replaced by `notes`, each named for its pitch
 * ("E4 +30¢"); the other labels kept. */
export function labelNotes(
  project: Project,
  trackId: string,
  range: SampleRange,
  notes: readonly { start: number; end: number; name: string }[],
): Project {
  const labels = notes.map(
    (n): SoundLabel => ({ id: newId(), ...n, description: '', confidence: 1, written: true, note: true }),
  );
  return replaceLabels(project, trackId, range, labels, (l) => l.note === true);
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

/** The project with a label the user writes at `range` on a track (a point where the range is empty). */
export function addLabel(project: Project, trackId: string, range: SampleRange, name: string): Project {
  const label: SoundLabel = { id: newId(), ...range, name, description: '', confidence: 1, written: true };
  return {
    ...project,
    tracks: project.tracks.map((t): Track => {
      if (t.id !== trackId) return t;
      return { ...t, labels: [...(t.labels ?? []), label].sort((a, b) => a.start - b.start || a.end - b.end) };
    }),
  };
}

/** The project with one label named anew. */
export function renameLabel(project: Project, labelId: string, name: string): Project {
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.labels?.some((l) => l.id === labelId)
        ? { ...t, labels: t.labels.map((l) => (l.id === labelId ? { ...l, name } : l)) }
        : t,
    ),
  };
}

/** The project with one label moved to [start, end) (samples; a point where they meet), kept at or after 0 with its
 * end at or after its start, its track's labels in time order again. */
export function retimeLabel(project: Project, labelId: string, start: number, end: number): Project {
  const from = Math.max(0, Math.round(start));
  const to = Math.max(from, Math.round(end));
  return {
    ...project,
    tracks: project.tracks.map((t) =>
      t.labels?.some((l) => l.id === labelId)
        ? {
            ...t,
            labels: t.labels
              .map((l) => (l.id === labelId ? { ...l, start: from, end: to } : l))
              .sort((a, b) => a.start - b.start || a.end - b.end),
          }
        : t,
    ),
  };
}

/** The stretches "each label" exports, in time order: a region's own span; a point's, up to the next point or `end`
 * (so points split a recording into chapters, as Audacity's Export Multiple does). */
export function labelledStretches(
  project: Project,
  end: number,
  which: (label: SoundLabel) => boolean = () => true,
): { name: string; start: number; end: number }[] {
  const labels = projectLabels(project)
    .map(({ label }) => label)
    .filter(which)
    .sort((a, b) => a.start - b.start);
  const points = labels.filter((l) => l.end === l.start);
  return labels
    .map((l) => ({
      name: l.name,
      start: l.start,
      end: l.end > l.start ? l.end : (points.find((p) => p.start > l.start)?.start ?? end),
    }))
    .filter((s) => s.end > s.start);
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

/** An Audacity label file read back: each "start\tend\tlabel" line (seconds; a point where they meet) as a label in
 * samples at `rate`. The frequency lines Audacity writes under a spectral label (a backslash, then the band) and blank lines are
 * passed over; any other line that is not a label throws, naming it, so a wrong file changes nothing. */
export function parseAudacityLabels(text: string, rate: number): { start: number; end: number; name: string }[] {
  const labels: { start: number; end: number; name: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('\\')) return;
    const [start, end, ...name] = line.split('\t');
    const [a, b] = [Number(start), Number(end)];
    const blank = start.trim() === '' || end === undefined || end.trim() === '';
    if (blank || !(Number.isFinite(a) && Number.isFinite(b) && a >= 0 && b >= a))
      throw new RangeError(`Line ${i + 1} is not a label (start, end and text apart by tabs): “${line.slice(0, 60)}”.`);
    labels.push({
      start: Math.round(a * rate),
      end: Math.round(b * rate),
      name: name.join(' ').trim() || `Label ${labels.length + 1}`,
    });
  });
  return labels;
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

/** A Find similar's marked sound and its matches (samples from `offset`) as labels: the mark as "marked", each match
 * as "like <the mark's time>", carrying `words` (the detector's label the mark lies on) where there is one. */
export function similarLabels(
  result: SimilarResult,
  offset: number,
  rate: number,
  words: { name: string; description: string } | undefined,
  band: FrequencyBand | undefined,
): SoundLabel[] {
  const at = `${((offset + result.query.start) / rate).toFixed(1)} s`;
  const label = (span: { start: number; end: number }, name: string, confidence: number): SoundLabel => ({
    id: newId(),
    start: offset + span.start,
    end: offset + span.end,
    name,
    description: words?.description ?? '',
    confidence,
    similar: true,
    ...(band && { band }),
  });
  const like = words ? `${words.name} like ${at}` : `like ${at}`;
  return [
    label(result.query, words ? `${words.name} (marked)` : 'marked', 1),
    ...result.matches.map((m) => label(m, like, m.score)),
  ];
}

/** The track with the labels of its last Find similar replaced by `labels` (the detector's are kept). */
export function replaceSimilarLabels(project: Project, trackId: string, labels: SoundLabel[]): Project {
  return {
    ...project,
    tracks: project.tracks.map((t): Track => {
      if (t.id !== trackId) return t;
      const kept = (t.labels ?? []).filter((l) => !l.similar);
      return { ...t, labels: [...kept, ...labels].sort((a, b) => a.start - b.start || a.end - b.end) };
    }),
  };
}
