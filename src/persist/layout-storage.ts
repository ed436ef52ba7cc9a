/** The window's layout (src/store/layout.ts) kept in the browser's local storage, so the effect shelf chosen and the
 * panels closed stay so in the next session. */
import { readLayout } from '../store/layout';
import type { StudioStore } from '../store/studio-store';

const KEY = 'omni-studio-layout';

/** Loads the saved layout into the store and saves it whenever it changes; returns the unsubscribe. */
export function rememberLayout(store: StudioStore, storage: Storage = localStorage): () => void {
  const saved = storage.getItem(KEY);
  if (saved !== null) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(saved);
    } catch {
      // A damaged entry opens the default layout, which the next change saves over it.
    }
    store.getState().set({ layout: readLayout(parsed) });
  }
  return store.subscribe((state, previous) => {
    if (state.layout !== previous.layout) storage.setItem(KEY, JSON.stringify(state.layout));
  });
}
