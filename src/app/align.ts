/** Align to guide (beside Add double): each other track in the selection has its part read along a time map that
 * puts it in time with the first's (src/dsp/align.ts: the map found in the analysis worker, the take read there), as
 * VocAlign does a double or a backing vocal against the lead; one undo step per take, each saying how far it moved. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { analysis, answerValue, transferred } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import { ALIGN_HOP_SECONDS } from '../dsp/align';
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
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const tracks = targetTrackIds(state).flatMap((id) => state.project.tracks.filter((t) => t.id === id));
  if (!range || tracks.length < 2) {
    state.notify(
      'info',
      'Select across two tracks or more: the first is the guide, the others are put in time with it.',
    );
    return false;
  }
  const rate = state.project.sampleRate;
  const [guide, ...takes] = tracks;
  const selection = state.selection;
  try {
    for (const take of takes) {
      const readAt = await align(trackAudio(guide, assets, range), trackAudio(take, assets, range), rate);
      store.getState().selectRange({ ...range, trackIds: [take.id] });
      const spec: EffectSpec = { kind: 'align', from: range.start, readAt: [...readAt] };
      if (!(await runEffect(services, spec, `Align "${take.name}" to "${guide.name}"`, run))) return false;
      const moved = [...readAt].map((t, k) => 1000 * Math.abs(t - k * ALIGN_HOP_SECONDS)).sort((a, b) => a - b);
      const [median, most] = [moved[Math.floor(moved.length / 2)], moved[moved.length - 1]].map(Math.round);
      store
        .getState()
        .notify(
          'info',
          `Aligned "${take.name}" to "${guide.name}": moved by up to ${most} ms (a median ${median} ms).`,
        );
    }
    return true;
  } finally {
    if (selection) store.getState().selectRange(selection);
  }
}
