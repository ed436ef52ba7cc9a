/** Analyze: the pack's sound event detector over the selection (or the whole of its track), its regions landing as
 * labels on the track's label lane in one undoable step. Silence, a too-short selection and a clip with nothing
 * recognisable get an answer in words, never an error, and leave the project as it was. */
import { engine } from '../client/engine-client';
import { resample } from '../dsp/resample';
import { eventsToLabels, replaceLabels } from '../project/label-ops';
import { caption } from '../understanding/caption';
import { trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import { projectLength, type SampleRange, type Track } from '../project/types';
import type { Detection, PackInfo } from '../protocol/engine-protocol';
import { analysisSlices, joinSlices, type Slice } from '../understanding/slices';
import type { StudioState } from '../store/studio-store';
import { targetTrackIds } from '../actions/targets';
import { ensurePack, queuedJob, runJob } from './jobs';
import type { Services } from './services';

export const MIN_ANALYZE_SECONDS = 0.2;
/** Quieter than this (peak) is silence: nothing to hear, so nothing to detect. */
const SILENCE_PEAK = 1e-4;
/** Regions of one sound cut by a slice's edge, or this close, are one region. */
const BRIDGE_SECONDS = 0.25;

/** The tracks and range Analyze works on: the selection's tracks over its range, else every track with audio from its
 * start to its end. */
export function analysisTargets(state: StudioState): { track: Track; range: SampleRange }[] {
  const sel = state.selection;
  const ids = sel?.trackIds.length ? sel.trackIds : targetTrackIds(state);
  const tracks = state.project.tracks.filter((t) => ids.includes(t.id) && t.clips.length > 0);
  if (sel && sel.end > sel.start) return tracks.map((track) => ({ track, range: { start: sel.start, end: sel.end } }));
  return tracks.map((track) => ({
    track,
    range: { start: 0, end: projectLength({ ...state.project, tracks: [track] }) },
  }));
}

const percent = (p: number) => `${Math.round(p * 100)} %`;

type Found = { track: Track; range: SampleRange; detection: Detection };

export async function analyzeSelection(services: Services): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const targets = analysisTargets(state).filter((t) => t.range.end > t.range.start);
  if (targets.length === 0) return state.notify('error', 'There is nothing to analyse: import or record audio first.');
  const rate = state.project.sampleRate;
  const seconds = (targets[0].range.end - targets[0].range.start) / rate;
  if (state.selection && state.selection.end > state.selection.start && seconds < MIN_ANALYZE_SECONDS)
    return state.notify(
      'info',
      `The selection is ${Math.round(seconds * 1000)} ms; analysis needs at least ${MIN_ANALYZE_SECONDS * 1000} ms of sound.`,
    );
  const audible = targets.filter(
    ({ track, range }) => analysisSlices(range, rate).length > 1 || hasSound(trackAudio(track, assets, range)),
  );
  if (audible.length === 0) return state.notify('info', 'The selection is silent: there is no sound in it to analyse.');
  const pack = await ensurePack(store);
  if (!pack) return;
  if (pack.soundLabels.length === 0)
    return store
      .getState()
      .notify('error', `The pack ${pack.name} ${pack.version} has no sound event detector; load one that has.`);
  const found: Found[] = [];
  for (const { track, range } of audible) {
    const detection = await detectSlices(services, track, analysisSlices(range, rate), pack);
    if (!detection) return; // cancelled or failed (the user has been told): the project stays as it was
    if (!detection.silent) found.push({ track, range, detection });
  }
  commitFindings(services, found, pack);
}

