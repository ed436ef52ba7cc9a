/** A studio for the app's tests: one track holding `audio`, the range selected (all of it unless given). */
import { AssetStore } from '../project/asset-store';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import type { Services } from './services';

export function oneTrackStudio(audio: Float32Array[], rate: number, range = { start: 0, end: audio[0].length }) {
  const assets = new AssetStore();
  const asset = assets.add(audio, rate);
  const track = {
    ...newTrack(0),
    clips: [{ id: 'c', assetId: asset.id, name: 'take', start: 0, offset: 0, length: audio[0].length }],
  };
  const project: Project = { sampleRate: rate, tracks: [track] };
  const store = createStudioStore();
  store.getState().commit('Import', project);
  store.getState().selectRange({ ...range, trackIds: [track.id] });
  return { store, assets, services: { store, assets } as unknown as Services };
}
