import { describe, expect, it } from 'vitest';
import { toMono } from '../dsp/channels';
import { intonation } from '../dsp/pitch-correct';
import { trackPitch } from '../dsp/pitch-track';
import { runHere } from '../project/process-ops';
import { newTrack } from '../project/types';
import { oneTrackStudio } from './one-track.fixture';
import { correctionOf, correctPitchSelection, type IntonationMeter } from './pitch-correct';

const RATE = 48000;
const measureHere: IntonationMeter = async (channels, rate, scale) =>
  intonation(trackPitch(toMono(channels), rate), scale);
const sine = (hz: number) =>
  Float32Array.from({ length: RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * hz * i) / RATE));
const settings = { correctKey: 'project', retuneMs: 0, correctStrength: 100 };

describe('Correct pitch', () => {
  it("takes the key chosen, else the project's (the key Analyze heard), else every semitone", () => {
    const music = { ...newTrack(1), musicKey: 'F# minor' };
    expect(correctionOf(settings, [newTrack(0), music])).toMatchObject({
      tonic: 6,
      mode: 'minor',
      fromProject: 'found',
    });
    expect(correctionOf(settings, [newTrack(0)])).toMatchObject({ tonic: null, fromProject: 'none' });
    expect(correctionOf({ ...settings, correctKey: 'Bb major' }, [music])).toMatchObject({
      tonic: 10,
      mode: 'major',
      fromProject: null,
    });
  });

  it('pulls a flat note in tune in one undoable step and says how far off it was before and after', async () => {
    const { store, services } = oneTrackStudio([sine(430)], RATE);
    store.getState().updateParams(settings);
    await correctPitchSelection(services, runHere, measureHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Correct pitch (chromatic, 0 ms)');
    expect(state.notices.at(-1)?.text).toMatch(
      /^Corrected the pitch to chromatic \(Analyze found no key in the project\): (9\d|100) % of the selection has a pitch, a median 39 cents off its notes before, [0-2] after\.$/,
    );
  });

  it('leaves a selection with nothing pitched in it alone, and says so', async () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const before = store.getState().project;
    await correctPitchSelection(services, runHere, measureHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Nothing in the selection has a pitch to correct/);
  });
});
