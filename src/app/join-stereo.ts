/** Make stereo track, as Audacity's: the selected mono track and the one under it become one stereo track, the upper
 * as its left and the lower as its right (Split stereo track the other way round). Each side is its track as heard
 * (clips, envelopes, fades, gain and volume automation), so the pair's pans no longer count: two tracks panned hard
 * left and right sound as they did. One undo step. */
import { targetTrackIds } from '../actions/targets';
import { mixdown } from '../project/mixdown';
import { clipEnd, newId, type Track } from '../project/types';
import type { Services } from './services';

/** "Voice L" and "Voice R" were one track called "Voice"; other pairs are named after both. */
function joinedName(left: string, right: string): string {
  const stem = left.replace(/ L$/, '');
  return left.endsWith(' L') && right === `${stem} R` ? stem : `${left} + ${right}`;
}

export function makeStereoTrack({ store, assets }: Services): void {
  const state = store.getState();
  const { project } = state;
  const index = project.tracks.findIndex((t) => t.id === targetTrackIds(state)[0]);
  const [upper, lower] = [project.tracks[index], project.tracks[index + 1]];
  if (!upper || !lower) {
    state.notify('info', 'Select the upper of two mono tracks: there is no track under it.');
    return;
  }
  const mono = (t: Track) => t.clips.length > 0 && t.clips.every((c) => assets.get(c.assetId).channels.length === 1);
  if (!mono(upper) || !mono(lower)) {
    state.notify('info', `"${upper.name}" and "${lower.name}" must both be mono tracks: nothing was joined.`);
    return;
  }
  const start = Math.min(...[...upper.clips, ...lower.clips].map((c) => c.start));
  const end = Math.max(...[...upper.clips, ...lower.clips].map(clipEnd));
  const side = (t: Track) => mixdown(project, assets, { range: { start, end }, trackIds: [t.id], stereo: false })[0];
  const asset = assets.add([side(upper), side(lower)], project.sampleRate);
  const name = joinedName(upper.name, lower.name);
  const labels = [...(upper.labels ?? []), ...(lower.labels ?? [])].sort((a, b) => a.start - b.start);
  const joined: Track = {
    id: newId(),
    name,
    gainDb: 0,
    pan: 0,
    mute: false,
    solo: false,
    clips: [{ id: newId(), assetId: asset.id, name, start, offset: 0, length: end - start }],
    ...(labels.length ? { labels } : {}),
  };
  const tracks = project.tracks.flatMap((t) => (t.id === upper.id ? [joined] : t.id === lower.id ? [] : [t]));
  state.commit(`Make stereo track "${name}"`, { ...project, tracks });
}
