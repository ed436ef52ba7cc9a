import { describe, expect, it } from 'vitest';
import { clipLevelDb, envelopeGainAt } from '../project/envelope';
import { nudgeClipGain } from './clip-gain';
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
