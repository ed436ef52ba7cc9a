import { describe, expect, it } from 'vitest';
import { audioStatistics, DELIVERY_TARGETS } from '../dsp/statistics';
import { runHere } from '../project/process-ops';
import { createStudioStore } from '../store/studio-store';
import { oneTrackStudio } from './one-track.fixture';
import type { Services } from './services';
import { matchLoudness, measureProgramme } from './statistics';

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

describe('matchLoudness', () => {
  it('brings the whole mix to a target in one gain step, and warns where its true peak then goes over', async () => {
    const peaky = tone.map((v, i) => (i % RATE === 100 ? 0.9 : v)); // a click a second at 0.9
    const { store, services } = oneTrackStudio([peaky], RATE);
    store.getState().selectRange(null);
    const before = (await measureProgramme(services, here))!;
    const spotify = DELIVERY_TARGETS[0];
    expect(await matchLoudness(services, before, spotify, runHere)).toBe(true);
    const db = Math.round(100 * (-14 - before.result.loudness.integrated)) / 100;
    expect(store.getState().history.past.at(-1)?.label).toBe(`Match loudness to -14 LUFS (+${db} dB)`);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Turned up [\d.]+ dB to -14 LUFS\. Its true peak is now/);
    const after = (await measureProgramme(services, here))!.result;
    expect(after.loudness.integrated).toBeCloseTo(-14, 1);
  });

  it('says when the programme is already there', async () => {
    const { store, services } = oneTrackStudio([tone], RATE);
    const measured = (await measureProgramme(services, here))!;
    const at = { name: 'here', lufs: Math.round(measured.result.loudness.integrated * 100) / 100, truePeakDb: 0 };
    expect(await matchLoudness(services, measured, at, runHere)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toBe(`Already at ${at.lufs} LUFS: nothing was changed.`);
  });

  it('refuses a measure of another selection than the one now made', async () => {
    const { store, services } = oneTrackStudio([tone], RATE);
    const measured = (await measureProgramme(services, here))!;
    store.getState().selectRange(null);
    const before = store.getState().project;
    expect(await matchLoudness(services, measured, DELIVERY_TARGETS[0], runHere)).toBe(false);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'The selection has changed since it was measured (the selection, 4.0 s of one track): measure again.',
    );
  });
});
