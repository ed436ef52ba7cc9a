/** The user's saved effect chains and effect presets kept in the browser's local storage, so they outlive the page
 * and every project, as a DAW keeps its FX-chain and plug-in presets. */
import { chainPresetProblem } from '../project/chain-presets';
import { effectPresetProblem } from '../project/effect-presets';
import type { StudioState, StudioStore } from '../store/studio-store';

/** Where a list is kept (under `entries` in its JSON), the store's field that holds it, what makes an entry unusable,
 * and what it is called. */
interface PresetList {
  key: string;
  entries: 'chains' | 'presets';
  field: 'chainPresets' | 'effectPresets';
  problem: (value: unknown) => string | null;
  what: string;
}

const CHAINS: PresetList = {
  key: 'omni-studio-chain-presets',
  entries: 'chains',
  field: 'chainPresets',
  problem: chainPresetProblem,
  what: 'effect chains',
};
const EFFECT_PRESETS: PresetList = {
  key: 'omni-studio-effect-presets',
  entries: 'presets',
  field: 'effectPresets',
  problem: effectPresetProblem,
  what: 'effect presets',
};

/** Loads the saved chains and presets into the store (any that cannot run is dropped and said) and saves them again
 * whenever they change; returns the unsubscribe. */
export function rememberPresets(store: StudioStore, storage: Storage = localStorage): () => void {
  const stops = [CHAINS, EFFECT_PRESETS].map((list) => remember(store, list, storage));
  return () => stops.forEach((stop) => stop());
}

function remember(
  store: StudioStore,
  { key, entries: name, field, problem, what }: PresetList,
  storage: Storage,
): () => void {
  const saved = storage.getItem(key);
  if (saved !== null) {
    let entries: unknown[] = [];
    try {
      const parsed: unknown = JSON.parse(saved)[name];
      if (!Array.isArray(parsed)) throw new Error('not a list');
      entries = parsed;
    } catch {
      store.getState().notify('info', `The ${what} saved in this browser could not be read; none are loaded.`);
    }
    const problems = entries.map(problem);
    const usable = entries.filter((_, i) => problems[i] === null);
    const dropped = problems.filter((p): p is string => p !== null);
    if (dropped.length)
      store.getState().notify('info', `Saved ${what} left out, as they cannot run: ${dropped.join('; ')}.`);
    store.getState().set({ [field]: usable } as Partial<StudioState>);
  }
  return store.subscribe((state, previous) => {
    if (state[field] !== previous[field]) storage.setItem(key, JSON.stringify({ version: 1, [name]: state[field] }));
  });
}
