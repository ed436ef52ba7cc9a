import { describe, expect, it } from 'vitest';
import { programme } from '../dsp/dehum.fixture';
import { peakOf } from '../dsp/gain';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { limitSelection } from './limit';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 16000;
const quiet = programme(2, RATE); // peaks near 0.43

describe('Limit', () => {
  it('holds the peaks under the ceiling in one undoable step and says how far they came down', async () => {
    const loud = [quiet.map((v) => 4 * v), quiet.map((v) => 3 * v)];
    const { store, assets, services } = oneTrackStudio(loud, RATE);
    store.getState().updateParams({ limitCeilingDb: -3 });
    await limitSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Limit (-3 dBFS)');
    expect(state.notices.at(-1)?.text).toMatch(/^Limited to -3 dBFS: the loudest peak came down 7\.\d dB\.$/);
    const after = trackAudio(state.project.tracks[0], assets, { start: 0, end: quiet.length });
    expect(peakOf(after)).toBeLessThanOrEqual(10 ** (-3 / 20) + 1e-6);
  });

  it('says when nothing goes over the ceiling, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([quiet], RATE);
    const before = store.getState().project;
    await limitSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Nothing in the selection goes over -1 dBFS: nothing was changed.',
    );
  });
});
