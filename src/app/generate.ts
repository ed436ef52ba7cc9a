/**
 * Model jobs from the studio: generate a clip from a prompt (edit.ts edits a selection with an instruction), and the
 * prompt and sampler settings both share. Each job shows its progress and preview peaks in the store while it runs;
 * its result lands as one undoable step, and a cancelled or failed job leaves the project as it was.
 */
import { engine } from '../client/engine-client';
import { analysis } from '../client/analysis-client';
import { addTake, nextTakeLetter, placeAsset } from '../project/generated-ops';
import type { ProjectAudio } from '../project/model-audio';
import type { GenerateJob, PackInfo, VideoFrames } from '../protocol/engine-protocol';
import { beatGuided } from '../music/beat-guide';
import { MAX_STRETCH } from '../music/conform';
import { type MusicFields, musicPrompt } from '../music/music-prompt';
import { recordPrompt } from '../project/prompt-history';
import { newId, type Project, type PromptEntry, type Track } from '../project/types';
import type { GenerateSettings, JobView, StudioStore } from '../store/studio-store';
import { videoFile } from '../video/video-store';
import type { Services } from './services';
import { ensurePack, queuedJob, runJob } from './jobs';

export const MAX_PROMPT_CHARS = 300;
export const MIN_EDIT_SECONDS = 0.25;
export const GENERATE_SECONDS = { min: 0.5, max: 120 } as const;
const PREVIEW_EVERY = 2;

/** The paper's tasks and edit templates: what a pack's manifest gives unless it says otherwise, and what the panel
 * offers and checks against before the pack has loaded. */
export const PAPER_TASKS: PackInfo['tasks'] = [
  { id: 't2a', label: 'Sound from text', family: 'generate', template: '{desc}' },
  { id: 't2m', label: 'Music from text', family: 'generate', template: '{desc}' },
  { id: 'v2a', label: 'Sound for the video', family: 'generate', template: '{desc}', conditions: ['text', 'video'] },
  { id: 'v2m', label: 'Music for the video', family: 'generate', template: '{desc}', conditions: ['text', 'video'] },
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
  const pictureAlone = s.mode === 'generate' && hearsPicture(null, s.generateTask); // its words are optional
  if (!text && !pictureAlone)
    return s.mode === 'generate'
      ? 'Type a prompt first: what should it sound like?'
      : 'Say what to add, remove or extract.';
  const length = s.mode === 'generate' ? generationText(s).length : editInstruction(s).length;
  if (length > MAX_PROMPT_CHARS)
    return `The prompt is ${length} characters; the model reads about ${MAX_PROMPT_CHARS}. Shorten it.`;
  return null;
}

/** A generate or diffusion-edit job through the engine's sampler, with the panel's sampler settings. */
export function runSampler(
  store: StudioStore,
  job: JobView,
  request: Pick<
    GenerateJob,
    'taskId' | 'text' | 'seconds' | 'source' | 'around' | 'chained' | 'previewEvery' | 'video'
  >,
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
        previewEvery: request.previewEvery ?? PREVIEW_EVERY,
      },
      onProgress,
      onPreview,
    ),
  );
}

/** The text a generation sends to the model: a music task's prompt with the panel's tempo, key and meter written in. */
export function generationText(s: GenerateSettings): string {
  return isMusicTask(s.generateTask) ? musicPrompt(s.prompt, s.music) : s.prompt.trim();
}

/** The tasks whose prompts the music fields fill (text-to-music, video-to-music). */
export const isMusicTask = (taskId: string) => taskId === 't2m' || taskId === 'v2m';

export const MAX_VARIATIONS = 4;

/** Whether a pack's task hears the picture (its video tasks). */
export const hearsPicture = (pack: Pick<PackInfo, 'tasks'> | null | undefined, taskId: string) =>
  (pack?.tasks ?? PAPER_TASKS).find((t) => t.id === taskId)?.conditions?.includes('video') ?? false;

/** What a job of `taskId` hears of the project's picture from `from` seconds (the video plays from 0 s): nothing for
 * a task that does not hear it, the frames as the pack reads them for one that does; null, said to the user, when
 * they cannot be read. */
export async function pictureForTask(
  store: StudioStore,
  pack: PackInfo,
  taskId: string,
  from: number,
  seconds: number,
): Promise<{ video?: VideoFrames } | null> {
  if (!hearsPicture(pack, taskId)) return {};
  const video = await pictureUnder(store, pack, from, seconds);
  return video ? { video } : null;
}

