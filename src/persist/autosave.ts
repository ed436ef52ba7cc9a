/** Keeps the project, its history and its audio in IndexedDB, so a reload or a crash loses nothing. */
import { type IDBPDatabase, openDB } from 'idb';
import type { AssetStore } from '../project/asset-store';
import type { AudioAsset, Project } from '../project/types';
import { type History, referencedAssetIds } from '../store/history';
import type { StudioStore } from '../store/studio-store';

const DB_NAME = 'omni-studio';
const PROJECT_KEY = 'current';

interface SavedProject {
  project: Project;
  history: History;
  playhead: number;
  savedAt: number;
}

type Db = IDBPDatabase<unknown>;

function open(): Promise<Db> {
  return openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('assets', { keyPath: 'id' });
      db.createObjectStore('project');
    },
  });
}

const isQuotaError = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/** Loads the saved project and its assets into the store; returns false when there is nothing saved. */
export async function restoreProject(store: StudioStore, assets: AssetStore): Promise<boolean> {
  const db = await open();
  const saved = (await db.get('project', PROJECT_KEY)) as SavedProject | undefined;
  if (!saved) return false;
  const needed = referencedAssetIds(saved.project, saved.history);
  const missing: string[] = [];
  for (const id of needed) {
    const asset = (await db.get('assets', id)) as AudioAsset | undefined;
    if (asset) assets.restore(asset);
    else missing.push(id);
  }
  if (missing.length > 0) throw new Error(`The saved project refers to ${missing.length} audio file(s) that storage no longer holds.`);
  store.getState().restore(saved.project, saved.history);
  store.getState().set({ playhead: saved.playhead });
  return true;
}

/**
 * Saves after every change (debounced): new assets once each, then the project document.
 * Assets that neither the project nor its history uses are deleted. Errors are shown, never swallowed.
 */
export function startAutosave(store: StudioStore, assets: AssetStore, delayMs = 300): { flush(): Promise<void>; stop(): void } {
  const saved = new Set<string>(assets.ids());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  const dbPromise = open();
  void navigator.storage?.persist?.();

  async function save(): Promise<void> {
    const { project, history, playhead } = store.getState();
    const db = await dbPromise;
    const used = referencedAssetIds(project, history);
    const tx = db.transaction(['assets', 'project'], 'readwrite');
    for (const id of used) {
      if (!saved.has(id) && assets.has(id)) await tx.objectStore('assets').put(assets.get(id));
    }
    for (const id of saved) if (!used.has(id)) await tx.objectStore('assets').delete(id);
    const doc: SavedProject = { project, history, playhead, savedAt: Date.now() };
    await tx.objectStore('project').put(doc, PROJECT_KEY);
    await tx.done;
    saved.clear();
    used.forEach((id) => saved.add(id));
    for (const id of assets.ids()) if (!used.has(id)) assets.delete(id);
  }

  function runSave(): Promise<void> {
    running = running.then(save).then(
      () => {
        if (failing) store.getState().notify('info', 'Your project is saved again.');
        failing = false;
      },
      (e: unknown) => {
        failing = true;
        const text = isQuotaError(e)
          ? 'Storage is full: your latest changes are NOT saved. Export your work, or free space in the browser, to keep it.'
          : `Autosave failed: ${e instanceof Error ? e.message : String(e)}. Export your work to keep it.`;
        store.getState().notify('error', text);
      },
    );
    return running;
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.project === previous.project && state.history === previous.history) return;
    clearTimeout(timer);
    timer = setTimeout(runSave, delayMs);
  });

  return {
    flush() {
      clearTimeout(timer);
      return runSave();
    },
    stop() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
