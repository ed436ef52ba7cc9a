/** Reduce noise, adaptive (as Audition's Adaptive Noise Reduction): the noise floor learned from the selection itself
 * (src/dsp/noise-floor.ts) stands in for a profile of noise alone, then the selection goes through Reduce noise. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { learnedNoiseProfile } from '../dsp/noise-floor';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function reduceLearnedNoise(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const profile = learnedNoiseProfile(targetTrackAudio(services, range).flat(), state.project.sampleRate);
  if (!profile)
    return state.notify(
      'info',
      'The selection is silent or shorter than a frame (46 ms): there is no noise floor to learn.',
    );
  const { noiseReductionDb: reductionDb, noiseSensitivityDb: sensitivityDb } = state.params;
  const label = `Reduce noise, adaptive (${reductionDb} dB)`;
  if (!(await runEffect(services, { kind: 'denoise', profile, reductionDb, sensitivityDb }, label, run))) return;
  store
    .getState()
    .notify(
      'info',
      `Took the noise floor learned from the selection down ${reductionDb} dB where nothing rose over it.`,
    );
}
