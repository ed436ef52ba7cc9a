/** Fades, gain, normalisation, reverse, pitch, tempo and noise reduction over the selection, processed in the analysis
 * worker. */
import { runInWorker } from '../client/effect-runner';
import { effectLabel, type EffectSpec, timeMap } from '../project/effects';
import { processRange } from '../project/process-ops';
import type { Services } from '../app/services';
import type { EditParams, StudioState } from '../store/studio-store';
import { noiseProfile } from '../dsp/noise-reduction';
import { mixdown } from '../project/mixdown';
import type { Action } from './types';
import { hasRange, selectedRange, targetTrackIds } from './targets';

function effect(
  name: string,
  label: string,
  shortcut: string,
  specOf: (p: EditParams, s: StudioState) => EffectSpec | null,
): Action {
  return {
    name,
    label,
    group: 'effect',
    shortcuts: [shortcut],
    enabled: (s) => hasRange(s) && s.busy === null && specOf(s.params, s) !== null,
    perform: async ({ store, assets }: Services) => {
      const state = store.getState();
      const spec = specOf(state.params, state);
      if (!spec) return;
      const range = selectedRange(state)!;
      state.set({ busy: `${effectLabel(spec)}…` });
      try {
        const project = await processRange(state.project, targetTrackIds(state), range, assets, spec, runInWorker);
        // The result belongs to the project as it was when the effect started: never overwrite a later edit with it.
        if (store.getState().project !== state.project) {
          store
            .getState()
            .notify('error', `${effectLabel(spec)} was not applied: the project changed while it ran. Run it again.`);
        } else {
          store.getState().commit(effectLabel(spec), project);
          // The selection stays on what was changed (a tempo change makes it shorter or longer).
          const selection = store.getState().selection;
          if (selection) store.getState().selectRange({ ...selection, end: timeMap(spec, range)(range.end) });
        }
      } finally {
        store.getState().set({ busy: null });
      }
    },
  };
}

export const effectActions: Action[] = [
  effect('fadeIn', 'Fade in', 'Shift+I', (p) => ({ kind: 'fade', direction: 'in', curve: p.fadeCurve })),
  effect('fadeOut', 'Fade out', 'Shift+O', (p) => ({ kind: 'fade', direction: 'out', curve: p.fadeCurve })),
  effect('gain', 'Gain', 'Shift+G', (p) => ({ kind: 'gain', db: p.gainDb })),
  effect('normalizePeak', 'Normalize peak', 'Shift+N', (p) => ({ kind: 'normalizePeak', db: p.peakDb })),
  effect('normalizeLoudness', 'Normalize loudness', 'Shift+L', (p) => ({ kind: 'normalizeLoudness', lufs: p.lufs })),
  effect('reverse', 'Reverse', 'Shift+R', () => ({ kind: 'reverse' })),
  effect('changePitch', 'Change pitch', 'Shift+H', (p) => ({ kind: 'pitch', semitones: p.pitchSemitones })),
  effect('changeTempo', 'Change tempo', 'Shift+T', (p) => ({ kind: 'tempo', percent: p.tempoPercent })),
  {
    name: 'noiseProfile',
    label: 'Take noise profile',
    group: 'effect',
    shortcuts: ['Shift+K'],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: ({ store, assets }: Services) => {
      const state = store.getState();
      const range = selectedRange(state)!;
      const trackIds = targetTrackIds(state);
      // The clips' own samples, as the effect will read them: track gain and pan left out.
      const raw = { ...state.project, tracks: state.project.tracks.map((t) => ({ ...t, gainDb: 0, pan: 0 })) };
      const noise = mixdown(raw, assets, { range, trackIds });
      const profile = noiseProfile(noise, state.project.sampleRate);
      const seconds = ((range.end - range.start) / state.project.sampleRate).toFixed(2);
      store.getState().set({ noiseProfile: profile });
      store
        .getState()
        .notify('info', `Noise profile taken from ${seconds} s. Select what to clean and use Reduce noise.`);
    },
  },
  effect('reduceNoise', 'Reduce noise', 'Shift+J', (p, s) =>
    s.noiseProfile
      ? {
          kind: 'denoise',
          profile: s.noiseProfile,
          reductionDb: p.noiseReductionDb,
          sensitivityDb: p.noiseSensitivityDb,
        }
      : null,
  ),
];
