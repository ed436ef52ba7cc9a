/**
 * Extend a clip forwards or backwards, or regenerate the selected region, with new material the model draws to fit
 * the audio around it (src/engine/around.ts: the known audio's latent is held while the rest is sampled, so the new
 * part continues the tempo and sound it sees; a continuation of music is then moved into the key it continues, which
 * the model does not hold). The prompt is the Generate panel's. The join is a crossfade that starts on a beat where
 * Analyze heard the track's tempo. One undoable step: in place, or a region as a take when the panel's edit result
 * says so.
 */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { analysis } from '../client/analysis-client';
import { resample } from '../dsp/resample';
import { addTake, placeAsset, stillHolds, trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import { clipEnd, type Clip, type SampleRange, type Track } from '../project/types';
import { AROUND_CONTEXT_SECONDS } from '../protocol/engine-protocol';
import { generationText, isMusicTask, pictureForTask, promptProblem, runSampler, tell } from './generate';
import { ensurePack, queuedJob } from './jobs';
import { beatBefore, onBeat } from './loop';
import { type BeatGrid, musicGrid } from '../project/tempo';
import { beatGuided } from '../music/beat-guide';
import type { KeySource } from '../music/conform';
import { parseKey } from '../music/music-prompt';
import { focusedClipId } from '../store/studio-store';
import type { Services } from './services';

/** The crossfade at a join: long enough to hide the seam, short enough to land on the beat. */
export const JOIN_FADE_SECONDS = 0.08;
export const EXTEND_SECONDS = { min: 1, max: 60 } as const;
const MIN_CONTEXT_SECONDS = 0.5;

/** What to make: the project range the new material replaces, and the known audio around it that the model sees. */
export interface AroundPlan {
  range: SampleRange;
  before: number;
  after: number;
  /** Where the range starts later than asked (a clip at the project's start extended backwards). */
  clamped: boolean;
}

/** Extending `clip` by `length` samples: forwards from the last beat before its end (less the crossfade), backwards
 * up to the first beat after its start; the known audio is the clip's own, up to the context's length. */
export function extendPlan(
  clip: Pick<Clip, 'start' | 'length'>,
  grid: BeatGrid | null,
  direction: 'forward' | 'backward',
  length: number,
  rate: number,
): AroundPlan | null {
  const fade = Math.round(JOIN_FADE_SECONDS * rate);
  const context = Math.round(AROUND_CONTEXT_SECONDS * rate);
  const minimum = Math.round(MIN_CONTEXT_SECONDS * rate);
  const end = clipEnd(clip as Clip);
  if (direction === 'forward') {
    const join = beatBefore(end - fade, rate, grid);
    if (join - clip.start < minimum) return null;
    return {
      range: { start: join, end: end + length },
      before: Math.min(context, join - clip.start),
      after: 0,
      clamped: false,
    };
  }
  const join = onBeat(clip.start + fade, rate, grid);
  if (end - join < minimum) return null;
  const start = Math.max(0, clip.start - length);
  return {
    range: { start, end: join },
    before: 0,
    after: Math.min(context, end - join),
    clamped: start > clip.start - length,
  };
}

/** Regenerating `range` on a track `trackLength` long: the known audio is what is around it, up to the context. */
export function regionPlan(range: SampleRange, trackLength: number, rate: number): AroundPlan {
  const context = Math.round(AROUND_CONTEXT_SECONDS * rate);
  return {
    range,
    before: Math.min(context, range.start),
    after: Math.max(0, Math.min(context, trackLength - range.end)),
    clamped: false,
  };
}

/** The selected clip on the target track, else its last clip (forwards) or first (backwards). */
function clipToExtend(services: Services, direction: 'forward' | 'backward') {
  const state = services.store.getState();
  for (const track of state.project.tracks) {
    const clip = track.clips.find((c) => c.id === focusedClipId(state));
    if (clip) return { track, clip };
  }
  const track = state.project.tracks.find((t) => t.id === targetTrackIds(state)[0]);
  if (!track?.clips.length) return null;
  const byStart = [...track.clips].sort((a, b) => a.start - b.start);
  const clip = direction === 'forward' ? byStart.reduce((a, b) => (clipEnd(b) > clipEnd(a) ? b : a)) : byStart[0];
  return { track, clip };
}

export async function extendClip(services: Services, direction: 'forward' | 'backward'): Promise<void> {
  const state = services.store.getState();
  const found = clipToExtend(services, direction);
  if (!found) return state.notify('error', 'Select a clip to extend first (click it).');
  const rate = state.project.sampleRate;
  if (direction === 'backward' && found.clip.start < EXTEND_SECONDS.min * rate)
    return state.notify(
      'error',
      'The clip starts at the project’s start: there is no time before it to lead in. Move it later first.',
    );
  const s = state.generate;
  const seconds = Math.min(EXTEND_SECONDS.max, Math.max(EXTEND_SECONDS.min, s.extendSeconds));
  const grid = musicGrid(state.project, found.track);
  const plan = extendPlan(found.clip, grid, direction, Math.round(seconds * rate), rate);
  if (!plan)
    return state.notify(
      'error',
      `The clip is too short to continue: the model needs at least ${MIN_CONTEXT_SECONDS} s of it.`,
    );
  if (plan.clamped) state.notify('info', 'The clip starts near the project’s start, so it is extended back to 0 s.');
  const under = found.track.clips.filter(
    (c) => c.id !== found.clip.id && c.start < plan.range.end && clipEnd(c) > plan.range.start,
  );
  if (under.length)
    state.notify(
      'info',
      `The new part runs over ${under.length === 1 ? 'another clip' : `${under.length} clips`} on the track and replaces that part (Undo brings it back).`,
    );
  const label = `Extend ${direction === 'forward' ? 'forwards' : 'backwards'} by ${seconds} s`;
  await makeAround(services, found.track, plan, label, false);
}

export async function regenerateRegion(services: Services): Promise<void> {
  const state = services.store.getState();
  const range = selectedRange(state);
  const track = state.project.tracks.find((t) => t.id === targetTrackIds(state)[0]);
  if (!range || !track) return state.notify('error', 'Select the part to regenerate first (drag across it).');
  const rate = state.project.sampleRate;
  const trackLength = Math.max(0, ...track.clips.map(clipEnd));
  const plan = regionPlan(range, trackLength, rate);
  if (plan.before + plan.after < MIN_CONTEXT_SECONDS * rate)
    return state.notify(
      'error',
      'There is nothing around the selection for the new part to fit; use Generate instead.',
    );
  const label = `Regenerate ${((range.end - range.start) / rate).toFixed(1)} s`;
  await makeAround(services, track, plan, label, state.generate.editResult === 'take');
}

/** Known audio on one side only: the new part continues it (Extend). A fill, held by known audio on both sides, keeps
 * the harmony better as the model made it (bench/regenerate-bench.ts: moving a 2 s fill into the heard key lowered
 * its chroma cosine with the song's own part from 0.80 to 0.77), so only continuations are moved into the key. */
const continues = (plan: AroundPlan) => plan.before === 0 || plan.after === 0;

/** The key a new part of music joins: the one Analyze heard on the track, else the known audio's (both sides). */
export function keySource(
  track: Pick<Track, 'musicKey'>,
  around: { audio: Float32Array; from: number; to: number },
): KeySource {
  const analysed = parseKey(track.musicKey);
  if (analysed) return analysed;
  const known = new Float32Array(around.from + around.audio.length - around.to);
  known.set(around.audio.subarray(0, around.from));
  known.set(around.audio.subarray(around.to), around.from);
  return { heardIn: known };
}

/** Runs the model around the plan's range and lands the result with crossfades at its edges. */
async function makeAround(services: Services, track: Track, plan: AroundPlan, label: string, asTake: boolean) {
  const { store, assets } = services;
  const s = store.getState().generate;
  const problem = promptProblem({ ...s, mode: 'generate' });
  if (problem) return store.getState().notify('error', `${label}: ${problem}`);
  const pack = await ensurePack(store);
  if (!pack) return;
  const rate = store.getState().project.sampleRate;
  const { range } = plan;
  const span = { start: range.start - plan.before, end: range.end + plan.after };
  const audio = resample(toMono(trackAudio(track, assets, span)), rate, pack.sampleRate);
  const toModel = (samples: number) => Math.round((samples / rate) * pack.sampleRate);
  const around = { audio, from: toModel(plan.before), to: audio.length - toModel(plan.after) };
  const original = trackAudio(track, assets, range);
  const seconds = (span.end - span.start) / rate;
  // Music from text where the music's grid is known (the track's, else the project's) runs under the beat guide,
  // its beats on the grid.
  const grid = musicGrid(store.getState().project, track);
  const guided =
    s.generateTask === 't2m' && grid ? beatGuided(pack, grid.bpm, seconds, (grid.downbeat - span.start) / rate) : null;
  const picture = guided
    ? { video: guided.video }
    : await pictureForTask(store, pack, s.generateTask, span.start / rate, seconds);
  if (!picture) return;
  const job = queuedJob('generate', label, { trackId: track.id, start: range.start, length: range.end - range.start });
  const request = {
    taskId: guided?.taskId ?? s.generateTask,
    text: generationText(s),
    seconds: (around.to - around.from) / pack.sampleRate,
    around,
    video: picture.video,
  };
  const result = await runSampler(store, job, request, s.seed, pack, () =>
    makeAround(services, track, plan, label, asTake),
  );
  if (!result) return;
  const made = await analysis().projectAudio({
    kind: 'edited',
    task: 'regenerate',
    keep: 'raw',
    original,
    audio: result,
    recon: null,
    modelRate: pack.sampleRate,
    projectRate: rate,
    matchKey: isMusicTask(s.generateTask) && s.conform && continues(plan) ? keySource(track, around) : undefined,
    edgeFade: Math.round(JOIN_FADE_SECONDS * rate),
  });
  if (!made.ok) return store.getState().notify('error', `${label}: ${made.error.message}. The project is as it was.`);
  const guideNote = guided && grid ? [`held at ${Math.round(grid.bpm)} BPM by the beat guide`] : [];
  tell(store, label, { ...made.value, notes: [...guideNote, ...made.value.notes] });
  const now = store.getState().project;
  const current = now.tracks.find((t) => t.id === track.id);
  if (!current || !stillHolds(current, assets, range, original))
    return store
      .getState()
      .notify('error', `${label}: the track changed while the job ran, so the result was dropped.`);
  const asset = assets.add(made.value.channels, rate);
  const length = range.end - range.start;
  store
    .getState()
    .commit(
      label,
      asTake
        ? addTake(now, track.id, range, asset.id, `Take: ${label}`)
        : placeAsset(now, track.id, range.start, asset.id, length, label, true),
    );
}
