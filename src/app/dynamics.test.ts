import { describe, expect, it } from 'vitest';
import { programme } from '../dsp/dehum.fixture';
import { peakOf } from '../dsp/gain';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { noise } from '../dsp/signals';
import { compressSelection, deessSelection, gateSelection, limitSelection } from './dynamics';
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

describe('Compress', () => {
  it('turns what rises over the threshold down in one undoable step and says by how much', async () => {
    const loud = [quiet.map((v) => 2 * v)]; // about -7 dBFS RMS
    const { store, services } = oneTrackStudio(loud, RATE);
    await compressSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Compress (-20 dBFS, 3:1)');
    expect(state.notices.at(-1)?.text).toMatch(/^Compressed over -20 dBFS at 3:1: turned down by up to \d+\.\d dB\.$/);
    const most = Number(/up to ([\d.]+) dB/.exec(state.notices.at(-1)?.text ?? '')?.[1]);
    expect(most).toBeGreaterThan(6);
    expect(most).toBeLessThan(12);
  });

  it('says when nothing rises over the threshold, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([quiet.map((v) => 0.01 * v)], RATE);
    const before = store.getState().project;
    await compressSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Nothing in the selection rises over -20 dBFS RMS: nothing was changed.',
    );
  });
});

describe('Noise gate', () => {
  it('turns the quiet stretches down in one undoable step and says how much of the selection it closed on', async () => {
    const burst = Float32Array.from({ length: 3 * RATE }, (_, i) =>
      i >= RATE && i < 2 * RATE ? 0.3 * Math.sin(i / 2) : 0.001 * Math.sin(i / 7),
    );
    const { store, assets, services } = oneTrackStudio([burst], RATE);
    await gateSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Noise gate (-40 dBFS, -20 dB)');
    expect(state.notices.at(-1)?.text).toMatch(/^Gated under -40 dBFS: 6\d % of the selection turned down 20 dB\.$/);
    const [after] = trackAudio(state.project.tracks[0], assets, { start: 0, end: burst.length });
    expect(after[RATE / 2] / burst[RATE / 2]).toBeCloseTo(0.1, 4);
  });

  it('says when nothing stays under the threshold, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([quiet.map((v) => v + 0.5)], RATE);
    const before = store.getState().project;
    await gateSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Nothing in the selection stays under -40 dBFS: nothing was changed.',
    );
  });
});

describe('De-ess', () => {
  it('turns bursts of hiss down in one undoable step and says how much of the selection it turned down', async () => {
    const hiss = noise('white', 0.5, 2 * RATE);
    const esses = Float32Array.from({ length: 2 * RATE }, (_, i) =>
      i % RATE < RATE / 10 ? hiss[i] : 0.1 * Math.sin((2 * Math.PI * 200 * i) / RATE),
    );
    const { store, assets, services } = oneTrackStudio([esses], RATE);
    await deessSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('De-ess (over 5000 Hz, -30 dBFS)');
    expect(state.notices.at(-1)?.text).toMatch(
      /^De-essed over 5000 Hz: 1\d % of the selection turned down, by up to 12 dB\.$/,
    );
    const [after] = trackAudio(state.project.tracks[0], assets, { start: 0, end: esses.length });
    expect(after.subarray(RATE / 2, RATE - 2000)).toEqual(esses.subarray(RATE / 2, RATE - 2000)); // the tone alone: as it was
  });

  it('says when no sibilance rises over the threshold, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([quiet], RATE);
    const before = store.getState().project;
    await deessSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'No sibilance over 5000 Hz rises over -30 dBFS: nothing was changed.',
    );
  });
});
