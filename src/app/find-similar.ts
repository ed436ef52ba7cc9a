/** Find similar (as iZotope RX's "Find similar event"): the selection marks one sound, and every stretch of its track
 * like it lands as a label on the track's lane, in one undoable step; then Attenuate similar takes every one of them
 * down to its surroundings in one more. No words and no model: it finds sounds no detector knows. */
import { answerValue, analysis } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import type { FrequencyBand } from '../dsp/band';
import type { SimilarResult } from '../dsp/find-similar';
import { effectLabel } from '../project/effects';
import { trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import { replaceSimilarLabels, similarLabels } from '../project/label-ops';
import { type EffectRunner, processRange } from '../project/process-ops';
import { clipEnd, type SampleRange, type SoundLabel, type Track } from '../project/types';
import { selectedRange, targetTrackIds } from '../actions/targets';
import { surroundingsOfTracks } from './effects';
import type { Services } from './services';

/** The stretch of the track searched: this much either side of the mark (a long recording is not read whole). */
export const SEARCH_SECONDS_EACH_SIDE = 300;

/** Finds the stretches of `mono` like [markStart, markEnd); the analysis worker's in the studio. */
export type SimilarSearch = (
  mono: Float32Array,
  sampleRate: number,
  markStart: number,
  markEnd: number,
  threshold: number,
  band: FrequencyBand | undefined,
) => Promise<SimilarResult>;

const searchInWorker: SimilarSearch = (mono, rate, start, end, threshold, band) =>
  answerValue(analysis().findSimilar([mono], rate, start, end, threshold, band));

const seconds = (samples: number, rate: number) => `${(samples / rate).toFixed(1)} s`;

/** The selected track and the stretch of it searched around the selection. */
function searchTarget(services: Services): { track: Track; mark: SampleRange; range: SampleRange } | null {
  const state = services.store.getState();
  const mark = selectedRange(state);
  const track = state.project.tracks.find((t) => targetTrackIds(state).includes(t.id) && t.clips.length > 0);
  if (!mark || !track) return null;
  const reach = SEARCH_SECONDS_EACH_SIDE * state.project.sampleRate;
  const end = Math.max(...track.clips.map(clipEnd));
  return { track, mark, range: { start: Math.max(0, mark.start - reach), end: Math.min(end, mark.end + reach) } };
}

export async function findSimilarSounds(services: Services, search: SimilarSearch = searchInWorker): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const target = searchTarget(services);
  if (!target) return state.notify('info', 'Select one sound on a track first: Find similar looks for more like it.');
  const { track, mark, range } = target;
  const rate = state.project.sampleRate;
  const band = state.selection?.band;
  state.set({ busy: 'Find similar…' });
  let result: SimilarResult;
  try {
    const mono = toMono(trackAudio(track, assets, range));
    const threshold = state.params.similarity;
    result = await search(mono, rate, mark.start - range.start, mark.end - range.start, threshold, band);
  } catch (e) {
    return store.getState().notify('error', `Find similar: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    store.getState().set({ busy: null });
  }
  if (store.getState().project !== state.project)
    return store
      .getState()
      .notify('error', 'Find similar was not applied: the project changed while it ran. Run it again.');
  const labels = similarLabels(result, range.start, rate, detectorWords(track, mark), band);
  const found = labels.length - 1;
  const where = `${seconds(mark.start, rate)}-${seconds(mark.end, rate)}`;
  if (found === 0)
    return store.getState().notify('info', `No other sound like the one at ${where} was found on ${track.name}.`);
  store
    .getState()
    .commit(`Find similar: ${found} like ${where}`, replaceSimilarLabels(state.project, track.id, labels));
  store
    .getState()
    .notify(
      'info',
      `Found ${found} ${found === 1 ? 'sound' : 'sounds'} like the one at ${where} on ${track.name} (labelled under it). Attenuate similar takes them all down; × drops a wrong one.`,
    );
}

/** The detector's label the mark lies on (more than half of the mark), whose words the matches carry. */
function detectorWords(track: Track, mark: SampleRange) {
  const overlap = (l: SoundLabel) => Math.min(l.end, mark.end) - Math.max(l.start, mark.start);
  return (track.labels ?? []).find((l) => !l.similar && overlap(l) > 0.5 * (mark.end - mark.start));
}

/** The track with Find similar's labels: the one the selection is on, else the first that has them. */
function similarTrack(services: Services): Track | undefined {
  const state = services.store.getState();
  const ids = targetTrackIds(state);
  const withSimilar = state.project.tracks.filter((t) => t.labels?.some((l) => l.similar));
  return withSimilar.find((t) => ids.includes(t.id)) ?? withSimilar[0];
}

/** Every sound Find similar labelled on the track (the marked one too) attenuated to its own surroundings, as one
 * undoable step. */
export async function attenuateSimilar(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const track = similarTrack(services);
  if (!track) return state.notify('info', 'Nothing to attenuate: mark one sound and use Find similar first.');
  const rate = state.project.sampleRate;
  const spans = (track.labels ?? []).filter((l) => l.similar);
  const levelDb = state.params.attenuateLevelDb;
  state.set({ busy: `Attenuating ${spans.length} sounds…` });
  try {
    let project = state.project;
    let label = '';
    for (const span of spans) {
      const current = project.tracks.find((t) => t.id === track.id)!;
      const profile = surroundingsOfTracks([current], assets, span, rate);
      const spec = { kind: 'attenuate', profile, levelDb, band: span.band } as const;
      project = await processRange(project, [track.id], span, assets, spec, run);
      label = `${effectLabel(spec)}: ${spans.length} similar sounds`;
    }
    if (store.getState().project !== state.project)
      return store.getState().notify('error', 'Attenuate similar was not applied: the project changed while it ran.');
    store.getState().commit(label, project);
  } catch (e) {
    store.getState().notify('error', `Attenuate similar: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    store.getState().set({ busy: null });
  }
}
