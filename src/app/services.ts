/** The studio's long-lived objects, created once and handed to actions and components. */
import { AssetStore } from '../project/asset-store';
import { MicRecorder } from '../playback/recorder';
import { Player } from '../playback/player';
import { createStudioStore, type StudioStore } from '../store/studio-store';

export interface Services {
  store: StudioStore;
  assets: AssetStore;
  player: Player;
  recorder: MicRecorder;
  /** Opens the file picker (the hidden input lives in the UI). */
  openFilePicker(): void;
}

export function createServices(): Services {
  const store = createStudioStore();
  const assets = new AssetStore();
  return { store, assets, player: new Player(store, assets), recorder: new MicRecorder(), openFilePicker: () => {} };
}
