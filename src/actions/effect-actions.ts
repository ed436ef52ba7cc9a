/** Fades, gain, normalisation, reverse, pitch and tempo over the selection, processed in the analysis worker. */
import { runInWorker } from '../client/effect-runner';
import { effectLabel, type EffectSpec, timeMap } from '../project/effects';
import { processRange } from '../project/process-ops';
import type { Services } from '../app/services';
import type { EditParams } from '../store/studio-store';
import type { Action } from './types';
import { hasRange, selectedRange, targetTrackIds } from './targets';

function effect(name: string, label: string, shortcut: string, specOf: (p: EditParams) => EffectSpec): Action {
  return {
    name,
    label,
    group: 'effect',
    shortcuts: [shortcut],
    enabled: (s) => hasRange(s) && s.busy === null,
    perform: async ({ store, assets }: Services) => {
      const state = store.getState();
      const spec = specOf(state.params);
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
];
