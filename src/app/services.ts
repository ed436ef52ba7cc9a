/** The studio's long-lived objects, created once and handed to actions and components. */
import { AssetStore } from '../project/asset-store';
import { MicRecorder } from '../playback/recorder';
import { Player } from '../playback/player';
import { AutomationWriter } from './automation-writer';
import { followArmedEffects } from './input-monitoring';
import { createStudioStore, type StudioStore } from '../store/studio-store';

export interface Services {
  store: StudioStore;
  assets: AssetStore;
  player: Player;
  /** Writes automation from the tracks' controls as the project plays (Touch and Latch modes). */
  writer: AutomationWriter;
  recorder: MicRecorder;
  /** Opens the file picker (the hidden input lives in the UI). */
  openFilePicker(): void;
  /** The autosave (the page's boot sets it once it runs): `flush` writes what it has not yet written; `stop` ends it
   * for good, a flush then doing nothing (the page is leaving for another project). */
  autosave: { flush(): Promise<void>; stop(): void };
}

const NO_AUTOSAVE = { flush: async () => {}, stop: () => {} };

export function createServices(): Services {
  const store = createStudioStore();
  const assets = new AssetStore();
  const player = new Player(store, assets);
  const writer = new AutomationWriter(store, player);
  const recorder = new MicRecorder();
  followArmedEffects(store, recorder, assets);
  return { store, assets, player, writer, recorder, openFilePicker: () => {}, autosave: NO_AUTOSAVE };
}
