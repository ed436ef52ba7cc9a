/** The user's preferences kept in the browser's local storage, so they hold in the next session: the window's layout
 * (src/store/layout.ts), the keyboard shortcuts set (src/actions/key-bindings.ts), the microphone chosen and the
 * metronome's settings (src/store/click-settings.ts), whether automation follows moved clips. */
import { readKeyBindings } from '../actions/key-bindings';
import { readLayout } from '../store/layout';
import { readClickSettings } from '../store/click-settings';
import type { StudioState, StudioStore } from '../store/studio-store';

/** Loads one part of the state from `key` (through `read`, which makes the best of a damaged entry) and saves it
 * whenever it changes; returns the unsubscribe. */
function remember<K extends keyof StudioState>(
  store: StudioStore,
  storage: Storage,
  key: string,
  field: K,
  read: (saved: unknown) => StudioState[K],
): () => void {
  const saved = storage.getItem(key);
  if (saved !== null) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(saved);
    } catch {
      // A damaged entry reads as nothing saved; the next change saves over it.
    }
    store.getState().set({ [field]: read(parsed) } as Partial<StudioState>);
  }
  return store.subscribe((state, previous) => {
    if (state[field] !== previous[field]) storage.setItem(key, JSON.stringify(state[field]));
  });
}

export function rememberPreferences(store: StudioStore, storage: Storage = localStorage): () => void {
  const forget = [
    remember(store, storage, 'omni-studio-layout', 'layout', readLayout),
    remember(store, storage, 'omni-studio-keys', 'keyBindings', readKeyBindings),
    remember(store, storage, 'omni-studio-input', 'inputDevice', (saved) => (typeof saved === 'string' ? saved : '')),
    remember(store, storage, 'omni-studio-click', 'click', readClickSettings),
    remember(store, storage, 'omni-studio-hear-input', 'hearInput', (saved) => saved === true),
    remember(store, storage, 'omni-studio-automation-follows', 'automationFollowsClips', (saved) => saved !== false),
    remember(store, storage, 'omni-studio-show-clipping', 'showClipping', (saved) => saved !== false),
  ];
  return () => {
    for (const f of forget) f();
  };
}
