import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import type { MicRecorder } from '../playback/recorder';
import { AssetStore } from '../project/asset-store';
import { newTrackEffect } from '../project/track-effects';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { followArmedEffects } from './input-monitoring';

/** A recorder that keeps what it was told to hear the input through. */
function listening() {
  const heard: (readonly TrackEffect[])[] = [];
  const recorder = { hearThrough: (effects: readonly TrackEffect[]) => heard.push(effects) } as unknown as MicRecorder;
  return { heard, recorder };
}

describe('input monitoring through the armed track', () => {
  it("hears the armed track's effects, follows their changes and the arming, and nothing else", () => {
    const store = createStudioStore();
    const [a, b] = [newTrack(0), newTrack(1)];
    const lowpass = newTrackEffect('filter');
    store.getState().set({ project: { ...store.getState().project, tracks: [{ ...a, effects: [lowpass] }, b] } });
    const { heard, recorder } = listening();
    followArmedEffects(store, recorder, new AssetStore());
    expect(heard).toEqual([[]]); // nothing armed
    store.getState().set({ armedTrack: a.id });
    expect(heard.at(-1)).toEqual([lowpass]);
    store.getState().set({ playhead: 1000 }); // unrelated: not told again
    expect(heard).toHaveLength(2);
    const tune = newTrackEffect('tune');
    const tracks = store.getState().project.tracks.map((t) => (t.id === a.id ? { ...t, effects: [lowpass, tune] } : t));
    store.getState().set({ project: { ...store.getState().project, tracks } });
    expect(heard.at(-1)).toEqual([lowpass, tune]);
    store.getState().set({ armedTrack: b.id });
    expect(heard.at(-1)).toEqual([]);
  });

  it("puts the monitored effects' meter readings where the effects panel reads them", () => {
    const store = createStudioStore();
    const { recorder } = listening();
    followArmedEffects(store, recorder, new AssetStore());
    recorder.onReadings?.({ x: -100 });
    expect(store.getState().effectReadings).toEqual({ x: -100 });
  });
});