async function pictureUnder(store: StudioStore, pack: PackInfo, from: number, seconds: number) {
  const video = store.getState().project.video;
  const file = video ? await videoFile(video.id) : null;
  if (!video || !file) {
    store
      .getState()
      .notify(
        'error',
        video ? 'The video file is gone: import it again.' : 'Sound for the video needs a video: import one first.',
      );
    return null;
  }
  if (from >= video.seconds) {
    store.getState().notify('error', `The playhead is past the video's end (${video.seconds.toFixed(1)} s).`);
    return null;
  }
  const picture = await analysis().picture(
    file,
    from,
    Math.min(seconds, video.seconds - from),
    pack.video.size,
    pack.video.fps,
  );
  if (!picture.ok) store.getState().notify('error', `The video's picture could not be read: ${picture.error.message}`);
  return picture.ok ? picture.value : null;
}

/** The tempo and key a music take is conformed to, when the panel asks for it and states one. */
export function conformFields(s: GenerateSettings): MusicFields | null {
  // Music for a video keeps the timing the picture gave it: its key may be shifted, its tempo is never stretched.
  const music = hearsPicture(null, s.generateTask) ? { ...s.music, bpm: null } : s.music;
  return isMusicTask(s.generateTask) && s.conform && (music.bpm !== null || music.key !== null) ? music : null;
}

/** How a generation runs: the task, the picture it hears when the studio makes one, how long the model makes it, and
 * what its take is conformed to. */
export interface GenerationPlan {
  taskId: string;
  seconds: number;
  video?: VideoFrames;
  chained: boolean;
  conformTo: MusicFields | null;
  /** What the plan did that the user should know, in words. */
  notes: string[];
  /** The tempo the beat guide holds the take at, from its first sample. */
  heldAt?: number;
}

/** The plan for the panel's generation of `seconds` (a beat `firstBeat` seconds after its start). Music from text at a stated tempo runs under the pack's beat
 * guide where it has one (src/music/beat-guide.ts): its timing comes from the picture, so only its key is conformed
 * and it is not made longer for stretching; its windows are chained like other music (each follows its own part of
 * the picture too). Otherwise a take whose tempo will be conformed is made longer, so a
 * faster tempo still fills the length; music longer than a window continues itself window after window, so it keeps
 * its tempo and key, except music for a video, whose every window follows its own picture. */
export function generationPlan(
  s: GenerateSettings,
  pack: Pick<PackInfo, 'tasks' | 'video'>,
  seconds: number,
  firstBeat = 0,
): GenerationPlan {
  const bpm = s.music.bpm;
  const guided = s.generateTask === 't2m' && bpm !== null ? beatGuided(pack, bpm, seconds, firstBeat) : null;
  if (guided && bpm !== null)
    return {
      ...guided,
      seconds,
      chained: true, // each window continues the last (and follows its part of the picture): the key holds better
      conformTo: s.conform && s.music.key !== null ? { ...s.music, bpm: null } : null,
      notes: [`held at ${Math.round(bpm)} BPM by the beat guide`],
      heldAt: bpm,
    };
  const conformTo = conformFields(s);
  return {
    taskId: s.generateTask,
    seconds: conformTo?.bpm ? Math.min(GENERATE_SECONDS.max, seconds * MAX_STRETCH) : seconds,
    chained: isMusicTask(s.generateTask) && !hearsPicture(pack, s.generateTask),
    conformTo,
    notes: [],
  };
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
  const beat = projectBeat(project.tracks, s.music.bpm, playhead);
  const plan = generationPlan(s, pack, seconds, (beat - playhead) / project.sampleRate);
  const picture = plan.video
    ? { video: plan.video }
    : await pictureForTask(store, pack, plan.taskId, playhead / project.sampleRate, plan.seconds);
  if (!picture) return;
  const { video } = picture;
  const variation = async (index: number) => {
    const label = count > 1 ? `${title} (${String.fromCharCode(65 + index)})` : title;
    const job = queuedJob('generate', label, { trackId, start: playhead, length });
    // Only the first take streams previews: the others come in whole, so four takes cost about four times one.
    const request = {
      taskId: plan.taskId,
      text,
      seconds: plan.seconds,
      chained: plan.chained,
      previewEvery: index === 0 ? undefined : 0,
      video,
    };
    const audio = await runSampler(store, job, request, s.seed + index, pack, () => generateClip(services));
    if (!audio) return;
    const projectRate = store.getState().project.sampleRate;
    const made = await analysis().projectAudio({
      kind: 'generated',
      audio,
      modelRate: pack.sampleRate,
      projectRate,
      length: Math.round(seconds * projectRate),
      conform: plan.conformTo,
    });
    if (!made.ok)
      return store
        .getState()
        .notify('error', `${label}: the take could not be made project audio (${made.error.message}).`);
    const onGrid = plan.heldAt && beat !== playhead ? ["its beats on the project's beat grid"] : [];
    tell(store, label, { ...made.value, notes: [...plan.notes, ...onGrid, ...made.value.notes] });
    const where = { label, entry, trackId, playhead, length, bpm: plan.heldAt, beat, key: made.value.musicKey };
    land(services, made.value.channels, projectRate, where, landed);
  };
  await Promise.all(Array.from({ length: count }, (_, i) => variation(i)));
}

