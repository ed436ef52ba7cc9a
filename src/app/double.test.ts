import { describe, expect, it } from 'vitest';
import { doubleOf } from '../dsp/doubler';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { DOUBLE_GAIN_DB, DOUBLE_PAN, addDouble } from './double';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 16000;
const tone = Float32Array.from({ length: 2 * RATE }, (_, i) => 0.2 * Math.sin((2 * Math.PI * 200 * i) / RATE));

describe('Add double', () => {
  it('puts the double of the selection on a new track, under and to the right, in one undo step; a second drifts otherwise', async () => {
    const { store, assets, services } = oneTrackStudio([tone], RATE, { start: 0.5 * RATE, end: 1.5 * RATE });
    expect(await addDouble(services, runHere)).toBe(true);
    const { project, history, notices } = store.getState();
    expect(history.past.at(-1)?.label).toBe('Add double');
    const double = project.tracks[1];
    expect(double).toMatchObject({ name: 'Double (Track 1)', gainDb: DOUBLE_GAIN_DB, pan: DOUBLE_PAN });
    expect(double.clips[0]).toMatchObject({ start: 0.5 * RATE, length: RATE });
    const heard = trackAudio(double, assets, { start: 0.5 * RATE, end: 1.5 * RATE })[0];
    expect(heard).toEqual(doubleOf([tone.slice(0.5 * RATE, 1.5 * RATE)], RATE, 1)[0]);
    expect(notices.at(-1)?.text).toContain('Added a double of "Track 1"');
    store.getState().selectRange({ start: 0.5 * RATE, end: 1.5 * RATE, trackIds: [project.tracks[0].id] });
    expect(await addDouble(services, runHere)).toBe(true);
    const second = store.getState().project.tracks[2];
    const again = trackAudio(second, assets, { start: 0.5 * RATE, end: 1.5 * RATE })[0];
    expect(again).not.toEqual(heard);
  });

  it('asks for a part of one track where there is none', async () => {
    const { store, services } = oneTrackStudio([tone], RATE);
    store.getState().set({ selection: null });
    expect(await addDouble(services, runHere)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toContain('Select a part of one track');
  });
});
