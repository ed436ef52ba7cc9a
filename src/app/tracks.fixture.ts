/** A studio for the app's tests: a track for each named sound (one clip from the start), nothing selected. */
import { AssetStore } from '../project/asset-store';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import type { Services } from './services';

export function tracksStudio(sounds: Record<string, Float32Array[]>, rate: number) {
  const assets = new AssetStore();
  const tracks = Object.entries(sounds).map(([name, channels], index) => {
    const asset = assets.add(channels, rate);
    const clip = { id: `clip ${name}`, assetId: asset.id, name, start: 0, offset: 0, length: channels[0].length };
    return { ...newTrack(index), name, clips: [clip] };
  });
  const store = createStudioStore();
  store.getState().commit('Import', { sampleRate: rate, tracks } as Project);
  return { store, assets, services: { store, assets } as unknown as Services, ids: tracks.map((t) => t.id) };
}
