import { describe, expect, it } from 'vitest';
import { at, RATE, voiceOver } from '../dsp/breaths.fixture';
import { findBreaths } from '../dsp/breaths';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { debreathSelection } from './debreath';
import { oneTrackStudio } from './one-track.fixture';

const findHere = async (channels: Float32Array[], rate: number) => findBreaths(channels, rate);

describe('De-breath', () => {
  it('turns the breath down in one undoable step and says how many and how long', async () => {
    const x = voiceOver();
    const { store, assets, services } = oneTrackStudio([x], RATE, { start: at(0.2), end: at(2.2) });
    await debreathSelection(services, runHere, findHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('De-breath (1 breath, -12 dB)');
    expect(state.notices.at(-1)?.text).toMatch(/^Turned 1 breath down by 12 dB \(0\.[34] s in all\)\.$/);
    const after = trackAudio(state.project.tracks[0], assets, { start: 0, end: x.length })[0];
    expect(after.subarray(0, at(0.55))).toEqual(x.subarray(0, at(0.55)));
  });

  it('says when there is no breath, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([voiceOver().subarray(0, at(0.5))], RATE);
    const before = store.getState().project;
    await debreathSelection(services, runHere, findHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^No breaths found between the phrases/);
  });
});
