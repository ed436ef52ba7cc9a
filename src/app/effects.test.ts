import { describe, expect, it } from 'vitest';
import { estimateKey } from '../dsp/key';
import { resample } from '../dsp/resample';
import { estimateTempo } from '../dsp/tempo';
import { tune } from '../music/tune.fixture';
import { AssetStore } from '../project/asset-store';
import { trackAudio } from '../project/generated-ops';
import { toMono } from '../dsp/channels';
import { runHere } from '../project/process-ops';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { matchProject } from './effects';
import type { Services } from './services';

const RATE = 44100;

/** A project at 44.1 kHz: a track Analyze heard at 112 BPM in D major, and a stereo tune at 100 BPM in C major. */
function withTune() {
  const assets = new AssetStore();
  const music = tune(100, 12, 0, RATE);
  const asset = assets.add([music, music.map((v) => 0.8 * v)], RATE);
  const heard = { ...newTrack(0), tempoBpm: 112, musicKey: 'D major' };
  const mine = {
    ...newTrack(1),
    clips: [{ id: 'c', assetId: asset.id, name: 'tune', start: 0, offset: 0, length: music.length }],
  };
  const project: Project = { sampleRate: RATE, tracks: [heard, mine] };
  const store = createStudioStore();
  store.getState().commit('Import', project);
  store.getState().selectRange({ start: 0, end: music.length, trackIds: [mine.id] });
  return { services: { store, assets } as unknown as Services };
}

describe('Match the project', () => {
  it("moves the selected music to the other tracks' tempo and key in one step, and says what it did", async () => {
    const { services } = withTune();
    await matchProject(services, runHere);
    const state = services.store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Match the project (112 BPM, D major)');
    const track = state.project.tracks[1];
    // The tempo as heard (about 100 BPM) is what is stretched to 112.
    expect(track.clips[0].length / ((12 * RATE * 100) / 112)).toBeCloseTo(1, 1);
    expect(state.selection?.end).toBe(track.clips[0].length);
    const audio = resample(
      toMono(trackAudio(track, services.assets, { start: 0, end: track.clips[0].length })),
      RATE,
      16000,
    );
    expect(Math.abs(estimateTempo(audio, 16000)!.bpm / 112 - 1)).toBeLessThan(0.04);
    expect(estimateKey(audio, 16000)).toMatchObject({ tonic: 'D', mode: 'major' });
    expect(state.notices.at(-1)?.text).toMatch(
      /^Matched the project: heard C major, moved up 2 semitones; heard (99|10\d) BPM, stretched to 112\.$/,
    );
  });

  it('asks for an analysed track first, and changes nothing', async () => {
    const { services } = withTune();
    const alone = services.store.getState().project;
    services.store.getState().commit('Forget', { ...alone, tracks: [newTrack(0), alone.tracks[1]] });
    await matchProject(services, runHere);
    const state = services.store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Forget');
    expect(state.notices.at(-1)?.text).toBe(
      'The project has no tempo or key to match: set a tempo in the transport, or Analyze another music track first.',
    );
  });
});
