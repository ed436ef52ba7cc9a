/** Mix and render, as Audacity's and a DAW's bounce: the selected tracks (all where none is selected), as they are
 * heard, become one track of their mix; gains, pans, volume envelopes and effects (their tails rung out) are in its
 * audio, so what plays and exports is the same, and they can no longer be told apart. One undo step. */
import { targetTrackIds } from '../actions/targets';
import { audibleTracks, mixdown } from '../project/mixdown';
import { clipEnd, newId, newTrack, type Track } from '../project/types';
import type { Services } from './services';
import { exportTail, heardEnd } from '../export/ring-out';

export function mixAndRender({ store, assets }: Services): void {
  const state = store.getState();
  const { project } = state;
  const chosen = new Set(targetTrackIds(state));
  const heard = audibleTracks(project).filter((t) => chosen.has(t.id) && t.clips.length > 0);
  if (heard.length === 0) {
    state.notify('info', 'None of the selected tracks is heard (all muted, soloed away or empty): nothing to render.');
    return;
  }
  const last = Math.max(...heard.map((t) => Math.max(...t.clips.map(clipEnd))));
  const ids = heard.map((t) => t.id);
  // The tracks' effects ring out past their last clip, as an export's do: the tails are in the render.
  const rendered = mixdown(project, assets, {
    range: { start: 0, end: last + exportTail(project, ids) },
    trackIds: ids,
  });
  const end = heardEnd(rendered, last);
  const mix = end < rendered[0].length ? rendered.map((c) => c.slice(0, end)) : rendered;
  const asset = assets.add(mix, project.sampleRate);
  const name = heard.length === 1 ? `${heard[0].name} (rendered)` : 'Mix';
  const labels = heard.flatMap((t) => t.labels ?? []).sort((a, b) => a.start - b.start);
  const track: Track = {
    ...newTrack(project.tracks.length),
    name,
    clips: [{ id: newId(), assetId: asset.id, name, start: 0, offset: 0, length: end }],
    ...(labels.length ? { labels } : {}),
  };
  const first = project.tracks.findIndex((t) => ids.includes(t.id));
  const tracks = project.tracks.filter((t) => !ids.includes(t.id));
  tracks.splice(first, 0, track);
  state.commit(`Mix and render ${heard.length} track${heard.length === 1 ? '' : 's'}`, { ...project, tracks });
}
