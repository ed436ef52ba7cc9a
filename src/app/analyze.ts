/** Analyze: the pack's sound event detector over the selection (or the whole of its track), its regions landing as
 * labels on the track's label lane in one undoable step. Silence, a too-short selection and a clip with nothing
 * recognisable get an answer in words, never an error, and leave the project as it was. */
import { engine } from '../client/engine-client';
import { resample } from '../dsp/resample';
import { eventsToLabels, replaceLabels } from '../project/label-ops';
import { caption } from '../understanding/caption';
import { toMono, trackAudio } from '../project/generated-ops';
import { projectLength, type SampleRange, type Track } from '../project/types';
import type { PackInfo } from '../protocol/engine-protocol';
import type { StudioState } from '../store/studio-store';
import { targetTrackIds } from '../actions/targets';
import { ensurePack, queuedJob, runJob } from './jobs';
import type { Services } from './services';

export const MIN_ANALYZE_SECONDS = 0.2;
/** Quieter than this (peak) is silence: nothing to hear, so nothing to detect. */
const SILENCE_PEAK = 1e-4;

/** The track and range Analyze works on: the selection, else the first target track from start to end. */
export function analysisTarget(state: StudioState): { track: Track; range: SampleRange } | null {
  const track = state.project.tracks.find((t) => t.id === (state.selection?.trackIds[0] ?? targetTrackIds(state)[0]));
  if (!track) return null;
  const sel = state.selection;
  if (sel && sel.end > sel.start) return { track, range: { start: sel.start, end: sel.end } };
  return { track, range: { start: 0, end: projectLength({ ...state.project, tracks: [track] }) } };
}

const percent = (p: number) => `${Math.round(p * 100)} %`;

export async function analyzeSelection(services: Services): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const target = analysisTarget(state);
  if (!target || target.range.end <= target.range.start)
    return state.notify('error', 'There is nothing to analyse: import or record audio first.');
  const { track, range } = target;
  const rate = state.project.sampleRate;
  const seconds = (range.end - range.start) / rate;
  if (seconds < MIN_ANALYZE_SECONDS)
    return state.notify(
      'info',
      `The selection is ${Math.round(seconds * 1000)} ms; analysis needs at least ${MIN_ANALYZE_SECONDS * 1000} ms of sound.`,
    );
  const original = trackAudio(track, assets, range);
  if (!original.some((ch) => ch.some((v) => Math.abs(v) > SILENCE_PEAK)))
    return state.notify('info', 'The selection is silent: there is no sound in it to analyse.');
  const pack = await ensurePack(store);
  if (!pack) return;
  if (pack.soundLabels.length === 0)
    return store
      .getState()
      .notify('error', `The pack ${pack.name} ${pack.version} has no sound event detector; load one that has.`);
  const source = resample(toMono(original), rate, pack.sampleRate);
  const job = queuedJob('analyze', `Analyze ${track.name}`, {
    trackId: track.id,
    start: range.start,
    length: range.end - range.start,
  });
  const detection = await runJob(
    store,
    job,
    seconds,
    pack,
    () => analyzeSelection(services),
    (onProgress) => engine().detect({ jobId: job.id, source }, onProgress),
  );
  if (!detection) return;
  for (const note of detection.notes) store.getState().notify('info', note);
  const now = store.getState().project;
  if (!now.tracks.some((t) => t.id === track.id))
    return store.getState().notify('error', `${job.label}: the track was deleted while the job ran.`);
  const labels = eventsToLabels(detection.events, range, rate, labelNames(pack));
  if (labels.length === 0) {
    const guesses = detection.tags.slice(0, 2).map((t) => `${labelName(pack, t.label)} (${percent(t.probability)})`);
    return store
      .getState()
      .notify(
        'info',
        `Nothing recognisable found in the selection; the closest guesses were ${guesses.join(' and ')}, below the pack's threshold. The project is as it was.`,
      );
  }
  const labelled = replaceLabels(now, track.id, range, labels);
  const tempoBpm = detection.tempoBpm === null ? undefined : Math.round(detection.tempoBpm * 10) / 10;
  const musicKey = detection.key ?? undefined;
  const project = {
    ...labelled,
    tracks: labelled.tracks.map((t) => (t.id === track.id ? { ...t, tempoBpm, musicKey } : t)),
  };
  store.getState().commit(`Analyze: ${summary(labels.map((l) => l.name))}`, project);
  const sentence = caption(detection.events, seconds, (id) => labelName(pack, id));
  const music = [tempoBpm && `at about ${Math.round(tempoBpm)} BPM`, musicKey && `in ${musicKey}`].filter(Boolean);
  const tempo = music.length ? ` The music is ${music.join(', ')}.` : '';
  store.getState().notify('info', `${sentence}${tempo} Click a sound on the lane under ${track.name} to select it.`);
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
