import { describe, expect, it } from 'vitest';
import { clipLevelDb, envelopeGainAt } from '../project/envelope';
import { clipLoudness, matchClipLoudness, nudgeClipGain } from './clip-gain';
import { oneTrackStudio } from './one-track.fixture';

const clip = (store: ReturnType<typeof oneTrackStudio>['store']) => store.getState().project.tracks[0].clips[0];

describe('clip gain', () => {
  it('raises the clips the selection reaches as wholes, one undo step a nudge, within +12 dB', () => {
    const { store, services } = oneTrackStudio([new Float32Array(100)], 1000, { start: 50, end: 60 });
    nudgeClipGain(services, 1);
    nudgeClipGain(services, 1);
    expect(clipLevelDb(clip(store))).toBeCloseTo(2, 9);
    expect(
      store
        .getState()
        .history.past.map((s) => s.label)
        .slice(-2),
    ).toEqual(['Clip gain +1.0 dB', 'Clip gain +2.0 dB']);
    for (let i = 0; i < 12; i++) nudgeClipGain(services, 1);
    expect(clipLevelDb(clip(store))).toBeCloseTo(12, 9);
    expect(store.getState().notices.at(-1)?.text).toBe('Clip gain: +12 dB is the most a clip is raised.');
  });

  it('scales a shaped envelope, keeping its shape', () => {
    const { store, services } = oneTrackStudio([new Float32Array(100)], 1000);
    const shaped = [
      { at: 0, gain: 1 },
      { at: 100, gain: 0.5 },
    ];
    const track = store.getState().project.tracks[0];
    store.getState().commit('Shape', {
      ...store.getState().project,
      tracks: [{ ...track, clips: [{ ...track.clips[0], envelope: shaped }] }],
    });
    nudgeClipGain(services, -6);
    expect(clipLevelDb(clip(store))).toBeNull();
    expect(envelopeGainAt(clip(store).envelope, 100) / envelopeGainAt(clip(store).envelope, 0)).toBeCloseTo(0.5, 9);
    expect(envelopeGainAt(clip(store).envelope, 0)).toBeCloseTo(10 ** (-6 / 20), 9);
    expect(store.getState().history.past.at(-1)?.label).toBe('Clip gain -6 dB');
  });

  it('says what to select where nothing is', () => {
    const { store, services } = oneTrackStudio([new Float32Array(100)], 1000);
    store.getState().selectRange(null);
    nudgeClipGain(services, 1);
    expect(store.getState().notices.at(-1)?.text).toMatch(/select clips/);
  });
});

describe('match clip loudness', () => {
  const RATE = 8000;
  const tone = (db: number, seconds = 1) =>
    Float32Array.from({ length: seconds * RATE }, (_, i) => 10 ** (db / 20) * Math.sin((2 * Math.PI * 440 * i) / RATE));

  /** Three clips in a row on one track: a tone peaking at -24 dBFS, one at -10 dBFS, and silence. */
  function threeClips() {
    const { store, assets, services } = oneTrackStudio([tone(-24)], RATE);
    const { project } = store.getState();
    const [first] = project.tracks[0].clips;
    const more = [tone(-10), new Float32Array(RATE)].map((audio, i) => {
      const asset = assets.add([audio], RATE);
      return { ...first, id: `c${i + 2}`, assetId: asset.id, name: `take ${i + 2}`, start: (i + 1) * RATE };
    });
    store.getState().commit('Add clips', { ...project, tracks: [{ ...project.tracks[0], clips: [first, ...more] }] });
    store.getState().selectRange({ start: 0, end: 3 * RATE, trackIds: [project.tracks[0].id] });
    return { store, assets, services };
  }

  it('brings each clip to the loudness asked by its gain, in one undo step, and says how far each moved', () => {
    const { store, assets, services } = threeClips();
    matchClipLoudness(services, -20);
    const clips = store.getState().project.tracks[0].clips;
    expect(clipLoudness(clips[0], assets)).toBeCloseTo(-20, 1);
    expect(clipLoudness(clips[1], assets)).toBeCloseTo(-20, 1);
    expect(clips[2].envelope).toBeUndefined();
    expect(store.getState().history.past.at(-1)?.label).toBe('Match clip loudness (-20 LUFS)');
    expect(store.getState().notices.at(-1)?.text).toMatch(
      /^Matched 2 clips to -20 LUFS: "take" \+7\.\d dB, "take 2" -6\.\d dB; 1 silent or under 0\.4 s left as it was\.$/,
    );
  });

  it('says where a clip cannot be raised far enough', () => {
    const { store, services } = threeClips();
    matchClipLoudness(services, 0);
    expect(store.getState().notices.at(-1)?.text).toMatch(/"take" \+12\.0 dB \(held at \+12 dB\)/);
  });
});
