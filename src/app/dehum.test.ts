import { describe, expect, it } from 'vitest';
import { mainsHum, programme } from '../dsp/dehum.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { oneTrackStudio } from './one-track.fixture';
import { dehumSelection } from './dehum';

const RATE = 16000;
const keep = programme(4, RATE);

describe('De-hum', () => {
  it('takes the hum out in one undoable step and says what it found', async () => {
    const hum = mainsHum(keep.length, RATE, { hz: 50, levelDb: -35 });
    const { store, assets, services } = oneTrackStudio([keep.map((v, i) => v + hum[i])], RATE);
    await dehumSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('De-hum (50.0 Hz)');
    expect(state.notices.at(-1)?.text).toMatch(/^Took out 50\.0\d Hz mains hum: \d+ harmonics, up to [\d.]+ kHz\.$/);
    const [after] = trackAudio(state.project.tracks[0], assets, { start: 0, end: keep.length });
    let [error, humEnergy] = [0, 0];
    after.forEach((v, i) => {
      error += (v - keep[i]) ** 2;
      humEnergy += hum[i] ** 2;
    });
    // Against the programme before the hum: more than 8 dB closer (the programme's 347 Hz partial, 3 Hz from the 7th
    // harmonic, loses a little).
    expect(10 * Math.log10(humEnergy / error)).toBeGreaterThan(8);
  });

  it('says when there is no hum, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([keep], RATE);
    const before = store.getState().project;
    await dehumSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'No steady mains hum (50 or 60 Hz and its harmonics) found in the selection: nothing was changed. ' +
        'If you hear hum, choose its mains (50 or 60 Hz) and De-hum again.',
    );
  });

  it('asks for a longer selection than a quarter of a second', async () => {
    const { store, services } = oneTrackStudio([keep], RATE, { start: 0, end: RATE / 5 });
    store.getState().updateParams({ humMains: '50' });
    const before = store.getState().project;
    await dehumSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Select at least 0.25 s for De-hum to tell hum from other sound.',
    );
  });

  it("takes the chosen mains at the user's word", async () => {
    const { store, services } = oneTrackStudio([keep], RATE);
    store.getState().updateParams({ humMains: '60' });
    await dehumSelection(services, runHere);
    expect(store.getState().history.past.at(-1)?.label).toMatch(/^De-hum \((59\.9|60\.0|60\.1) Hz\)$/);
    expect(store.getState().notices.at(-1)?.text).toMatch(
      /^Took out (59|60)\.\d\d Hz mains hum \(as chosen\): \d+ harmonics/,
    );
  });
});
