/** Waveform envelopes per asset, computed in the analysis worker as soon as an asset appears. */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import { analysis, answerValue } from '../client/analysis-client';
import type { PeakLevel } from '../dsp/peaks';
import type { AssetStore } from '../project/asset-store';
import type { AudioAsset } from '../project/types';

interface PeaksState {
  byAsset: Record<string, PeakLevel[]>;
}

export const usePeaks = create<PeaksState>()(() => ({ byAsset: {} }));

const pending = new Set<string>();

export async function computePeaks(asset: AudioAsset, assets: AssetStore): Promise<void> {
  if (usePeaks.getState().byAsset[asset.id] || pending.has(asset.id)) return;
  pending.add(asset.id);
  try {
    // The worker gets a copy: the asset's own arrays stay here for playback and editing.
    const copies = await assets.sliceGently(asset.id, 0, asset.channels[0].length);
    const levels = await answerValue(
      analysis().peaks(
        Comlink.transfer(
          copies,
          copies.map((c) => c.buffer),
        ),
      ),
    );
    usePeaks.setState((s) => ({ byAsset: { ...s.byAsset, [asset.id]: levels } }));
  } finally {
    pending.delete(asset.id);
  }
}

/** Computes peaks for every asset added from now on, and for those already there. */
export function trackPeaks(assets: AssetStore): () => void {
  assets.ids().forEach((id) => void computePeaks(assets.get(id), assets));
  return assets.onAdd((asset) => void computePeaks(asset, assets));
}
