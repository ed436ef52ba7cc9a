import { describe, expect, it } from 'vitest';
import { AssetStore } from '../project/asset-store';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { autoDuck } from './duck';
import type { Services } from './services';

const RATE = 8000;

/** A project of a voice (a tone over [2, 3) s) and music (a steady tone), 6 s, with the music selected. */
function voiceAndMusic(voiceAmplitude = 0.1) {
  const assets = new AssetStore();
  const voice = Float32Array.from({ length: 6 * RATE }, (_, i) =>
    i >= 2 * RATE && i < 3 * RATE ? voiceAmplitude * Math.sin(i / 3) : 0,
  );
  const music = new Float32Array(6 * RATE).fill(0.2);
  const tracks = [
    { voice, name: 'voice' },
    { voice: music, name: 'music' },
  ].map(({ voice: x, name }, i) => {
    const asset = assets.add([x], RATE);
    return {
      ...newTrack(i),
      name,
      clips: [{ id: `c${i}`, assetId: asset.id, name, start: 0, offset: 0, length: x.length }],
    };
  });
  const project: Project = { sampleRate: RATE, tracks };
  const store = createStudioStore();
  store.getState().commit('Import', project);
  store.getState().selectRange({ start: 0, end: 6 * RATE, trackIds: [tracks[1].id] });
  return { store, assets, services: { store, assets } as unknown as Services };
}

describe('Auto duck', () => {
  it('turns the music down under the voice in one undo step, and says where and how much', async () => {
    const { store, assets, services } = voiceAndMusic();
    const voiceTrack = store.getState().project.tracks[0];
    await autoDuck(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Auto duck (-12 dB)');
    expect(state.notices.at(-1)?.text).toBe('Ducked “music” by 12 dB under “voice” in 1 place (1.0 s).');
    const [music] = trackAudio(state.project.tracks[1], assets, { start: 0, end: 6 * RATE });
    expect(20 * Math.log10(music[2.5 * RATE] / 0.2)).toBeCloseTo(-12, 3);
    expect(music[RATE]).toBe(Math.fround(0.2));
    expect(music[4 * RATE]).toBe(Math.fround(0.2));
    expect(state.project.tracks[0]).toBe(voiceTrack); // the voice is not touched
  });

  it('says when the voice never rises over the threshold, and changes nothing', async () => {
    const { store, services } = voiceAndMusic(0.001);
    const before = store.getState().project;
    await autoDuck(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Nothing on “voice” rises over -30 dBFS in the selection: nothing was ducked.',
    );
  });

  it('asks for a voice on another track when every track is selected', async () => {
    const { store, services } = voiceAndMusic();
    const ids = store.getState().project.tracks.map((t) => t.id);
    store.getState().selectRange({ start: 0, end: 6 * RATE, trackIds: ids });
    await autoDuck(services, runHere);
    expect(store.getState().notices.at(-1)?.text).toContain('select the music, and leave the voice unselected');
  });
});
