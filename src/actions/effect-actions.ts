/** Fades, gain, normalisation and reverse over the selection. */
import { fadeProcessor, gainProcessor, loudnessNormalizeProcessor, peakNormalizeProcessor, type PieceProcessor, processRange, reverseProcessor } from '../project/process-ops';
import type { Services } from '../app/services';
import type { EditParams } from '../store/studio-store';
import type { Action } from './types';
import { hasRange, selectedRange, targetTrackIds } from './targets';

function effect(name: string, label: (p: EditParams) => string, shortcut: string, processor: (p: EditParams) => PieceProcessor): Action {
  return {
    name,
    label: label({ fadeCurve: 'equal-power', gainDb: 0, peakDb: 0, lufs: 0 }).replace(/ \(.*\)$/, ''),
    group: 'effect',
    shortcuts: [shortcut],
    enabled: hasRange,
    perform: ({ store, assets, player }: Services) => {
      const state = store.getState();
      const range = selectedRange(state)!;
      state.commit(label(state.params), processRange(state.project, targetTrackIds(state), range, assets, processor(state.params)));
      player.refresh();
    },
  };
}

export const effectActions: Action[] = [
  effect('fadeIn', (p) => `Fade in (${p.fadeCurve})`, 'Shift+I', (p) => fadeProcessor('in', p.fadeCurve)),
  effect('fadeOut', (p) => `Fade out (${p.fadeCurve})`, 'Shift+O', (p) => fadeProcessor('out', p.fadeCurve)),
  effect('gain', (p) => `Gain (${p.gainDb} dB)`, 'Shift+G', (p) => gainProcessor(p.gainDb)),
  effect('normalizePeak', (p) => `Normalize peak (${p.peakDb} dBFS)`, 'Shift+N', (p) => peakNormalizeProcessor(p.peakDb)),
  effect('normalizeLoudness', (p) => `Normalize loudness (${p.lufs} LUFS)`, 'Shift+L', (p) => loudnessNormalizeProcessor(p.lufs)),
  effect('reverse', () => 'Reverse', 'Shift+R', () => reverseProcessor),
];
