import { describe, expect, it } from 'vitest';
import { oneTrackStudio } from './one-track.fixture';
import { selectZeroCrossings } from './zero-crossings';

describe('Find zero crossings', () => {
  it("moves the selection's edges onto the waveform's crossings", () => {
    const rate = 8000;
    const tone = Float32Array.from({ length: rate }, (_, i) => Math.sin((2 * Math.PI * 100 * (i + 0.3)) / rate));
    const { store, services } = oneTrackStudio([tone], rate, { start: 1010, end: 3030 }); // crossings every 40 samples
    selectZeroCrossings(services);
    expect(store.getState().selection).toMatchObject({ start: 1000, end: 3040 });
  });
});
