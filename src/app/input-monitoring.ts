/** The input is heard through the armed track's effects (as a DAW monitors a record-armed track through its inserts):
 * a singer hears the reverb, the compressor or the pitch correction the take will be played through, and the
 * effects' meters move as they do in playback. */
import type { TrackEffect } from '../dsp/effect-chain';
import type { MicRecorder } from '../playback/recorder';
import type { AssetStore } from '../project/asset-store';
import { impulsesOf } from '../project/impulses';
import type { StudioState, StudioStore } from '../store/studio-store';
import { armedTrack } from './record';

const NONE: readonly TrackEffect[] = [];

/** The effects the input is heard through now: the armed track's (none where no track is armed); the same list while
 * they are unchanged. */
export function monitoredEffects(state: StudioState): readonly TrackEffect[] {
  const armed = armedTrack(state);
  return state.project.tracks.find((t) => t.id === armed)?.effects ?? NONE;
}

/** Keeps the recorder's monitored effects those of the armed track, as either changes (with the impulses its
 * convolution reverbs play, from `assets`). */
export function followArmedEffects(store: StudioStore, recorder: MicRecorder, assets: AssetStore): () => void {
  recorder.onReadings = (readings) =>
    store.getState().set({ effectReadings: { ...store.getState().effectReadings, ...readings } });
  const hear = (effects: readonly TrackEffect[]) => recorder.hearThrough(effects, impulsesOf(effects, assets));
  hear(monitoredEffects(store.getState()));
  return store.subscribe((state, previous) => {
    const effects = monitoredEffects(state);
    if (effects !== monitoredEffects(previous)) hear(effects);
  });
}
