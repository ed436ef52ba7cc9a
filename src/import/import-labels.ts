/** Importing an Audacity label file (.txt): what Export's "Labels .txt" writes, or Audacity's own, read back. */
import { targetTrackIds } from '../actions/targets';
import type { Services } from '../app/services';
import { addLabel, parseAudacityLabels } from '../project/label-ops';

export const isLabelFile = (file: File) => /\.txt$/i.test(file.name) || file.type === 'text/plain';

/** The file's labels as written labels on the selected track (else the first), one undo step; a file that is not a
 * label file, or a project without a track, is said in words and changes nothing. */
export async function importLabelFile({ store }: Services, file: File): Promise<boolean> {
  const state = store.getState();
  const trackId = targetTrackIds(state)[0] ?? state.project.tracks[0]?.id;
  if (!trackId) {
    state.notify('error', `Import audio first: the labels of "${file.name}" belong on a track.`);
    return false;
  }
  let labels: ReturnType<typeof parseAudacityLabels>;
  try {
    labels = parseAudacityLabels(await file.text(), state.project.sampleRate);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    state.notify('error', `"${file.name}" is not an Audacity label file: ${why} The project is unchanged.`);
    return false;
  }
  if (labels.length === 0) {
    state.notify('info', `"${file.name}" holds no labels.`);
    return false;
  }
  const project = labels.reduce((p, l) => addLabel(p, trackId, l, l.name), store.getState().project);
  store.getState().commit(`Import labels "${file.name}" (${labels.length})`, project);
  return true;
}
