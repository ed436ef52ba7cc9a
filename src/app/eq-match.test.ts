import { describe, expect, it } from 'vitest';
import { noise } from '../dsp/noise.fixture';
import { noise as coloured } from '../dsp/signals';
import { runHere } from '../project/process-ops';
import { matchEqSelection, takeEqReference } from './eq-match';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 16000;

describe('EQ match', () => {
  it('takes a reference, then gives another selection its tonal balance in one step and says what it did', async () => {
    const audio = new Float32Array(4 * RATE);
    audio.set(noise(2 * RATE, 0.1, 3), 0); // white, then brown
    audio.set(coloured('brown', 0.1, 2 * RATE, 5), 2 * RATE);
    const { store, services } = oneTrackStudio([audio], RATE, { start: 2 * RATE, end: 4 * RATE });
    await matchEqSelection(services, runHere);
    expect(store.getState().notices.at(-1)?.text).toBe('Take an EQ reference first: select the sound to match.');
    takeEqReference(services);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^EQ reference taken from 2\.00 s\./);
    store.getState().selectRange({ start: 0, end: 2 * RATE, trackIds: [store.getState().project.tracks[0].id] });
    await matchEqSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Match EQ');
    expect(state.notices.at(-1)?.text).toMatch(
      /^Matched the reference's EQ: up to \+\d+\.\d dB at \d+ Hz, down to -\d+\.\d dB at [\d.]+ kHz\.$/,
    );
  });
});
