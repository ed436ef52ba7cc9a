/** The macro's steps kept in the browser's local storage, so a recorded macro outlives the page, as Audacity keeps
 * its macros between sessions. */
import type { MacroStep } from '../project/macro';
import type { StudioStore } from '../store/studio-store';

const KEY = 'omni-studio-macro';

const isStep = (s: unknown): s is MacroStep =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as MacroStep).label === 'string' &&
  typeof (s as MacroStep).spec?.kind === 'string';

/** Loads the saved macro into the store and saves it again whenever its steps change; returns the unsubscribe. */
export function rememberMacro(store: StudioStore, storage: Storage = localStorage): () => void {
  const saved = storage.getItem(KEY);
  if (saved !== null) {
    try {
      const steps: unknown = JSON.parse(saved).steps;
      if (!Array.isArray(steps) || !steps.every(isStep)) throw new Error('not a list of steps');
      store.getState().set({ macro: { steps, recording: false } });
    } catch {
      store.getState().notify('info', 'The macro saved in this browser could not be read; it starts empty.');
    }
  }
  return store.subscribe((state, previous) => {
    if (state.macro.steps !== previous.macro.steps)
      storage.setItem(KEY, JSON.stringify({ version: 1, steps: state.macro.steps }));
  });
}
