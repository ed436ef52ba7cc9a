/**
 * Model jobs from the studio: generate a clip from a prompt, or edit a selection with an instruction. Each job shows
 * its progress and preview peaks in the store while it runs; its result lands as one undoable step, and a cancelled
 * or failed job leaves the project as it was.
 */
import { engine } from '../client/engine-client';
import { applyGain, peakNormalizeGain } from '../dsp/gain';
import { resample } from '../dsp/resample';
import type { PreservingEdit, SeparatingEdit } from '../dsp/spectral-edit';
import { analysis } from '../client/analysis-client';
import { addTake, blendEdges, EDGE_FADE_SECONDS, placeAsset, toMono, trackAudio } from '../project/generated-ops';
import type { GenerateJob, PackInfo } from '../protocol/engine-protocol';
import { MAX_STRETCH } from '../music/conform';
import { type MusicFields, musicPrompt } from '../music/music-prompt';
import { recordPrompt } from '../project/prompt-history';
import { newId, type PromptEntry } from '../project/types';
import type { GenerateSettings, JobView, StudioStore } from '../store/studio-store';
import { targetTrackIds } from '../actions/targets';
import type { Services } from './services';
import { ensurePack, queuedJob, runJob } from './jobs';

export const MAX_PROMPT_CHARS = 300;
export const MIN_EDIT_SECONDS = 0.25;
export const GENERATE_SECONDS = { min: 0.5, max: 120 } as const;
const PREVIEW_EVERY = 2;
/** Generated clips come in at a peak of -1 dBFS, as generation tools deliver them; the gain stops at +40 dB so that
 * a near-silent result stays near-silent instead of becoming loud noise. (Edits keep the level of their context.) */
const GENERATED_PEAK_DB = -1;
const MAX_GENERATED_GAIN = 100;

/** The paper's tasks and edit templates: what a pack's manifest gives unless it says otherwise, and what the panel
 * offers and checks against before the pack has loaded. */
export const PAPER_TASKS: PackInfo['tasks'] = [
  { id: 't2a', label: 'Sound from text', family: 'generate', template: '{desc}' },
  { id: 't2m', label: 'Music from text', family: 'generate', template: '{desc}' },
  { id: 'add', label: 'Add', family: 'edit', template: "Add the sound of '{desc}'" },
  { id: 'remove', label: 'Remove', family: 'edit', template: "Remove the sound of '{desc}'" },
  { id: 'extract', label: 'Extract', family: 'edit', template: "Extract the sound of '{desc}'" },
  { id: 'style', label: 'Change X into Y', family: 'edit', template: "Change the sound of '{source}' to '{target}'" },
];

/** The edit's template (the pack's, where one is loaded) filled from the panel; text that is already a whole
 * instruction goes in as it is. */
export function editInstruction(s: GenerateSettings, pack?: PackInfo | null): string {
  const free = s.description.trim();
  const template = (pack?.tasks ?? PAPER_TASKS).find((t) => t.id === s.editTask)?.template ?? '{desc}';
  if (s.editTask !== 'style' && /^(add|remove|extract|isolate|take out|put|delete|keep only|change)\b/i.test(free))
    return free;
  const words: Record<string, string> = { desc: free, source: s.styleFrom.trim(), target: s.styleTo.trim() };
  return template.replace(/\{(desc|source|target)\}/g, (_, name: string) => words[name]);
}

/** What is wrong with a job's text, if anything, in words for the user. */
export function promptProblem(s: GenerateSettings): string | null {
  const text =
    s.mode === 'generate'
      ? s.prompt.trim()
      : s.editTask === 'style'
        ? `${s.styleFrom.trim()}${s.styleTo.trim()}`
        : s.description.trim();
  if (s.mode === 'edit' && s.editTask === 'style' && (!s.styleFrom.trim() || !s.styleTo.trim()))
    return 'Say which sound to change, and into what.';
  if (!text)
    return s.mode === 'generate'
      ? 'Type a prompt first: what should it sound like?'
      : 'Say what to add, remove or extract.';
  const length = s.mode === 'generate' ? generationText(s).length : editInstruction(s).length;
  if (length > MAX_PROMPT_CHARS)
    return `The prompt is ${length} characters; the model reads about ${MAX_PROMPT_CHARS}. Shorten it.`;
  return null;
}

/** A generate or diffusion-edit job through the engine's sampler, with the panel's sampler settings. */
function runSampler(
  store: StudioStore,
  job: JobView,
  request: Pick<GenerateJob, 'taskId' | 'text' | 'seconds' | 'source'>,
  seed: number,
  pack: PackInfo,
  retry: () => Promise<void>,
): Promise<Float32Array | null> {
  const s = store.getState().generate;
  return runJob(store, job, request.seconds, pack, retry, (onProgress, onPreview) =>
    engine().generate(
      {
        ...request,
        jobId: job.id,
        seed,
        steps: s.steps || undefined,
        guidanceScale: s.guidance,
        previewEvery: PREVIEW_EVERY,
      },
      onProgress,
      onPreview,
    ),
  );
}

