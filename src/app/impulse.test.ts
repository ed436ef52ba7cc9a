import { describe, expect, it } from 'vitest';
import { deconvolve } from '../dsp/deconvolve';
import { tone } from '../dsp/signals';
import { AssetStore } from '../project/asset-store';
import { clipAt } from '../project/clip.fixture';
import { newTrack } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { impulseFromSelection, impulseFromSweep } from './impulse';
import type { Services } from './services';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 8000;

describe('an impulse from the selection', () => {
  it("is the selected part of the track's audio, kept as an asset, the project unchanged", () => {
    const audio = Float32Array.from({ length: 4000 }, (_, i) => (i >= 1000 ? 0.5 * 0.999 ** (i - 1000) : 0));
    const { store, assets, services } = oneTrackStudio([audio], RATE, { start: 1000, end: 3000 });
    const before = store.getState().project;
    const impulse = impulseFromSelection(services);
    expect(impulse).toMatchObject({ name: 'Track 1 at 0.13 s', seconds: 0.25 });
    const kept = assets.get((impulse as { assetId: string }).assetId);
    expect(kept.sampleRate).toBe(RATE);
    expect(Array.from(kept.channels[0])).toEqual(Array.from(audio.subarray(1000, 3000)));
    expect(store.getState().project).toBe(before);
  });

  it('says why where nothing is selected or the selection is silent', () => {
    const { store, services } = oneTrackStudio([new Float32Array(4000)], RATE, { start: 0, end: 2000 });
    expect(impulseFromSelection(services)).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toMatch(/The selection is silent/);
    store.getState().selectRange({ start: 100, end: 100, trackIds: [] });
    expect(impulseFromSelection(services)).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toMatch(/Select the part of a track/);
  });
});

describe('an impulse from a sweep', () => {
  it("is the room's response: the lower selected track's recording deconvolved by the upper one's sweep", async () => {
    const assets = new AssetStore();
    const sweep = tone('sine', { from: 30, to: 3900 }, { from: 0.5, to: 0.5 }, RATE, RATE);
    // The room: the sound, and again 0.05 s later at half its level; recorded in stereo, the right at half level.
    const recorded = new Float32Array(RATE + 800);
    for (let i = 0; i < sweep.length; i++) {
      recorded[i] += sweep[i];
      recorded[i + 400] += 0.5 * sweep[i];
    }
    const played = assets.add([sweep], RATE);
    const heard = assets.add([recorded, recorded.map((v) => v / 2)], RATE);
    const tracks = [
      { ...newTrack(0), name: 'Chirp', clips: [clipAt('s', played.id, 0, sweep.length)] },
      { ...newTrack(1), name: 'Room', clips: [clipAt('r', heard.id, 0, recorded.length)] },
    ];
    const store = createStudioStore();
    store.getState().commit('Start', { sampleRate: RATE, tracks });
    const services = { store, assets } as unknown as Services;
    store.getState().selectRange({ start: 0, end: recorded.length, trackIds: [tracks[1].id, tracks[0].id] });
    const impulse = await impulseFromSweep(services, async (recorded, played, most) =>
      recorded.map((channel) => deconvolve(channel, played, most)),
    );
    expect(impulse).toMatchObject({ name: 'Room (measured)' });
    const [left, right] = assets.get((impulse as { assetId: string }).assetId).channels;
    expect(left[0]).toBeCloseTo(1, 1);
    expect(left[400]).toBeCloseTo(0.5, 1);
    expect(right[400]).toBeCloseTo(0.25, 1);
    expect(Math.max(...Array.from(left.subarray(10, 390), Math.abs))).toBeLessThan(0.05);
    store.getState().selectRange({ start: 0, end: recorded.length, trackIds: [tracks[1].id] });
    expect(await impulseFromSweep(services)).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toMatch(/Select two tracks/);
  });
});
