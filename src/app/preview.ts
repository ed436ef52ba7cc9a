/** Preview, as comparable editors' effect dialogs have it: the effect applied to the first seconds of the selection on
 * a copy of its audio, heard through the mix once, and the project left exactly as it was. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { AssetStore } from '../project/asset-store';
import { type EffectSpec, timeMap } from '../project/effects';
import { type EffectRunner, processRange } from '../project/process-ops';
import type { Project, SampleRange } from '../project/types';
import type { Services } from './services';

export const PREVIEW_SECONDS = 6;

/** What the preview plays: the project with the effect applied over `heard`, its new audio in `assets` alone. */
export interface PreviewAudio {
  project: Project;
  assets: AssetStore;
  heard: SampleRange;
}

/** The effect over PREVIEW_SECONDS of the selection (from its start, or from `from` where that lies inside it), on a
 * scratch copy of the assets; null without one. */
export async function previewAudio(
  services: Services,
  spec: EffectSpec,
  run: EffectRunner = runInWorker,
  from?: number,
): Promise<PreviewAudio | null> {
  const state = services.store.getState();
  const range = selectedRange(state);
  if (!range) return null;
  const { project } = state;
  const start = from !== undefined && from > range.start && from < range.end ? from : range.start;
  const part = { start, end: Math.min(range.end, start + PREVIEW_SECONDS * project.sampleRate) };
  // The scratch store shares the recordings' samples (assets are immutable) and takes the effect's new audio, so
  // nothing the preview makes reaches the project's store, its autosave or its waveforms.
  const scratch = new AssetStore();
  for (const track of project.tracks)
    for (const clip of track.clips) scratch.restore(services.assets.get(clip.assetId));
  const previewed = await processRange(project, targetTrackIds(state), part, scratch, spec, run);
  return { project: previewed, assets: scratch, heard: { start: part.start, end: timeMap(spec, part)(part.end) } };
}

/** Starts the preview of `spec` (from `from` inside the selection, else its start), or stops the one sounding. */
export async function togglePreview(services: Services, spec: EffectSpec, from?: number): Promise<void> {
  const { store, player } = services;
  if (store.getState().previewing) return player.stopPreview();
  store.getState().set({ busy: 'Preparing the preview…' });
  try {
    const audio = await previewAudio(services, spec, runInWorker, from);
    if (audio) await player.preview(audio.project, audio.assets, audio.heard);
  } finally {
    store.getState().set({ busy: null });
  }
}