/** Model output at the pack's rate -> the project's rate, exactly `length` samples. */
function toProjectRate(audio: Float32Array, packRate: number, projectRate: number, length: number): Float32Array {
  const converted = packRate === projectRate ? audio : resample(audio, packRate, projectRate);
  if (converted.length === length) return converted;
  const out = new Float32Array(length);
  out.set(converted.subarray(0, length));
  return out;
}

/** The text a generation sends to the model: a music task's prompt with the panel's tempo, key and meter written in. */
export function generationText(s: GenerateSettings): string {
  return isMusicTask(s.generateTask) ? musicPrompt(s.prompt, s.music) : s.prompt.trim();
}

/** The tasks whose prompts the music fields fill (text-to-music, video-to-music). */
export const isMusicTask = (taskId: string) => taskId === 't2m' || taskId === 'v2m';

export const MAX_VARIATIONS = 4;

/** The tempo and key a music take is conformed to, when the panel asks for it and states one. */
function conformFields(s: GenerateSettings): MusicFields | null {
  const { music } = s;
  return isMusicTask(s.generateTask) && s.conform && (music.bpm !== null || music.key !== null) ? music : null;
}

/** Generates the panel's prompt at the playhead, on the chosen track (or a new one); with variations, one take per
 * seed (seed, seed + 1, ...): the first to arrive lands, the others stack under it as takes (A/B/C/D), each its own
 * undo step. The prompt joins the project's history with the first. */
export async function generateClip(services: Services): Promise<void> {
  const { store } = services;
  const s = store.getState().generate;
  const problem = promptProblem({ ...s, mode: 'generate' });
  if (problem) return store.getState().notify('error', problem);
  const seconds = Math.min(GENERATE_SECONDS.max, Math.max(GENERATE_SECONDS.min, s.seconds));
  const pack = await ensurePack(store);
  if (!pack) return;
  const { project, playhead } = store.getState();
  const length = Math.round(seconds * project.sampleRate);
  const text = generationText(s);
  const count = Math.max(1, Math.min(MAX_VARIATIONS, Math.round(s.variations)));
  const title = `Generate “${text.slice(0, 40)}”`;
  const trackId = s.trackId && project.tracks.some((t) => t.id === s.trackId) ? s.trackId : null;
  const entry: PromptEntry = {
    id: newId(),
    taskId: s.generateTask,
    prompt: s.prompt.trim(),
    text,
    music: isMusicTask(s.generateTask) ? s.music : undefined,
    seconds,
    seed: s.seed,
    variations: count,
    at: Date.now(),
  };
  // The track the first arrival landed on: the later ones are its takes.
  const landed: { trackId: string | null } = { trackId: null };
  const conformTo = conformFields(s);
  // A take whose tempo will be conformed is generated longer, so a faster tempo still fills the asked length.
  const modelSeconds = conformTo?.bpm ? Math.min(GENERATE_SECONDS.max, seconds * MAX_STRETCH) : seconds;
  const variation = async (index: number) => {
    const label = count > 1 ? `${title} (${String.fromCharCode(65 + index)})` : title;
    const job = queuedJob('generate', label, { trackId, start: playhead, length });
    const request = { taskId: s.generateTask, text, seconds: modelSeconds };
    let audio = await runSampler(store, job, request, s.seed + index, pack, () => generateClip(services));
    if (!audio) return;
    if (conformTo) {
      const conformed = await analysis().conformMusic(
        audio,
        pack.sampleRate,
        conformTo,
        Math.round(seconds * pack.sampleRate),
      );
      if (!conformed.ok)
        store
          .getState()
          .notify(
            'error',
            `${label}: the take could not be conformed (${conformed.error.message}); it lands as the model made it.`,
          );
      else {
        audio = conformed.value.audio;
        store.getState().notify('info', `${label}: ${conformed.value.notes.join('; ')}.`);
      }
    }
    land(services, audio, pack, { label, entry, trackId, playhead, length }, landed);
  };
  await Promise.all(Array.from({ length: count }, (_, i) => variation(i)));
}

/** One generated clip into the project: the first of a prompt as a clip (with the prompt in the history), a later
 * variation as a take under it. */
