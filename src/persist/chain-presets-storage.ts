/** The user's saved effect chains kept in the browser's local storage, so they outlive the page and every project,
 * as a DAW keeps its FX-chain presets. */
import { type ChainPreset, chainPresetProblem } from '../project/chain-presets';
import type { StudioStore } from '../store/studio-store';

const KEY = 'omni-studio-chain-presets';

/** Loads the saved chains into the store (any that cannot run is dropped and said) and saves them again whenever
 * they change; returns the unsubscribe. */
export function rememberChainPresets(store: StudioStore, storage: Storage = localStorage): () => void {
  const saved = storage.getItem(KEY);
  if (saved !== null) {
    let chains: unknown[] = [];
    try {
      const parsed: unknown = JSON.parse(saved).chains;
      if (!Array.isArray(parsed)) throw new Error('not a list');
      chains = parsed;
    } catch {
      store.getState().notify('info', 'The effect chains saved in this browser could not be read; none are loaded.');
    }
    const problems = chains.map(chainPresetProblem);
    const usable = chains.filter((_, i) => problems[i] === null) as ChainPreset[];
    const dropped = problems.filter((p): p is string => p !== null);
    if (dropped.length)
      store.getState().notify('info', `Saved effect chains left out, as they cannot run: ${dropped.join('; ')}.`);
    store.getState().set({ chainPresets: usable });
  }
  return store.subscribe((state, previous) => {
    if (state.chainPresets !== previous.chainPresets)
      storage.setItem(KEY, JSON.stringify({ version: 1, chains: state.chainPresets }));
  });
}
