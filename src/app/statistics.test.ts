import { describe, expect, it } from 'vitest';
import { audioStatistics } from '../dsp/statistics';
import { createStudioStore } from '../store/studio-store';
import { oneTrackStudio } from './one-track.fixture';
import type { Services } from './services';
import { measureProgramme } from './statistics';

const RATE = 16000;
const here = async (channels: Float32Array[], rate: number) => audioStatistics(channels, rate);
const tone = Float32Array.from({ length: 4 * RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 1000 * i) / RATE));

describe('measureProgramme', () => {
  it('measures the selection of its tracks, and says what it measured', async () => {
    const { services } = oneTrackStudio([tone], RATE, { start: 0, end: 2 * RATE });
    const measured = await measureProgramme(services, here);
    expect(measured?.what).toBe('the selection, 2.0 s of one track');
    expect(measured?.result.seconds).toBe(2);
    expect(measured?.result.samplePeakDb).toBeCloseTo(-20, 1);
    expect(services.store.getState().busy).toBeNull();
  });

  it('measures the whole mix without a selection', async () => {
    const { store, services } = oneTrackStudio([tone], RATE);
    store.getState().selectRange(null);
    const measured = await measureProgramme(services, here);
    expect(measured?.what).toBe('the whole mix, 4.0 s');
    expect(measured?.result.loudness.integrated).toBeLessThan(-15);
  });

  it('says there is nothing to measure in an empty project', async () => {
    const store = createStudioStore();
    expect(await measureProgramme({ store } as unknown as Services, here)).toBeNull();
    expect(store.getState().notices.at(-1)?.text).toBe('There is no audio to measure: import or record some first.');
  });
});