/** Every track's labels, tempo and key in one undoable step; the answer in words per track. */
function commitFindings(services: Services, found: Found[], pack: PackInfo): void {
  const { store } = services;
  const rate = store.getState().project.sampleRate;
  let project = store.getState().project;
  const names: string[] = [];
  const answers: string[] = [];
  for (const { track, range, detection } of found) {
    for (const note of detection.notes) store.getState().notify('info', note);
    if (!project.tracks.some((t) => t.id === track.id)) {
      store.getState().notify('error', `Analyze ${track.name}: the track was deleted while the job ran.`);
      continue;
    }
    const labels = eventsToLabels(detection.events, range, rate, labelNames(pack));
    if (labels.length === 0) {
      const guesses = detection.tags.slice(0, 2).map((t) => `${labelName(pack, t.label)} (${percent(t.probability)})`);
      answers.push(
        `${track.name}: nothing recognisable; the closest guesses were ${guesses.join(' and ')}, below the pack's threshold.`,
      );
      continue;
    }
    const tempoBpm = detection.tempoBpm === null ? undefined : Math.round(detection.tempoBpm * 10) / 10;
    const musicKey = detection.key ?? undefined;
    const beatStart =
      tempoBpm === undefined || detection.beatSeconds === null
        ? undefined
        : range.start + Math.round(detection.beatSeconds * rate);
    const labelled = replaceLabels(project, track.id, range, labels);
    project = {
      ...labelled,
      tracks: labelled.tracks.map((t) => (t.id === track.id ? { ...t, tempoBpm, beatStart, musicKey } : t)),
    };
    names.push(...labels.map((l) => l.name));
    const sentence = caption(detection.events, (range.end - range.start) / rate, (id) => labelName(pack, id));
    const music = [tempoBpm && `at about ${Math.round(tempoBpm)} BPM`, musicKey && `in ${musicKey}`].filter(Boolean);
    const tempo = music.length ? ` The music is ${music.join(', ')}.` : '';
    answers.push(`${found.length > 1 ? `${track.name}: ` : ''}${sentence}${tempo}`);
  }
  if (names.length === 0) {
    const said = answers.length === 1 ? answers[0].replace(/^[^:]*: n/, 'N') : answers.join(' ');
    store.getState().notify('info', `${said} The project is as it was.`);
    return;
  }
  store.getState().commit(`Analyze: ${summary(names)}`, project);
  store.getState().notify('info', `${answers.join(' ')} Click a sound on the lane under its track to select it.`);
}

const hasSound = (channels: Float32Array[]) => channels.some((ch) => ch.some((v) => Math.abs(v) > SILENCE_PEAK));

/** The detector over each slice in turn (one job each, so progress, cancel and the time left show per slice); the
 * slices' regions joined, their tags merged, tempo and key from the first slice that has them. Null when a slice's
 * job gave no answer (cancelled or failed: the user has been told). */
async function detectSlices(
  services: Services,
  track: Track,
  slices: Slice[],
  pack: PackInfo,
): Promise<(Detection & { silent: boolean }) | null> {
  const { store, assets } = services;
  const rate = store.getState().project.sampleRate;
  const parts: { slice: Slice; events: Detection['events'] }[] = [];
  const peaks = new Map<string, number>();
  const notes = new Set<string>();
  let tempoBpm: number | null = null,
    beatSeconds: number | null = null,
    key: string | null = null;
  const from = slices[0].own.start;
  for (const [i, slice] of slices.entries()) {
    const original = trackAudio(track, assets, slice.read);
    if (!hasSound(original)) continue;
    const source = resample(toMono(original), rate, pack.sampleRate);
    const label = `Analyze ${track.name}${slices.length > 1 ? ` (${i + 1}/${slices.length})` : ''}`;
    const length = slice.own.end - slice.own.start;
    const job = queuedJob('analyze', label, { trackId: track.id, start: slice.own.start, length });
    const seconds = source.length / pack.sampleRate;
    const retry = () => analyzeSelection(services);
    const result = await runJob(store, job, seconds, pack, retry, (onProgress) =>
      engine().detect({ jobId: job.id, source }, onProgress),
    );
    if (!result) return null;
    parts.push({ slice, events: result.events });
    for (const t of result.tags) peaks.set(t.label, Math.max(peaks.get(t.label) ?? 0, t.probability));
    for (const n of result.notes) notes.add(n);
    if (tempoBpm === null && result.tempoBpm !== null) {
      tempoBpm = result.tempoBpm;
      // The slice's beat, from the start of what was analysed (the slice was read from slice.read.start).
      beatSeconds = result.beatSeconds === null ? null : (slice.read.start - from) / rate + result.beatSeconds;
    }
    key ??= result.key;
  }
  const range = { start: slices[0].own.start, end: slices[slices.length - 1].own.end };
  return {
    events: joinSlices(parts, range, rate, BRIDGE_SECONDS),
    tags: [...peaks]
      .map(([label, probability]) => ({ label, probability }))
      .sort((a, b) => b.probability - a.probability),
    notes: [...notes],
    tempoBpm,
    beatSeconds,
    key,
    silent: parts.length === 0,
  };
}

const labelNames = (pack: PackInfo) =>
  new Map(pack.soundLabels.map((l) => [l.id, { name: l.name, description: l.description }]));
const labelName = (pack: PackInfo, id: string) => pack.soundLabels.find((l) => l.id === id)?.name ?? id;

/** "dog, bell (2)": each name once, with its count where it repeats. */
function summary(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} (${c})` : n)).join(', ');
}