/** One generated clip into the project: the first of a prompt as a clip (with the prompt in the history), a later
 * variation as a take under it. */
function land(
  { store, assets }: Services,
  channels: Float32Array[],
  rate: number,
  where: {
    label: string;
    entry: PromptEntry;
    trackId: string | null;
    playhead: number;
    length: number;
    bpm?: number;
    beat: number;
    key?: string;
  },
  landed: { trackId: string | null },
): void {
  const now = store.getState().project;
  const asset = assets.add(channels, rate);
  const name = where.entry.text.slice(0, 40);
  const range = { start: where.playhead, end: where.playhead + where.length };
  if (landed.trackId !== null && now.tracks.some((t) => t.id === landed.trackId)) {
    const letter = nextTakeLetter(now, landed.trackId);
    const taken = addTake(now, landed.trackId, range, asset.id, `${name} · take ${letter}`);
    store.getState().commit(where.label, withMusicKey(withBeatGrid(taken, now, where.bpm, where.beat), now, where.key));
    return;
  }
  const target = where.trackId && now.tracks.some((t) => t.id === where.trackId) ? where.trackId : null;
  let placed = placeAsset(now, target, where.playhead, asset.id, where.length, name);
  if (target === null) placed = withMusicKey(withBeatGrid(placed, now, where.bpm, where.beat), now, where.key);
  landed.trackId = target ?? placed.tracks[placed.tracks.length - 1].id;
  store.getState().commit(where.label, recordPrompt(placed, where.entry));
}

/** Where a beat at `bpm` falls (samples at the project's rate): on the grid of the first track whose tempo (Analyze's
 * or a guided take's) is within 1 % of it, so new music plays in time with what is there; else at the playhead. */
export function projectBeat(tracks: readonly Track[], bpm: number | null, playhead: number): number {
  const grid = bpm
    ? tracks.find((t) => t.tempoBpm && t.beatStart !== undefined && Math.abs(t.tempoBpm - bpm) <= bpm * 0.01)
    : undefined;
  return grid?.beatStart ?? playhead;
}

/** A take made under the beat guide lands on its new track with its beat grid (the tempo it was held at and where one
 * of its beats falls), so Extend, Loop and Regenerate on it keep to the grid as on a track Analyze heard. */
export function withBeatGrid(project: Project, before: Project, bpm: number | undefined, start: number): Project {
  return bpm === undefined ? project : onNewTracks(project, before, { tempoBpm: bpm, beatStart: start });
}

/** A take conformed to a key lands on its new track with that key, so Extend continues in it (src/app/extend.ts). */
export function withMusicKey(project: Project, before: Project, key: string | undefined): Project {
  return key === undefined ? project : onNewTracks(project, before, { musicKey: key });
}

/** `patch` on the tracks `project` has that `before` had not. */
function onNewTracks(project: Project, before: Project, patch: Partial<Track>): Project {
  const old = new Set(before.tracks.map((t) => t.id));
  return { ...project, tracks: project.tracks.map((t) => (old.has(t.id) ? t : { ...t, ...patch })) };
}

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

/** What post-processing did (info) and could not do (error), each said once under the job's label. */
export function tell(store: StudioStore, label: string, made: ProjectAudio) {
  if (made.notes.length) store.getState().notify('info', `${label}: ${made.notes.join('; ')}.`);
  if (made.problems.length) store.getState().notify('error', `${label}: ${made.problems.join('; ')}.`);
}
