/** Keeps the project, its history and its audio in IndexedDB, so a reload or a crash loses nothing. */
import { type IDBPDatabase, openDB } from 'idb';
import type { AssetStore } from '../project/asset-store';
import type { AudioAsset, Project, SampleRange } from '../project/types';
import { type History, referencedAssetIds } from '../store/history';
import type { StudioStore } from '../store/studio-store';
import { readLoopRegion, readTrackHeights } from '../store/layout';

const DB_NAME = 'omni-studio';
/** The open project's key in the `project` store; the other projects of the library are kept beside it under
 * SHELF and their id (src/persist/project-library.ts). */
export const PROJECT_KEY = 'current';
export const SHELF = 'shelf/';
/**
 * Audio is stored in chunks of this many samples (4 MB). One record per asset would put hundreds of MB through a
 * single structured clone on the main thread, and past Chromium's IPC message limit.
 */
const CHUNK_SAMPLES = 1 << 20;

interface AssetMeta {
  id: string;
  sampleRate: number;
  channelCount: number;
  length: number;
}

export interface SavedProject {
  /** Which project of the browser's library it is, and its name there (absent in saves from before the library). */
  id?: string;
  name?: string;
  project: Project;
  history: History;
  playhead: number;
  /** The heights the tracks were dragged to, px by track id (absent in saves from before they were kept). */
  trackHeights?: Record<string, number>;
  /** The loop region (absent in saves from before it was kept). */
  loopRegion?: SampleRange | null;
  savedAt: number;
}

export type Db = IDBPDatabase<unknown>;

let connection: Promise<Db> | undefined;

/** The studio's database (also where video files and the take journal are kept): one connection for the page, not
 * one per call (the take journal writes every second while recording); a failed open is tried again next time. */
export function open(): Promise<Db> {
  connection ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('assets', { keyPath: 'id' });
      db.createObjectStore('chunks');
      db.createObjectStore('project');
    },
  }).catch((e) => {
    connection = undefined;
    throw e;
  });
  return connection;
}

const chunkKey = (id: string, channel: number, index: number) => `${id}/${channel}/${index}`;
const chunksOf = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);

/** Writes an asset chunk by chunk, each in its own short transaction, then its description. */
export async function writeAsset(db: Db, asset: AudioAsset): Promise<void> {
  const length = asset.channels[0].length;
  for (let c = 0; c < asset.channels.length; c++) {
    for (let i = 0; i * CHUNK_SAMPLES < length; i++) {
      await db.put(
        'chunks',
        asset.channels[c].slice(i * CHUNK_SAMPLES, (i + 1) * CHUNK_SAMPLES),
        chunkKey(asset.id, c, i),
      );
    }
  }
  const meta: AssetMeta = { id: asset.id, sampleRate: asset.sampleRate, channelCount: asset.channels.length, length };
  await db.put('assets', meta);
}

export async function readAsset(db: Db, id: string): Promise<AudioAsset | undefined> {
  const meta = (await db.get('assets', id)) as AssetMeta | undefined;
  if (!meta) return undefined;
  const channels = Array.from({ length: meta.channelCount }, () => new Float32Array(meta.length));
  for (let c = 0; c < meta.channelCount; c++) {
    for (let i = 0; i * CHUNK_SAMPLES < meta.length; i++) {
      const chunk = (await db.get('chunks', chunkKey(id, c, i))) as Float32Array | undefined;
      if (!chunk) return undefined;
      channels[c].set(chunk, i * CHUNK_SAMPLES);
    }
  }
  return { id, sampleRate: meta.sampleRate, channels };
}

/** What each stored audio takes, bytes (32-bit samples), by id. */
export async function storedAssetBytes(db: Db): Promise<Map<string, number>> {
  const metas = (await db.getAll('assets')) as AssetMeta[];
  return new Map(metas.map((m) => [m.id, m.length * m.channelCount * 4]));
}

/** The projects kept in the library besides the open one, by key. */
export async function shelvedProjects(db: Db): Promise<Map<string, SavedProject>> {
  const keys = (await db.getAllKeys('project', IDBKeyRange.bound(SHELF, `${SHELF}\uffff`))) as string[];
  const docs = new Map<string, SavedProject>();
  for (const key of keys) docs.set(key, (await db.get('project', key)) as SavedProject);
  return docs;
}

