/** Align to guide and Match pitch (beside Add double), as VocAlign and Revoice Pro do a double or a backing vocal
 * against the lead: each other track in the selection has its part read along a time map that puts it in time with
 * the first's (src/dsp/align.ts: the map found in the analysis worker, the take read there), or moved onto the first's
 * pitch (src/dsp/match-pitch.ts: the guide's pitch read in the worker); one undo step per take, each saying what it
 * did. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { analysis, answerValue, transferred } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import { ALIGN_HOP_SECONDS } from '../dsp/align';
import { guidePitch } from '../dsp/match-pitch';
import type { SampleRange, Track } from '../project/types';
import { type LineReader, lineInWorker } from './pitch-editor';
import { trackAudio } from '../project/generated-ops';
import type { EffectRunner } from '../project/process-ops';
import type { EffectSpec } from '../project/effects';
import { runEffect } from './effects';
import type { Services } from './services';

export type Aligner = (guide: Float32Array[], take: Float32Array[], sampleRate: number) => Promise<Float32Array>;

const alignInWorker: Aligner = (guide, take, sampleRate) =>
  answerValue(analysis().alignment(transferred(guide), transferred(take), sampleRate));

export async function alignToGuide(
  services: Services,
  align: Aligner = alignInWorker,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  return eachTake(services, 'put in time with it', async ({ guide, take, range, rate }) => {
    const readAt = await align(
      trackAudio(guide, services.assets, range),
      trackAudio(take, services.assets, range),
      rate,
    );
    const spec: EffectSpec = { kind: 'align', from: range.start, readAt: [...readAt] };
    if (!(await runEffect(services, spec, `Align "${take.name}" to "${guide.name}"`, run))) return false;
    const moved = [...readAt].map((t, k) => 1000 * Math.abs(t - k * ALIGN_HOP_SECONDS)).sort((a, b) => a - b);
    const [median, most] = [moved[Math.floor(moved.length / 2)], moved[moved.length - 1]].map(Math.round);
    return `Aligned "${take.name}" to "${guide.name}": moved by up to ${most} ms (a median ${median} ms).`;
  });
}

export async function matchPitchToGuide(
  services: Services,
  read: LineReader = lineInWorker,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  return eachTake(services, 'moved onto its pitch', async ({ guide, take, range, rate }) => {
    const { track } = await read(trackAudio(guide, services.assets, range), rate);
    if (!track.hz.some((hz) => hz > 0)) return `"${guide.name}" has no pitch here to match: nothing was changed.`;
    const strength = services.store.getState().params.matchStrength;
    const spec: EffectSpec = { kind: 'matchPitch', guide: guidePitch(track, range.start), strength };
    if (!(await runEffect(services, spec, `Match "${take.name}" to "${guide.name}"`, run))) return false;
    return `Matched the pitch of "${take.name}" to "${guide.name}" (${strength} %).`;
  });
}

interface TakeJob {
  guide: Track;
  take: Track;
  range: SampleRange;
  rate: number;
}

/** Runs `job` for each track after the first in the selection (the guide), that track alone selected meanwhile; says
 * what each did (a sentence) or stops where one was not done (false). The selection is put back. */
async function eachTake(
  { store }: Services,
  what: string,
  job: (on: TakeJob) => Promise<string | false>,
): Promise<boolean> {
  const state = store.getState();
  const range = selectedRange(state);
  const tracks = targetTrackIds(state).flatMap((id) => state.project.tracks.filter((t) => t.id === id));
  if (!range || tracks.length < 2) {
    state.notify('info', `Select across two tracks or more: the first is the guide, the others are ${what}.`);
    return false;
  }
  const [guide, ...takes] = tracks;
  const selection = state.selection;
  try {
    for (const take of takes) {
      store.getState().selectRange({ ...range, trackIds: [take.id] });
      const said = await job({ guide, take, range, rate: state.project.sampleRate });
      if (said === false) return false;
      store.getState().notify('info', said);
    }
    return true;
  } finally {
    if (selection) store.getState().selectRange(selection);
  }
}
