/**
 * Edits a selection with the panel's instruction: remove and extract through the pack's separator on the recording
 * itself, or any edit through the diffusion model with the studio's post-processing; the result replaces the
 * selection or lands as a take beside it, one undoable step, and the project stays as it was when there is none.
 */
import { targetTrackIds } from '../actions/targets';
import { analysis } from '../client/analysis-client';
import { engine } from '../client/engine-client';
import { resample } from '../dsp/resample';
import type { SeparatingEdit } from '../dsp/spectral-edit';
import { addTake, EDGE_FADE_SECONDS, placeAsset, stillHolds, trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import type { PackInfo } from '../protocol/engine-protocol';
import type { GenerateSettings, JobView, StudioStore } from '../store/studio-store';
import { editInstruction, MIN_EDIT_SECONDS, promptProblem, runSampler, tell } from './generate';
import { ensurePack, queuedJob, runJob } from './jobs';
import type { Services } from './services';

/** Edits the selection on its first track with the panel's instruction: replaces it, or adds a take beside it. */
export async function editSelection(services: Services): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const s = state.generate;
  const selection = state.selection;
  // The selection's first track; a range typed in the transport bar names none, so the first track then.
  const track = state.project.tracks.find((t) => t.id === (selection?.trackIds[0] ?? targetTrackIds(state)[0]));
  if (!selection || !track || selection.end <= selection.start)
    return state.notify('error', 'Select part of a clip on the timeline first (drag across it).');
  const rate = state.project.sampleRate;
  const range = { start: selection.start, end: selection.end };
  const seconds = (range.end - range.start) / rate;
  if (seconds < MIN_EDIT_SECONDS)
    return state.notify(
      'error',
      `The selection is ${Math.round(seconds * 1000)} ms; the model needs at least ${MIN_EDIT_SECONDS * 1000} ms.`,
    );
  const problem = promptProblem({ ...s, mode: 'edit' });
  if (problem) return state.notify('error', problem);
  const pack = await ensurePack(store);
  if (!pack) return;
  const original = trackAudio(track, assets, range);
  const source = resample(toMono(original), rate, pack.sampleRate);
  const text = editInstruction(s, pack);
  const label = text.length > 48 ? `${text.slice(0, 47)}…` : text;
  if (seconds > 10)
    state.notify(
      'info',
      `${label}: ${seconds.toFixed(1)} s runs in windows of the model's length, joined with crossfades.`,
    );
  const job = queuedJob('edit', label, { trackId: track.id, start: range.start, length: range.end - range.start });
  const before = store.getState().project;
  const retry = () => editSelection(services);
  const common = { original, modelRate: pack.sampleRate, projectRate: rate };
  const edgeFade = s.editResult === 'take' ? 0 : Math.round(EDGE_FADE_SECONDS * rate);
  const output = separates(pack, s)
    ? await separateEdit(store, job, s, source, pack, retry)
    : await diffusionEdit(store, job, s, text, source, pack, retry);
  if (!output) return;
  const made = await analysis().projectAudio({ ...output, ...common, edgeFade });
  if (!made.ok)
    return store
      .getState()
      .notify('error', `${label}: the result could not be applied (${made.error.message}). The project is as it was.`);
  tell(store, label, made.value);
  const result = made.value.channels;
  const now = store.getState().project;
  if (!now.tracks.some((t) => t.id === track.id))
    return store
      .getState()
      .notify('error', `${label}: the track was deleted while the job ran, so the result was dropped.`);
  if (now !== before && !stillHolds(now.tracks.find((t) => t.id === track.id)!, assets, range, original)) {
    return store
      .getState()
      .notify(
        'error',
        `${label}: the selected audio changed while the job ran, so the result was not applied. Run it again.`,
      );
  }
  if (s.editResult === 'take') {
    const asset = assets.add(result, rate);
    store.getState().commit(label, addTake(now, track.id, range, asset.id, `Take: ${label}`));
  } else {
    const asset = assets.add(result, rate);
    store
      .getState()
      .commit(label, placeAsset(now, track.id, range.start, asset.id, range.end - range.start, label, true));
  }
}

/** Whether this edit runs through the pack's separator (remove and extract, unless the user asked to regenerate). */
const separates = (pack: PackInfo, s: GenerateSettings) => pack.separates.includes(s.editTask) && !s.regenerate;

/** The sound's words from the description field, without an instruction around them ("Remove the sound of 'x'" -> x). */
export function describedSound(s: GenerateSettings): string {
  const free = s.description.trim();
  const words = free
    .replace(/^(please\s+)?(remove|extract|isolate|take out|delete|keep only|get rid of)\s+(the\s+sound\s+of\s+)?/i, '')
    .replace(/^['"“‘]+|['"”’.!]+$/g, '')
    .trim();
  return words || free;
}

/** What a model edit hands to post-processing (src/project/model-audio.ts), less the original and the rates. */
type EditOutput =
  | { kind: 'separated'; task: SeparatingEdit; mask: Float32Array; bins: number }
  | {
      kind: 'edited';
      task: string;
      keep: 'raw' | 'untouched' | 'performance';
      audio: Float32Array;
      recon: Float32Array | null;
      reconProblem?: string;
      addLevelDb?: number;
    };

/** Remove or extract by the separator's mask; null (and the user told) when there is no result, including when the
 * described sound is not in the selection: then nothing changes. */
async function separateEdit(
  store: StudioStore,
  job: JobView,
  s: GenerateSettings,
  source: Float32Array,
  pack: PackInfo,
  retry: () => Promise<void>,
): Promise<EditOutput | null> {
  const description = describedSound(s);
  const separation = await runJob(store, job, source.length / pack.sampleRate, pack, retry, (onProgress) =>
    engine().separate({ jobId: job.id, description, source }, onProgress),
  );
  if (!separation) return null;
  if (!separation.found) {
    store
      .getState()
      .notify(
        'info',
        `No “${description}” found in the selection, so nothing was changed. Try other words, select where the sound is, or mark it (a box on the spectrogram marks its band too) and use Attenuate to surroundings (Shift+U).`,
      );
    return null;
  }
  return { kind: 'separated', task: s.editTask as SeparatingEdit, mask: separation.mask, bins: separation.bins };
}

/** Extract keeps the model's output: the isolated sound is new audio, not the recording with a part changed. */
const PRESERVING = new Set(['add', 'remove']);

/** An edit through the diffusion model, with the model's round trip of the source where post-processing keeps the
 * original (keepUntouched for add and remove, keepPerformance for style transfer). */
async function diffusionEdit(
  store: StudioStore,
  job: JobView,
  s: GenerateSettings,
  text: string,
  source: Float32Array,
  pack: PackInfo,
  retry: () => Promise<void>,
): Promise<EditOutput | null> {
  const audio = await runSampler(
    store,
    job,
    { taskId: s.editTask, text, seconds: source.length / pack.sampleRate, source },
    s.seed,
    pack,
    retry,
  );
  if (!audio) return null;
  const keep =
    s.editTask === 'style' && s.keepPerformance
      ? 'performance'
      : s.keepUntouched && PRESERVING.has(s.editTask)
        ? 'untouched'
        : 'raw';
  const recon = keep === 'raw' ? null : await engine().reconstruct(source);
  const addLevelDb = s.editTask === 'add' ? s.addLevelDb : undefined;
  if (recon && !recon.ok)
    return { kind: 'edited', task: s.editTask, keep, audio, recon: null, reconProblem: recon.error.message };
  return { kind: 'edited', task: s.editTask, keep, audio, recon: recon?.value ?? null, addLevelDb };
}
