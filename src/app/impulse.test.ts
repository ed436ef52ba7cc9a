import { describe, expect, it } from 'vitest';
import { impulseFromSelection } from './impulse';
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
