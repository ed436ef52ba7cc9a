import { describe, expect, it } from 'vitest';
import { mainsHum, programme } from '../dsp/dehum.fixture';
import { AssetStore } from '../project/asset-store';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { dehumSelection } from './dehum';
import type { Services } from './services';

const RATE = 16000;
const keep = programme(4, RATE);

/** A project of one track holding `audio`, all of it selected. */
function withAudio(audio: Float32Array[]) {
  const assets = new AssetStore();
  const asset = assets.add(audio, RATE);
  const track = {
    ...newTrack(0),
    clips: [{ id: 'c', assetId: asset.id, name: 'take', start: 0, offset: 0, length: audio[0].length }],
  };
  const project: Project = { sampleRate: RATE, tracks: [track] };
  const store = createStudioStore();
  store.getState().commit('Import', project);
  store.getState().selectRange({ start: 0, end: audio[0].length, trackIds: [track.id] });
  return { store, assets, services: { store, assets } as unknown as Services };
}

describe('De-hum', () => {
  it('takes the hum out in one undoable step and says what it found', async () => {
    const hum = mainsHum(keep.length, RATE, { hz: 50, levelDb: -35 });
    const { store, assets, services } = withAudio([keep.map((v, i) => v + hum[i])]);
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
    const { store, services } = withAudio([keep]);
    const before = store.getState().project;
    await dehumSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'No steady mains hum (50 or 60 Hz and its harmonics) found in the selection: nothing was changed. ' +
        'If you hear hum, choose its mains (50 or 60 Hz) and De-hum again.',
    );
  });

  it("takes the chosen mains at the user's word", async () => {
    const { store, services } = withAudio([keep]);
    store.getState().updateParams({ humMains: '60' });
    await dehumSelection(services, runHere);
    expect(store.getState().history.past.at(-1)?.label).toMatch(/^De-hum \((59\.9|60\.0|60\.1) Hz\)$/);
    expect(store.getState().notices.at(-1)?.text).toMatch(
      /^Took out (59|60)\.\d\d Hz mains hum \(as chosen\): \d+ harmonics/,
    );
  });
});
