import { describe, expect, it } from 'vitest';
import { noise } from '../dsp/noise.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { centerSelection } from './center';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 16000;
const LENGTH = 2 * RATE;
const tone = Float32Array.from({ length: LENGTH }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / RATE));
const sides = [noise(LENGTH, 0.01, 3), noise(LENGTH, 0.01, 5)];

describe('Vocal reduction and isolation', () => {
  it('takes the centre out in one undoable step and says how much quieter the selection is', async () => {
    const { store, assets, services } = oneTrackStudio(
      sides.map((s) => s.map((v, i) => v + tone[i])),
      RATE,
    );
    await centerSelection(services, 'remove', runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Remove the centre (vocals) (80-20000 Hz)');
    expect(state.notices.at(-1)?.text).toMatch(
      /^Took the centre \(the vocals\) out between 80 and 20000 Hz: the selection is [23]\d\.\d dB quieter\.$/,
    );
    const [left] = trackAudio(state.project.tracks[0], assets, { start: 0, end: LENGTH });
    const energy = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0);
    // What is left is the side's own noise, within 1 dB.
    expect(Math.abs(10 * Math.log10(energy(left) / energy(sides[0])))).toBeLessThan(1);
  });

  it('says a mono clip has no centre to take out, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([tone], RATE);
    const before = store.getState().project;
    await centerSelection(services, 'isolate', runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/is not stereo: .* Nothing was changed\.$/);
  });
});
