/** Split stereo track, as Audacity's: a stereo track becomes two mono tracks side by side, its left panned hard left
 * and its right hard right, so the mix is as it was; each can then be edited, panned or muted on its own. The
 * channels' samples are shared (assets never change), so nothing is copied. One undo step. */
import { targetTrackIds } from '../actions/targets';
import { audioOnly, newId, type Track } from '../project/types';
import type { Services } from './services';

export function splitStereoTrack({ store, assets }: Services): void {
  const state = store.getState();
  const { project } = state;
  const track = project.tracks.find((t) => t.id === (state.selection?.trackIds[0] ?? targetTrackIds(state)[0]));
  if (!track) return;
  const stereo = track.clips.length > 0 && track.clips.every((c) => assets.get(c.assetId).channels.length === 2);
  if (!stereo) {
    state.notify('info', `"${track.name}" is not a stereo track (every clip of two channels): nothing was split.`);
    return;
  }
  const side = (channel: 0 | 1): Track => ({
    ...track,
    id: newId(),
    name: `${track.name} ${channel === 0 ? 'L' : 'R'}`,
    pan: channel === 0 ? -1 : 1,
    labels: channel === 0 ? track.labels : undefined,
    clips: track.clips.map((c) => {
      const asset = assets.get(c.assetId);
      return { ...audioOnly(c), id: newId(), assetId: assets.add([asset.channels[channel]], asset.sampleRate).id };
    }),
  });
  const tracks = project.tracks.flatMap((t) => (t.id === track.id ? [side(0), side(1)] : [t]));
  state.commit(`Split stereo track "${track.name}"`, { ...project, tracks });
}
