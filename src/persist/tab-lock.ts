/**
 * One tab at a time owns the browser's open project (a Web Lock): a second tab would load it and autosave over the
 * first's edits, each losing the other's. The second tab says so and loads nothing; "Use it here" takes the project
 * over (the lock stolen, the page reloaded), and the tab it was taken from stops saving and says so.
 */
const LOCK = 'omni-studio-open-project';
/** Set (for this tab) while "Use it here" reloads it: the next boot steals the lock rather than asking. */
const TAKING_OVER = 'omni-studio-taking-over';

/** Claims the open project for this page: true where it now owns it (or where the browser has no Web Locks, as
 * before); `lost` is called if another tab takes it over later. */
export function claimProject(lost: () => void, storage: Storage = sessionStorage): Promise<boolean> {
  const locks = navigator.locks;
  if (!locks) return Promise.resolve(true);
  const steal = storage.getItem(TAKING_OVER) !== null;
  storage.removeItem(TAKING_OVER);
  return new Promise((resolve) => {
    locks
      .request(LOCK, steal ? { steal: true } : { ifAvailable: true }, (lock) => {
        resolve(lock !== null);
        // Held for as long as the page lives.
        return lock ? new Promise<void>(() => {}) : undefined;
      })
      // A lock taken over by another tab ends its request with an AbortError.
      .catch(() => lost());
  });
}

/** Reloads the page to take the open project over from the tab that has it. */
export function takeOver(storage: Storage = sessionStorage, reload = () => location.reload()): void {
  storage.setItem(TAKING_OVER, '1');
  reload();
}
