import { describe, expect, it } from 'vitest';
import { presetBands } from '../dsp/equalizer';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { oneTrackStudio } from './one-track.fixture';
import { PREVIEW_SECONDS, previewAudio } from './preview';

const RATE = 8000;
const tone = Float32Array.from({ length: 10 * RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 50 * i) / RATE));

describe('previewAudio', () => {
  it("applies the effect to the selection's first seconds on a copy, leaving the project and its store as they were", async () => {
    const { store, assets, services } = oneTrackStudio([tone], RATE, { start: RATE, end: 9 * RATE });
    const before = store.getState().project;
    const storedBefore = assets.ids();
    const audio = await previewAudio(services, { kind: 'eq', bands: presetBands('Bass cut') }, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().history.past).toHaveLength(1);
    expect(assets.ids()).toEqual(storedBefore);
    expect(audio?.heard).toEqual({ start: RATE, end: RATE + PREVIEW_SECONDS * RATE });
    const heard = trackAudio(audio!.project.tracks[0], audio!.assets, audio!.heard)[0];
    const peak = Math.max(...heard.subarray(RATE).map(Math.abs));
    expect(20 * Math.log10(peak / 0.1)).toBeLessThan(-10); // 50 Hz under the bass cut
  });

  it('starts where it is asked inside the selection, else at its start', async () => {
    const { services } = oneTrackStudio([tone], RATE, { start: RATE, end: 9 * RATE });
    const bands = presetBands('Bass cut');
    const from = await previewAudio(services, { kind: 'eq', bands }, runHere, 6 * RATE);
    expect(from?.heard).toEqual({ start: 6 * RATE, end: 9 * RATE });
    const outside = await previewAudio(services, { kind: 'eq', bands }, runHere, 0);
    expect(outside?.heard.start).toBe(RATE);
  });

  it('hears a retimed preview for as long as it lasts', async () => {
    const { services } = oneTrackStudio([tone], RATE, { start: 0, end: 2 * RATE });
    const audio = await previewAudio(services, { kind: 'tempo', percent: 100 }, runHere);
    expect(audio?.heard).toEqual({ start: 0, end: RATE });
  });
});
