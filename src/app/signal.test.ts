import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGNAL, signalName, signalProblem } from '../dsp/signals';
import { trackAudio } from '../project/generated-ops';
import { oneTrackStudio } from './one-track.fixture';
import { generateSignal, projectTempo } from './signal';
import { withTempo } from '../project/tempo';

const RATE = 8000;

describe('Generate signal', () => {
  it('fills the selection on its track, replacing what was there, as one undo step', () => {
    const { store, assets, services } = oneTrackStudio([new Float32Array(RATE).fill(0.1)], RATE, {
      start: 2000,
      end: 6000,
    });
    store.getState().updateSignal({ kind: 'noise', colour: 'white', db: -20 });
    generateSignal(services);
    const track = store.getState().project.tracks[0];
    const audio = trackAudio(track, assets, { start: 0, end: RATE })[0];
    expect(audio[1999]).toBeCloseTo(0.1, 6);
    expect(audio[6000]).toBeCloseTo(0.1, 6);
    const inside = audio.subarray(2000, 6000);
    expect(inside.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeCloseTo(0.1, 4); // -20 dBFS peak
    expect(store.getState().history.past.at(-1)?.label).toBe('Generate White noise');
  });

  it('with nothing selected, goes to a new track at the playhead for its length', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    store.getState().selectRange(null);
    store.getState().seek(RATE / 2);
    store.getState().updateSignal({ kind: 'clicks', seconds: 2 });
    generateSignal(services);
    const tracks = store.getState().project.tracks;
    expect(tracks).toHaveLength(2);
    expect(tracks[1].clips[0]).toMatchObject({ start: RATE / 2, length: 2 * RATE, name: 'Click track 120 BPM' });
  });

  it('puts a click track at the project’s tempo on its beat grid', () => {
    const { store, services } = oneTrackStudio([new Float32Array(4 * RATE)], RATE);
    const [track] = store.getState().project.tracks;
    store
      .getState()
      .commit('Analyze', { ...store.getState().project, tracks: [{ ...track, tempoBpm: 100, beatStart: 0.3 * RATE }] });
    expect(projectTempo(store.getState().project)).toBe(100);
    store.getState().selectRange(null);
    store.getState().seek(RATE);
    store.getState().updateSignal({ kind: 'clicks', bpm: 100, seconds: 2 });
    generateSignal(services);
    const clip = store.getState().project.tracks[1].clips[0];
    const audio = services.assets.get(clip.assetId).channels[0];
    const firstClick = audio.findIndex((v) => v !== 0);
    // Beats at 0.3 + 0.6 k s: the first after 1 s is at 1.5 s, 0.5 s into the clip.
    expect(Math.abs(firstClick - 0.5 * RATE)).toBeLessThanOrEqual(1);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Click track 100 BPM: on the beat grid of what Analyze heard on Track 1.',
    );
  });

  it('puts a click track at the tempo set on the project on its bars, before a grid Analyze heard', () => {
    const { store, services } = oneTrackStudio([new Float32Array(4 * RATE)], RATE);
    const [track] = store.getState().project.tracks;
    const analysed = { ...store.getState().project, tracks: [{ ...track, tempoBpm: 100, beatStart: 0.3 * RATE }] };
    store
      .getState()
      .commit('Tempo', withTempo(analysed, { bpm: 100, beatsPerBar: 3, beatUnit: 4, downbeat: 0.1 * RATE }));
    store.getState().selectRange(null);
    store.getState().seek(RATE);
    store.getState().updateSignal({ kind: 'clicks', bpm: 100, seconds: 2 });
    generateSignal(services);
    const audio = services.assets.get(store.getState().project.tracks[1].clips[0].assetId).channels[0];
    // Beats at 0.1 + 0.6 k s: the first after 1 s is at 1.3 s, 0.3 s into the clip.
    expect(Math.abs(audio.findIndex((v) => v !== 0) - 0.3 * RATE)).toBeLessThanOrEqual(1);
    expect(store.getState().notices.at(-1)?.text).toBe('Click track 100 BPM: on the beat grid of the project tempo.');
  });

  it('refuses settings that make no signal, in words, changing nothing', () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    store.getState().updateSignal({ kind: 'tone', hz: 5000 });
    generateSignal(services);
    expect(store.getState().notices.at(-1)?.text).toContain('under 4000 Hz');
    expect(store.getState().history.past).toHaveLength(1);
    expect(signalProblem({ ...DEFAULT_SIGNAL, kind: 'dtmf', digits: '12x' }, RATE)).toContain('telephone keys');
    expect(signalProblem({ ...DEFAULT_SIGNAL, kind: 'clicks', beatsPerBar: 2.5 }, RATE)).toContain('whole number');
    expect(signalName({ ...DEFAULT_SIGNAL, waveform: 'square', hz: 100 })).toBe('Square 100 Hz');
  });
});
