/** Save project (Ctrl/Cmd+S) writes the project as one .omni file to download (src/persist/project-file.ts); Open (the
 * Import picker or a drop) replaces the project with one, as one undoable step, or says why it cannot. */
import { download } from '../export/export-audio';
import {
  PROJECT_EXTENSION,
  ProjectFileError,
  type ProjectView,
  readProjectFile,
  writeProjectFile,
} from '../persist/project-file';
import { addProjectFromFile, PROJECT_NAME_MAX, readShelvedProject } from '../persist/project-library';
import type { AssetStore } from '../project/asset-store';
import type { Project } from '../project/types';
import { UNTITLED } from '../store/studio-store';
import { keepVideoFile, videoFile } from '../video/video-store';
import type { Services } from './services';

/** A file name from the project's name, else its first track's (characters file systems refuse taken out), else
 * "project". */
const projectFileName = (projectName: string, project: Project) => {
  const name = projectName !== UNTITLED ? projectName : project.tracks[0]?.name;
  return `${(name ?? '').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'project'}${PROJECT_EXTENSION}`;
};

/** Saves the open project as a file to download. */
export async function saveProject(services: Services): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  await saveAsFile(services, { ...state, name: state.projectName }, assets);
}

/** Saves a project of the browser's library that is not open as a file to download, its audio read from storage. */
export async function saveShelvedProject(services: Services, id: string): Promise<void> {
  try {
    const { doc, assets } = await readShelvedProject(id);
    const view = { trackHeights: doc.trackHeights ?? {}, loopRegion: doc.loopRegion ?? null };
    await saveAsFile(services, { ...doc, ...view, name: doc.name ?? UNTITLED }, assets);
  } catch (e) {
    services.store
      .getState()
      .notify('error', `The project could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes `saved` (its project, view and name) with its audio from `assets` as an .omni file to download; said. */
async function saveAsFile(
  { store }: Services,
  saved: ProjectView & { project: Project; name: string },
  assets: AssetStore,
): Promise<void> {
  const state = store.getState();
  const { project } = saved;
  if (project.tracks.length === 0) return state.notify('info', 'There is nothing to save yet: the project is empty.');
  state.set({ busy: 'Saving the project…' });
  try {
    const kept = project.video ? await videoFile(project.video.id) : null;
    const video = kept && { name: kept.name, bytes: new Uint8Array(await kept.arrayBuffer()) };
    const bytes = writeProjectFile(project, saved, assets, video);
    const fileName = projectFileName(saved.name, project);
    download({ bytes: bytes.buffer as ArrayBuffer, fileName, mimeType: 'application/zip' });
    const megabytes = (bytes.byteLength / 1e6).toFixed(1);
    const missing = project.video && !video ? ' Its video file was not found, so it is not in it.' : '';
    state.notify('info', `Saved the project as ${fileName} (${megabytes} MB).${missing}`);
  } catch (e) {
    state.notify('error', `The project could not be saved: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    store.getState().set({ busy: null });
  }
}

/** Keeps the project in `file` among the browser's projects (the open one left as it is), named for the file; false,
 * said, where it cannot be read. */
export async function addProjectFile({ store }: Services, file: File): Promise<boolean> {
  store.getState().set({ busy: `Adding "${file.name}"…` });
  try {
    const opened = readProjectFile(new Uint8Array(await file.arrayBuffer()), file.name);
    if (opened.video && opened.project.video) await keepVideoFile(opened.project.video.id, opened.video);
    const name = file.name.replace(/\.omni$/i, '').slice(0, PROJECT_NAME_MAX) || UNTITLED;
    await addProjectFromFile(opened, name);
    store.getState().notify('info', `Added "${name}" to the projects: open it from the list.`);
    return true;
  } catch (e) {
    const text = e instanceof ProjectFileError ? e.message : `"${file.name}" could not be added: ${String(e)}`;
    store.getState().notify('error', text);
    return false;
  } finally {
    store.getState().set({ busy: null });
  }
}

/** Replaces the project with the one in `file` (one undo step); false, said, where it cannot be read. */
export async function openProjectFile(services: Services, file: File): Promise<boolean> {
  const { store, assets } = services;
  store.getState().set({ busy: `Opening "${file.name}"…` });
  try {
    const opened = readProjectFile(new Uint8Array(await file.arrayBuffer()), file.name);
    for (const asset of opened.assets) assets.add(asset.channels, asset.sampleRate, asset.id);
    if (opened.video && opened.project.video) await keepVideoFile(opened.project.video.id, opened.video);
    store.getState().commit(`Open project "${file.name}"`, opened.project);
    store.getState().seek(opened.playhead);
    store.getState().set({
      trackHeights: { ...store.getState().trackHeights, ...opened.trackHeights },
      loopRegion: opened.loopRegion,
    });
    const tracks = opened.project.tracks.length;
    store.getState().notify('info', `Opened "${file.name}": ${tracks} track${tracks === 1 ? '' : 's'}.`);
    return true;
  } catch (e) {
    const text = e instanceof ProjectFileError ? e.message : `"${file.name}" could not be opened: ${String(e)}`;
    store.getState().notify('error', `${text} The project is unchanged.`);
    return false;
  } finally {
    store.getState().set({ busy: null });
  }
}
