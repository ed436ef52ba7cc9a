/** An effect over the selection (the selected tracks, else all), run in the analysis worker as one undoable step;
 * the selection stays on what was changed. Also Match the project: the selected music stretched and shifted to the
 * tempo and key Analyze heard on the project's other tracks, as a DAW warps a loop to its project. */
import { runInWorker } from '../client/effect-runner';
import { selectedRange, targetTrackIds } from '../actions/targets';
import { type SurroundingsProfile, surroundingsOf, surroundingsProfile } from '../dsp/attenuate';
import { resample } from '../dsp/resample';
import { conformPlan } from '../music/conform';
import { NO_MUSIC_FIELDS, projectMusic } from '../music/music-prompt';
import { effectLabel, type EffectSpec, timeMap } from '../project/effects';
import { isPortable, macroStep } from '../project/macro';
import { trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import { type EffectRunner, processRange } from '../project/process-ops';
import type { AssetStore } from '../project/asset-store';
import type { Project, SampleRange, Track } from '../project/types';
import type { Services } from './services';

/** Tempo and key are heard at the model's rate, on at most this much of the selection (a song's first minute). */
const HEAR_RATE = 16000;
const HEAR_SECONDS = 60;

/** Each target track's clips' own samples over the selection, as an effect reads them (track gain and pan left out). */
export function targetTrackAudio({ store, assets }: Services, range: SampleRange, project = store.getState().project) {
  const trackIds = targetTrackIds(store.getState());
  return project.tracks.filter((t) => trackIds.includes(t.id)).map((t) => trackAudio(t, assets, range));
}

/** The bed heard either side of `range` on `tracks` (their clips' own samples, as an effect reads them), for
 * Attenuate to surroundings. */
export function surroundingsOfTracks(
  tracks: readonly Track[],
  assets: AssetStore,
  range: SampleRange,
  sampleRate: number,
): SurroundingsProfile {
  const parts = surroundingsOf(range.start, range.end, sampleRate).map((r) =>
    tracks.flatMap((t) => trackAudio(t, assets, r)),
  );
  return surroundingsProfile(parts, sampleRate);
}

/** The effect kept for Repeat last effect and appended to the macro being recorded, where it can run on other audio
 * as it is. */
function recordStep({ store }: Services, spec: EffectSpec): void {
  if (!isPortable(spec)) return;
  const step = macroStep(spec);
  const { macro } = store.getState();
  store
    .getState()
    .set({ lastEffect: step, ...(macro.recording && { macro: { ...macro, steps: [...macro.steps, step] } }) });
}

/** Runs `spec` over the selection; false where it was not applied (the project changed meanwhile: said; or `keep`,
 * shown the result, turned it down). */
export async function runEffect(
  services: Services,
  spec: EffectSpec,
  label = effectLabel(spec),
  run: EffectRunner = runInWorker,
  keep: (project: Project) => boolean = () => true,
): Promise<boolean> {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return false;
  state.set({ busy: `${label}…` });
  try {
    const project = await processRange(state.project, targetTrackIds(state), range, assets, spec, run);
    // The result belongs to the project as it was when the effect started: never overwrite a later edit with it.
    if (store.getState().project !== state.project) {
      store.getState().notify('error', `${label} was not applied: the project changed while it ran. Run it again.`);
      return false;
    }
    if (!keep(project)) return false;
    store.getState().commit(label, project);
    recordStep(services, spec);
    // A tempo change makes the selection shorter or longer.
    const selection = store.getState().selection;
    if (selection) store.getState().selectRange({ ...selection, end: timeMap(spec, range)(range.end) });
    return true;
  } finally {
    store.getState().set({ busy: null });
  }
}

/** The selection moved to the project's tempo (set on it, else what Analyze heard on its other tracks) and the key
 * Analyze heard on them, heard on the first selected track; what was heard and done is said. */
export async function matchProject(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const trackIds = targetTrackIds(state);
  const track = state.project.tracks.find((t) => trackIds.includes(t.id));
  if (!range || !track) return;
  const target = projectMusic(
    state.project.tracks.filter((t) => !trackIds.includes(t.id)),
    state.project.tempo,
  );
  if (!target)
    return state.notify(
      'info',
      'The project has no tempo or key to match: set a tempo in the transport, or Analyze another music track first.',
    );
  const rate = state.project.sampleRate;
  const heardRange = { start: range.start, end: Math.min(range.end, range.start + HEAR_SECONDS * rate) };
  const heard = resample(toMono(trackAudio(track, assets, heardRange)), rate, HEAR_RATE);
  const plan = conformPlan(heard, HEAR_RATE, { ...NO_MUSIC_FIELDS, ...target });
  const said = plan.notes.join('; ');
  if (plan.factor === 1 && plan.semitones === 0) return state.notify('info', `Nothing to change: ${said}.`);
  const spec: EffectSpec = { kind: 'tempo', percent: 100 / plan.factor - 100, semitones: plan.semitones };
  const asked = [target.bpm === null ? '' : `${target.bpm} BPM`, plan.key ?? ''].filter(Boolean).join(', ');
  if (await runEffect(services, spec, `Match the project (${asked})`, run))
    store.getState().notify('info', `Matched the project: ${said}.`);
}
