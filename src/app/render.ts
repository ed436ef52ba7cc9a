/** Mix and render, as Audacity's and a DAW's bounce: the selected tracks (all where none is selected), as they are
 * heard, become one track of their mix; gains, pans and volume envelopes are in its audio, so what plays and exports
 * is the same, and the envelopes and effects can no longer be told apart. One undo step. */
import { targetTrackIds } from '../actions/targets';
import { audibleTracks, mixdown } from '../project/mixdown';
import { clipEnd, newId, newTrack, type Track } from '../project/types';
import type { Services } from './services';

export function mixAndRender({ store, assets }: Services): void {
  const state = store.getState();
  const { project } = state;
  const chosen = new Set(targetTrackIds(state));
  const heard = audibleTracks(project).filter((t) => chosen.has(t.id) && t.clips.length > 0);
  if (heard.length === 0) {
    state.notify('info', 'None of the selected tracks is heard (all muted, soloed away or empty): nothing to render.');
    return;
  }
  const end = Math.max(...heard.map((t) => Math.max(...t.clips.map(clipEnd))));
  const ids = heard.map((t) => t.id);
  const mix = mixdown(project, assets, { range: { start: 0, end }, trackIds: ids });
  const asset = assets.add(mix, project.sampleRate);
  const name = heard.length === 1 ? `${heard[0].name} (rendered)` : 'Mix';
  const labels = heard.flatMap((t) => t.labels ?? []).sort((a, b) => a.start - b.start);
  const rendered: Track = {
    ...newTrack(project.tracks.length),
    name,
    clips: [{ id: newId(), assetId: asset.id, name, start: 0, offset: 0, length: end }],
    ...(labels.length ? { labels } : {}),
  };
  const first = project.tracks.findIndex((t) => ids.includes(t.id));
  const tracks = project.tracks.filter((t) => !ids.includes(t.id));
  tracks.splice(first, 0, rendered);
  state.commit(`Mix and render ${heard.length} track${heard.length === 1 ? '' : 's'}`, { ...project, tracks });
}