function land(
  { store, assets }: Services,
  audio: Float32Array,
  pack: PackInfo,
  where: { label: string; entry: PromptEntry; trackId: string | null; playhead: number; length: number },
  landed: { trackId: string | null },
): void {
  const now = store.getState().project;
  const clip = toProjectRate(audio, pack.sampleRate, now.sampleRate, where.length);
  applyGain(clip, Math.min(MAX_GENERATED_GAIN, peakNormalizeGain([clip], GENERATED_PEAK_DB)));
  const asset = assets.add([clip], now.sampleRate);
  const name = where.entry.text.slice(0, 40);
  const range = { start: where.playhead, end: where.playhead + where.length };
  if (landed.trackId !== null && now.tracks.some((t) => t.id === landed.trackId)) {
    const letter = String.fromCharCode(66 + now.tracks.filter((t) => t.takeOf === landed.trackId).length);
    store.getState().commit(where.label, addTake(now, landed.trackId, range, asset.id, `${name} · take ${letter}`));
    return;
  }
  const target = where.trackId && now.tracks.some((t) => t.id === where.trackId) ? where.trackId : null;
  const placed = placeAsset(now, target, where.playhead, asset.id, where.length, name);
  landed.trackId = target ?? placed.tracks[placed.tracks.length - 1].id;
  store.getState().commit(where.label, recordPrompt(placed, where.entry));
}

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
  const result = separates(pack, s)
    ? await separateEdit(store, job, s, original, source, pack, rate, retry)
    : await diffusionEdit(store, job, s, text, original, source, pack, rate, retry);
  if (!result) return;
  const now = store.getState().project;
  if (!now.tracks.some((t) => t.id === track.id))
    return store
      .getState()
      .notify('error', `${label}: the track was deleted while the job ran, so the result was dropped.`);
  if (
    now !== before &&
    trackAudio(now.tracks.find((t) => t.id === track.id)!, assets, range).some((ch, i) => !sameSamples(ch, original[i]))
  ) {
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
    const asset = assets.add(blendEdges(original, result, Math.round(EDGE_FADE_SECONDS * rate)), rate);
    store.getState().commit(label, placeAsset(now, track.id, range.start, asset.id, range.end - range.start, label));
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

/** Remove or extract by the separator, on the recording itself; null (and the user told) when there is no result,
 * including when the described sound is not in the selection: then nothing changes. */
async function separateEdit(
  store: StudioStore,
  job: JobView,
  s: GenerateSettings,
  original: Float32Array[],
  source: Float32Array,
  pack: PackInfo,
  rate: number,
  retry: () => Promise<void>,
): Promise<Float32Array[] | null> {
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
        `No “${description}” found in the selection, so nothing was changed. Try other words, or select where the sound is.`,
      );
    return null;
  }
  const applied = await analysis().applySeparation(
    s.editTask as SeparatingEdit,
    original,
    separation.mask,
    separation.bins,
    pack.sampleRate,
    rate,
  );
  if (applied.ok) return applied.value;
  store
    .getState()
    .notify(
      'error',
      `${job.label}: the separation could not be applied (${applied.error.message}). The project is as it was.`,
    );
  return null;
}

/** An edit through the diffusion model, then the studio's post-processing (finishEdit). */
async function diffusionEdit(
  store: StudioStore,
  job: JobView,
  s: GenerateSettings,
  text: string,
  original: Float32Array[],
  source: Float32Array,
  pack: PackInfo,
  rate: number,
  retry: () => Promise<void>,
): Promise<Float32Array[] | null> {
  const audio = await runSampler(
    store,
    job,
    { taskId: s.editTask, text, seconds: source.length / pack.sampleRate, source },
    s.seed,
    pack,
    retry,
  );
  return audio ? finishEdit(store, s, original, audio, source, pack, rate) : null;
}

/** Extract keeps the model's output: the isolated sound is new audio, not the recording with a part changed. */
const PRESERVING = new Set(['add', 'remove']);

/** The model's output at the project rate; or, on each channel of the original recording, (keepUntouched) the original
 * changed only where the model changed it, or (keepPerformance, style transfer) the original with the model's timbre. */
async function finishEdit(
  store: StudioStore,
  s: GenerateSettings,
  original: Float32Array[],
  audio: Float32Array,
  source: Float32Array,
  pack: PackInfo,
  rate: number,
): Promise<Float32Array[]> {
  const length = original[0].length;
  const raw = () => [toProjectRate(audio, pack.sampleRate, rate, length)];
  const keepsPerformance = s.editTask === 'style' && s.keepPerformance;
  if (!keepsPerformance && (!s.keepUntouched || !PRESERVING.has(s.editTask))) return raw();
  const recon = await engine().reconstruct(source);
  if (!recon.ok) {
    const what = keepsPerformance
      ? 'The new timbre could not be applied to the original'
      : 'The original could not be kept where the edit changed nothing';
    store.getState().notify('error', `${what} (${recon.error.message}); the model's output is used as it is.`);
    return raw();
  }
  // The result has the original's length: the gains apply to the original, or the addition is cut to it.
  const kept = await (keepsPerformance
    ? analysis().transferTimbre(original, audio, recon.value, pack.sampleRate, rate)
    : analysis().preserveEdit(
        s.editTask as PreservingEdit,
        original,
        audio,
        recon.value,
        pack.sampleRate,
        rate,
        s.editTask === 'add' ? s.addLevelDb : undefined,
      ));
  if (kept.ok) return kept.value;
  store
    .getState()
    .notify('error', `The original could not be kept (${kept.error.message}); the model's output is used as it is.`);
  return raw();
}

const sameSamples = (a: Float32Array, b: Float32Array | undefined) =>
  b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]);

export function cancelJob(id: string): void {
  void engine().cancel(id);
}

/** A new random seed (the dice button). */
export const rollSeed = () => Math.floor(Math.random() * 2 ** 31);

/** Seconds left for a running job, from its pace so far. */
export function secondsLeft(job: JobView, now = Date.now()): number | null {
  if (job.status !== 'running' || !job.runningSince || job.step < 1) return null;
  return ((now - job.runningSince) / 1000 / job.step) * (job.steps - job.step);
}
