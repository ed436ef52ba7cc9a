/** Opening, starting, renaming, copying and deleting the projects of the browser's library
 * (src/persist/project-library.ts): the open project is saved first, and nothing happens while a take records or the
 * model works (their results belong to the open one). */
import {
  copyName,
  deleteProject,
  duplicateProject,
  projectNameOf,
  renameShelvedProject,
  switchProject,
} from '../persist/project-library';
import { startAutosave } from '../persist/autosave';
import type { Services } from './services';

/** Why the library cannot change now, or null. */
function busyReason({ store }: Services): string | null {
  const { recording, jobs } = store.getState();
  if (recording) return 'Stop recording first: the take belongs to the project open now.';
  if (jobs.length > 0)
    return 'Wait for the model to finish (or cancel it): what it makes belongs to the project open now.';
  return null;
}

/** Runs `change` on the library after saving the open project; a refusal or failure is said. */
async function withSaved(services: Services, change: () => Promise<void>): Promise<boolean> {
  const state = services.store.getState();
  const busy = busyReason(services);
  try {
    if (busy) throw new Error(busy);
    await services.autosave.flush();
    await change();
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}

/** Shelves the open project and opens project `id` (null: a new, empty one); the page reloads into it. Once saved,
 * the project it leaves is saved no more (a late save would put it back over the one opened), unless the switch
 * fails and it stays open. */
export async function openProject(services: Services, id: string | null, reload = () => location.reload()) {
  const openId = services.store.getState().projectId;
  const switched = await withSaved(services, async () => {
    services.autosave.stop();
    try {
      await switchProject(openId, id);
    } catch (e) {
      services.autosave = startAutosave(services.store, services.assets);
      throw e;
    }
  });
  if (switched) reload();
}

/** Deletes a project of the library that is not open, its audio with it (said; nothing to undo). */
export async function deleteShelved(services: Services, id: string, name: string): Promise<boolean> {
  const done = await withSaved(services, () => deleteProject(id));
  if (done) services.store.getState().notify('info', `Deleted the project “${name}” from this browser.`);
  return done;
}

/** Keeps a copy of a project in the library ("… (copy)"), its audio shared with it; said. */
export async function duplicate(services: Services, id: string, name: string): Promise<boolean> {
  const openId = services.store.getState().projectId;
  const done = await withSaved(services, () => duplicateProject(id, openId, copyName(name)));
  if (done) services.store.getState().notify('info', `Kept a copy of “${name}” among the projects.`);
  return done;
}

/** Renames a project: the open one in the store (saved with it), another in the library. */
export async function renameProject(services: Services, id: string, name: string): Promise<boolean> {
  const state = services.store.getState();
  try {
    const named = projectNameOf(name);
    if (id === state.projectId) state.set({ projectName: named });
    else await renameShelvedProject(id, named);
    return true;
  } catch (e) {
    state.notify('error', e instanceof Error ? e.message : String(e));
    return false;
  }
}
