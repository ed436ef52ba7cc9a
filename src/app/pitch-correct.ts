/** Correct pitch over the selection (src/dsp/pitch-correct.ts) as one undoable step in the analysis worker, in the key
 * chosen, or the project's (the key Analyze heard on a track; chromatic where none was heard, said); the intonation is
 * measured before and after and said, and a selection with nothing pitched in it is left as it was. */
import * as Comlink from 'comlink';
import { selectedRange } from '../actions/targets';
import { analysis, answerValue } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import { PITCH_CLASSES } from '../dsp/key';
import type { Intonation, PitchCorrection } from '../dsp/pitch-correct';
import { parseKey } from '../music/music-prompt';
import { scaleName } from '../project/effects';
import type { EffectRunner } from '../project/process-ops';
import type { Track } from '../project/types';
import type { EditParams } from '../store/studio-store';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export type IntonationMeter = (
  channels: Float32Array[],
  sampleRate: number,
  scale: PitchCorrection,
) => Promise<Intonation | null>;

const intonationInWorker: IntonationMeter = (channels, sampleRate, scale) =>
  answerValue(
    analysis().intonation(
      Comlink.transfer(
        channels,
        channels.map((c) => c.buffer as ArrayBuffer),
      ),
      sampleRate,
      scale,
    ),
  );

/** The keys the studio offers beside 'project' and 'chromatic': "C major" ... "B minor". */
export const CORRECTION_KEYS = [
  'project',
  'chromatic',
  ...['major', 'minor'].flatMap((mode) => PITCH_CLASSES.map((k) => `${k} ${mode}`)),
];

/** The correction the settings ask for; `fromProject` says where the project's key was wanted and which was found. */
export function correctionOf(
  params: Pick<EditParams, 'correctKey' | 'retuneMs' | 'correctStrength'>,
  tracks: readonly Track[],
): PitchCorrection & { fromProject: 'found' | 'none' | null } {
  const wanted =
    params.correctKey === 'project'
      ? tracks.map((t) => parseKey(t.musicKey)).find((k) => k)
      : parseKey(params.correctKey);
  const fromProject = params.correctKey === 'project' ? (wanted ? 'found' : 'none') : null;
  return {
    tonic: wanted ? PITCH_CLASSES.indexOf(wanted.key) : null,
    mode: wanted?.mode ?? 'major',
    speedMs: params.retuneMs,
    strength: params.correctStrength,
    fromProject,
  };
}

export async function correctPitchSelection(
  services: Services,
  run: EffectRunner = runInWorker,
  measure: IntonationMeter = intonationInWorker,
): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const rate = state.project.sampleRate;
  const { fromProject, ...scale } = correctionOf(state.params, state.project.tracks);
  const heard = () => targetTrackAudio(services, range, store.getState().project).flat();
  const before = await measure(heard(), rate, scale);
  if (!before)
    return store
      .getState()
      .notify(
        'info',
        'Nothing in the selection has a pitch to correct (one voice or instrument, one note at a time): nothing was changed.',
      );
  if (!(await runEffect(services, { kind: 'correctPitch', ...scale }, undefined, run))) return;
  const after = await measure(heard(), rate, scale);
  const key = fromProject === 'none' ? 'chromatic (Analyze found no key in the project)' : scaleName(scale);
  const cents = (i: Intonation | null) => (i ? `${Math.round(i.medianCents)}` : 'none heard');
  store
    .getState()
    .notify(
      'info',
      `Corrected the pitch to ${key}: ${Math.round(100 * before.voiced)} % of the selection has a pitch, a median ${cents(before)} cents off its notes before, ${cents(after)} after.`,
    );
}
