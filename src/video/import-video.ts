/** Imports a video: its picture becomes the project's video (a pane in sync with the playhead and a lane of
 * thumbnails), its sound a new track from 0 s; one undoable step, and a clear message when it cannot be read. */
import type { Services } from '../app/services';
import { newId, newTrack, type Project, type ProjectVideo } from '../project/types';
import { codecName, NoPictureError, probeVideo, thumbnails, VideoError, videoSound } from './video-file';
import { keepVideoFile } from './video-store';

const THUMBNAILS = 12;
const THUMBNAIL_HEIGHT = 48;

/** True once imported, false after telling the user why not; 'no-picture' for a file to import as audio instead. */
export async function importVideo({ store, assets }: Services, file: File): Promise<boolean | 'no-picture'> {
  store.getState().set({ busy: `Importing the video "${file.name}"…` });
  try {
    const facts = await probeVideo(file);
    const rate = store.getState().project.sampleRate;
    const [pictures, sound] = await Promise.all([
      thumbnails(file, THUMBNAILS, THUMBNAIL_HEIGHT),
      videoSound(file, rate),
    ]);
    const video: ProjectVideo = { id: newId(), name: file.name, ...facts, thumbnails: pictures };
    await keepVideoFile(video.id, file);
    const project = store.getState().project;
    const tracks = [...project.tracks];
    if (sound.channels) {
      const asset = assets.add(sound.channels, rate);
      const name = file.name.replace(/\.[^.]+$/, '');
      const clip = { id: newId(), assetId: asset.id, name, start: 0, offset: 0, length: sound.channels[0].length };
      tracks.push({ ...newTrack(tracks.length), name: `${name} (sound)`, clips: [clip] });
    }
    const next: Project = { ...project, tracks, video };
    store.getState().commit(`Import video "${file.name}"`, next);
    const what = `${facts.width}x${facts.height} ${codecName(facts.codec)}, ${facts.seconds.toFixed(1)} s`;
    const said = sound.channels
      ? 'its sound is a new track'
      : sound.problem
        ? `its sound was left out: ${sound.problem}`
        : 'it has no sound';
    const replaced = project.video ? ` It replaces "${project.video.name}".` : '';
    store.getState().notify('info', `Video "${file.name}" (${what}): ${said}.${replaced}`);
    return true;
  } catch (e) {
    if (e instanceof NoPictureError) return 'no-picture';
    const text =
      e instanceof VideoError
        ? e.message
        : `"${file.name}" could not be imported: ${e instanceof Error ? e.message : String(e)}`;
    store.getState().notify('error', `${text} The project is unchanged.`);
    return false;
  } finally {
    store.getState().set({ busy: null });
  }
}
