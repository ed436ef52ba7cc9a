/**
 * The browser's library of projects, as a DAW's project list or a web studio's library: the open project is the
 * autosave's (`current`), the others are kept whole beside it (document, undo history, audio) until opened again or
 * deleted. Opening or starting a project shelves the open one and reloads the page, which then restores the project
 * that is now current, so nothing of the old one lingers in memory.
 */
import { AssetStore } from '../project/asset-store';
import type { OpenedProject } from './project-file';
import { newId, projectLength } from '../project/types';
import { UNTITLED } from '../store/studio-store';
import {
  type Db,
  dropUnusedAssets,
  open,
  PROJECT_KEY,
  readAsset,
  type SavedProject,
  writeAsset,
  SHELF,
  shelvedProjects,
  storedAssetBytes,
} from './autosave';
import { emptyHistory, referencedAssetIds } from '../store/history';

export interface ProjectSummary {
  id: string;
  name: string;
  /** When it was last saved, ms since 1970. */
  savedAt: number;
  tracks: number;
  seconds: number;
  /** What its audio (its undo history's too) takes in storage, bytes (audio shared with another project counted in
   * each). */
  bytes: number;
  /** Whether it is the project open now. */
  open: boolean;
}

/** The longest name a project may have. */
export const PROJECT_NAME_MAX = 80;

/** What the library says of a saved project (`fallbackId` for a save from before the library, which had none;
 * `assetBytes`: what each stored audio takes, by id). */
export function summaryOf(
  doc: SavedProject,
  open: boolean,
  fallbackId: string,
  assetBytes: ReadonlyMap<string, number>,
): ProjectSummary {
  const { project } = doc;
  const used = [...referencedAssetIds(project, doc.history)];
  return {
    id: doc.id ?? fallbackId,
    name: doc.name ?? UNTITLED,
    savedAt: doc.savedAt,
    tracks: project.tracks.length,
    seconds: projectLength(project) / project.sampleRate,
    bytes: used.reduce((sum, id) => sum + (assetBytes.get(id) ?? 0), 0),
    open,
  };
}

/** A name the library can keep: trimmed; an empty or too long one throws with the reason. */
export function projectNameOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Name the project.');
  if (trimmed.length > PROJECT_NAME_MAX) throw new Error(`A project's name is at most ${PROJECT_NAME_MAX} characters.`);
  return trimmed;
}

/** The open project (`openId` its id in the store), then the others, the latest saved first. */
export async function listProjects(openId: string): Promise<ProjectSummary[]> {
  const db = await open();
  const current = (await db.get('project', PROJECT_KEY)) as SavedProject | undefined;
  const bytes = await storedAssetBytes(db);
  const shelved = [...(await shelvedProjects(db)).entries()].map(([key, doc]) =>
    summaryOf(doc, false, key.slice(SHELF.length), bytes),
  );
  shelved.sort((a, b) => b.savedAt - a.savedAt);
  return current ? [summaryOf(current, true, openId, bytes), ...shelved] : shelved;
}

/** Shelves the open project (saved already; `openId` its id) and makes `next` the current one (null: none, so the
 * page starts empty); the caller reloads the page. An open project with nothing in it is not kept. */
export async function switchProject(openId: string, next: string | null): Promise<void> {
  const db = await open();
  const current = (await db.get('project', PROJECT_KEY)) as SavedProject | undefined;
  const incoming = next === null ? undefined : ((await db.get('project', SHELF + next)) as SavedProject | undefined);
  if (next !== null && !incoming) throw new Error('That project is no longer in the library.');
  const tx = db.transaction('project', 'readwrite');
  const store = tx.objectStore('project');
  const keep = current && (current.project.tracks.length > 0 || current.history.past.length > 0);
  if (keep) await store.put({ ...current, id: current.id ?? openId }, SHELF + (current.id ?? openId));
  if (incoming) {
    await store.put({ ...incoming, id: next }, PROJECT_KEY);
    await store.delete(SHELF + next);
  } else await store.delete(PROJECT_KEY);
  await tx.done;
}

/** Deletes a shelved project and the audio only it played (the open one cannot be deleted). */
export async function deleteProject(id: string): Promise<void> {
  const db = await open();
  await db.delete('project', SHELF + id);
  await dropUnusedAssets(db, await openProjectAssets(db));
}

/** A copy of a project (the open one: `openId`, saved already) kept in the library as `name`, sharing its audio. */
export async function duplicateProject(id: string, openId: string, name: string): Promise<void> {
  const db = await open();
  const doc = (await db.get('project', id === openId ? PROJECT_KEY : SHELF + id)) as SavedProject | undefined;
  if (!doc) throw new Error('That project is no longer in the library.');
  const copy = newId();
  await db.put('project', { ...doc, id: copy, name: projectNameOf(name), savedAt: Date.now() }, SHELF + copy);
}

/** What a copy of `name` is called: "… (copy)", within the longest name. */
export const copyName = (name: string) => `${name.slice(0, PROJECT_NAME_MAX - 7)} (copy)`;

/** A project of the library that is not open, with the audio it plays (read from storage into a store of its own). */
export async function readShelvedProject(id: string): Promise<{ doc: SavedProject; assets: AssetStore }> {
  const db = await open();
  const doc = (await db.get('project', SHELF + id)) as SavedProject | undefined;
  if (!doc) throw new Error('That project is no longer in the library.');
  const assets = new AssetStore();
  for (const assetId of referencedAssetIds(doc.project, emptyHistory())) {
    const asset = await readAsset(db, assetId);
    if (!asset) throw new Error('Storage no longer holds some of its audio.');
    assets.restore(asset);
  }
  return { doc, assets };
}

/** A project read from an .omni file kept in the library as `name` beside the open one (its audio stored first, so
 * the document never points at audio that is not there); returns its id. */
export async function addProjectFromFile(opened: OpenedProject, name: string): Promise<string> {
  const db = await open();
  for (const asset of opened.assets) await writeAsset(db, asset);
  const id = newId();
  const { project, playhead, trackHeights, loopRegion } = opened;
  const doc: SavedProject = {
    ...{ id, name: projectNameOf(name), project, history: emptyHistory() },
    ...{ playhead, trackHeights, loopRegion, savedAt: Date.now() },
  };
  await db.put('project', doc, SHELF + id);
  return id;
}

/** Renames a shelved project (the open one's name is the store's, saved with it). */
export async function renameShelvedProject(id: string, name: string): Promise<void> {
  const db = await open();
  const doc = (await db.get('project', SHELF + id)) as SavedProject | undefined;
  if (!doc) throw new Error('That project is no longer in the library.');
  await db.put('project', { ...doc, name: projectNameOf(name) }, SHELF + id);
}

async function openProjectAssets(db: Db): Promise<Set<string>> {
  const current = (await db.get('project', PROJECT_KEY)) as SavedProject | undefined;
  return current ? referencedAssetIds(current.project, current.history) : new Set();
}
