import type { AudioAsset } from './types';
import { newId } from './types';

type Listener = (asset: AudioAsset) => void;

/** Every decoded asset of the session, by id. Assets are immutable, so one store serves undo, playback and autosave. */
export class AssetStore {
  private readonly byId = new Map<string, AudioAsset>();
  private readonly listeners = new Set<Listener>();

  add(channels: Float32Array[], sampleRate: number, id: string = newId()): AudioAsset {
    const asset: AudioAsset = { id, sampleRate, channels };
    this.byId.set(id, asset);
    this.listeners.forEach((l) => l(asset));
    return asset;
  }

  /** Puts back an asset restored from storage without announcing it as new. */
  restore(asset: AudioAsset): void {
    this.byId.set(asset.id, asset);
  }

  get(id: string): AudioAsset {
    const asset = this.byId.get(id);
    if (!asset) throw new Error(`Audio asset ${id} is missing.`);
    return asset;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Copies samples [from, from + length) of every channel. */
  slice(id: string, from: number, length: number): Float32Array[] {
    return this.get(id).channels.map((ch) => ch.slice(from, from + length));
  }

  /**
   * Copies like `slice`, a few MB at a time with a pause between, so copying an hour of audio never freezes the page.
   */
  async sliceGently(id: string, from: number, length: number): Promise<Float32Array[]> {
    const STEP = 1 << 22;
    const out: Float32Array[] = [];
    for (const ch of this.get(id).channels) {
      const copy = new Float32Array(length);
      for (let at = 0; at < length; at += STEP) {
        copy.set(ch.subarray(from + at, from + Math.min(length, at + STEP)), at);
        if (length > STEP) await new Promise((resolve) => setTimeout(resolve));
      }
      out.push(copy);
    }
    return out;
  }

  /** Calls `listener` for each asset added from now on; returns the unsubscribe function. */
  onAdd(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
