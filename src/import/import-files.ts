/** Imports files as new tracks (a MIDI file as instrument tracks, an Audacity label file as labels, an Omni Studio
 * project file in the project's place), one undoable step per file; a bad file is reported and changes nothing. */
import { openProjectFile } from '../app/project-file';
import type { Services } from '../app/services';
import { isProjectFile } from '../persist/project-file';
import type { Clip } from '../project/types';
import { newId, newTrack } from '../project/types';
import { importVideo } from '../video/import-video';
import { looksLikeVideo } from '../video/video-file';
import { decodeFile, ImportError } from './decode-file';
import { importLabelFile, isLabelFile } from './import-labels';
import { importMidiFile, isMidiFile } from './import-midi';

/** A file's name without its extension ("take 2.wav" -> "take 2"). */
export const stripExtension = (name: string) => name.replace(/\.[^.]+$/, '');

export async function importFiles(services: Services, files: Iterable<File>, at = 0): Promise<number> {
  const { store, assets } = services;
  let imported = 0;
  for (const file of files) {
    if (isProjectFile(file)) {
      imported += (await openProjectFile(services, file)) ? 1 : 0;
      continue;
    }
    if (isMidiFile(file)) {
      imported += (await importMidiFile(services, file, at)) ? 1 : 0;
      continue;
    }
    if (isLabelFile(file)) {
      imported += (await importLabelFile(services, file)) ? 1 : 0;
      continue;
    }
    const asVideo = looksLikeVideo(file) ? await importVideo(services, file) : 'no-picture';
    if (asVideo !== 'no-picture') {
      imported += asVideo ? 1 : 0;
      continue;
    }
    const before = store.getState();
    const adoptRate = before.project.tracks.every((t) => t.clips.length === 0);
    store.getState().set({ busy: `Importing "${file.name}"…` });
    try {
      const decoded = await decodeFile(file, before.project.sampleRate, adoptRate);
      const asset = assets.add(decoded.channels, decoded.sampleRate);
      const project = store.getState().project;
      // Placed before the timeline's start (a take moved earlier for its latency), its first samples are left out.
      const lead = Math.min(Math.max(0, -at), decoded.channels[0].length - 1);
      const clip: Clip = {
        id: newId(),
        assetId: asset.id,
        name: stripExtension(file.name),
        start: Math.max(0, at),
        offset: lead,
        length: decoded.channels[0].length - lead,
      };
      const track = { ...newTrack(project.tracks.length), name: stripExtension(file.name), clips: [clip] };
      store.getState().commit(`Import "${file.name}"`, {
        ...project,
        sampleRate: decoded.sampleRate,
        tracks: [...project.tracks, track],
      });
      decoded.notes.forEach((n) => store.getState().notify('info', n));
      imported++;
    } catch (e) {
      const text =
        e instanceof ImportError
          ? e.message
          : `"${file.name}" could not be imported: ${e instanceof Error ? e.message : String(e)}`;
      store.getState().notify('error', `${text} The project is unchanged.`);
    } finally {
      store.getState().set({ busy: null });
    }
  }
  return imported;
}