/** The audio the shelved projects (and their histories) play. */
export async function shelvedAssetIds(db: Db): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const doc of (await shelvedProjects(db)).values())
    for (const id of referencedAssetIds(doc.project, doc.history)) ids.add(id);
  return ids;
}

/** Takes away the stored audio that no project of the library uses (`keep`: what the open one uses); the shelved
 * projects are read only where some stored audio is not the open one's (none kept, the usual start: not at all). */
export async function dropUnusedAssets(db: Db, keep: ReadonlySet<string>): Promise<void> {
  const others = ((await db.getAllKeys('assets')) as string[]).filter((id) => !keep.has(id));
  if (others.length === 0) return;
  const shelved = await shelvedAssetIds(db);
  for (const id of others) if (!shelved.has(id)) await deleteAsset(db, id);
}

async function deleteAsset(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['assets', 'chunks'], 'readwrite');
  await Promise.all([tx.objectStore('assets').delete(id), tx.objectStore('chunks').delete(chunksOf(id)), tx.done]);
}

const isQuotaError = (e: unknown) =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/** Loads the saved project and its assets into the store; returns false when there is nothing saved. */
export async function restoreProject(store: StudioStore, assets: AssetStore): Promise<boolean> {
  const db = await open();
  const saved = (await db.get('project', PROJECT_KEY)) as SavedProject | undefined;
  if (!saved) return false;
  const needed = referencedAssetIds(saved.project, saved.history);
  const missing: string[] = [];
  for (const id of needed) {
    const asset = await readAsset(db, id);
    if (asset) assets.restore(asset);
    else missing.push(id);
  }
  // Audio left behind by a save that a crash interrupted (the library's other projects keep theirs).
  await dropUnusedAssets(db, needed);
  if (missing.length > 0)
    throw new Error(`The saved project refers to ${missing.length} audio file(s) that storage no longer holds.`);
  store.getState().restore(saved.project, saved.history);
  store.getState().set({
    ...(saved.id ? { projectId: saved.id } : {}),
    ...(saved.name ? { projectName: saved.name } : {}),
    playhead: saved.playhead,
    trackHeights: readTrackHeights(saved.trackHeights),
    loopRegion: readLoopRegion(saved.loopRegion),
  });
  return true;
}

/**
 * Saves after every change (debounced): new assets once each, then the project document.
 * Assets that neither the project nor its history uses are deleted. Errors are shown, never swallowed.
 */
export function startAutosave(
  store: StudioStore,
  assets: AssetStore,
  delayMs = 300,
): { flush(): Promise<void>; stop(): void } {
  const saved = new Set<string>(assets.ids());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  let stopped = false;
  const dbPromise = open();
  void navigator.storage?.persist?.();

  async function save(): Promise<void> {
    const { project, history, playhead, trackHeights, loopRegion, projectId, projectName } = store.getState();
    const db = await dbPromise;
    const used = referencedAssetIds(project, history);
    // Audio first, the document last: a saved document never points at audio that is not there.
    for (const id of used) {
      if (saved.has(id)) continue;
      await writeAsset(db, assets.get(id)); // throws (and is reported) if a referenced asset is missing
      saved.add(id);
    }
    const doc: SavedProject = {
      id: projectId,
      name: projectName,
      ...{ project, history, playhead, trackHeights, loopRegion },
      savedAt: Date.now(),
    };
    await db.put('project', doc, PROJECT_KEY);
    // Audio that was saved and is no longer used goes from memory, and from storage unless another project of the
    // library plays it (the same .omni file opened in two). Audio never saved stays in memory: an effect may have made
    // it and not yet committed the project that uses it.
    const unused = [...saved].filter((id) => !used.has(id));
    const shelved = unused.length > 0 ? await shelvedAssetIds(db) : new Set<string>();
    for (const id of unused) {
      if (!shelved.has(id)) await deleteAsset(db, id);
      saved.delete(id);
      assets.delete(id);
    }
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
    const changed =
      state.project !== previous.project ||
      state.history !== previous.history ||
      state.trackHeights !== previous.trackHeights ||
      state.loopRegion !== previous.loopRegion ||
      state.projectName !== previous.projectName;
    if (!changed) return;
    clearTimeout(timer);
    timer = setTimeout(runSave, delayMs);
  });

  return {
    flush() {
      clearTimeout(timer);
      return stopped ? running : runSave();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
