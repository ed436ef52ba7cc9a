import { describe, expect, it } from 'vitest';
import { AssetStore } from '../project/asset-store';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack, type Project, type SoundLabel } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { oneTrackStudio } from './one-track.fixture';
import type { Services } from './services';
import { truncateSilence } from './truncate';

const RATE = 16000;

/** `seconds` of silence with a 300 Hz tone over each [from, to) span (seconds). */
function toneAt(seconds: number, ...spans: [number, number][]): Float32Array {
  const x = new Float32Array(seconds * RATE);
  for (const [from, to] of spans)
    for (let i = from * RATE; i < to * RATE; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 300 * i) / RATE);
  return x;
}

const label = (id: string, start: number, end: number): SoundLabel => ({
  id,
  start: start * RATE,
  end: end * RATE,
  name: id,
  description: id,
  confidence: 1,
});

describe('Truncate silence', () => {
  it('shortens the pause in one undo step, moving labels and the selection end with the audio', async () => {
    const { store, assets, services } = oneTrackStudio([toneAt(4, [0, 1], [3, 4])], RATE);
    const track = store.getState().project.tracks[0];
    const labels = [label('first', 0, 1), label('in the pause', 1.8, 2.2), label('last', 3, 4)];
    store.getState().commit('Analyze', { ...store.getState().project, tracks: [{ ...track, labels, beatStart: 0 }] });
    await truncateSilence(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Truncate silence (1 pause, -1.5 s)');
    expect(state.notices.at(-1)?.text).toBe('Shortened 1 pause to 0.5 s: 1.5 s shorter.');
    const after = state.project.tracks[0];
    expect(after.clips.reduce((n, c) => n + c.length, 0)).toBe(2.5 * RATE);
    expect(after.labels?.map((l) => [l.name, l.start / RATE, l.end / RATE])).toEqual([
      ['first', 0, 1],
      ['last', 1.5, 2.5],
    ]);
    expect(after.beatStart).toBeUndefined();
    expect(state.selection?.end).toBe(2.5 * RATE);
    // The second tone starts 0.5 s after the first ends.
    const audio = trackAudio(after, assets, { start: 0, end: 2.5 * RATE })[0];
    expect(Math.max(...audio.subarray(1.5 * RATE + 100, 2.5 * RATE).map(Math.abs))).toBeGreaterThan(0.29);
    expect(Math.max(...audio.subarray(1.05 * RATE, 1.45 * RATE).map(Math.abs))).toBe(0);
  });

  it('cuts only where every selected track is silent, and keeps them in step', async () => {
    const assets = new AssetStore();
    const tracks = [toneAt(4, [0, 1], [3, 4]), toneAt(4, [2, 2.2])].map((x, i) => {
      const asset = assets.add([x], RATE);
      const clip = { id: `c${i}`, assetId: asset.id, name: 't', start: 0, offset: 0, length: x.length };
      return { ...newTrack(i), clips: [clip] };
    });
    const project: Project = { sampleRate: RATE, tracks };
    const store = createStudioStore();
    store.getState().commit('Import', project);
    store.getState().selectRange({ start: 0, end: 4 * RATE, trackIds: tracks.map((t) => t.id) });
    await truncateSilence({ store, assets } as unknown as Services, runHere);
    // Silent together over 1-2 s and 2.2-3 s: each shortened to 0.5 s (0.5 + 0.3 s cut).
    const lengths = store.getState().project.tracks.map((t) => t.clips.reduce((n, c) => n + c.length, 0) / RATE);
    expect(lengths).toEqual([3.2, 3.2]);
  });

  it('says when there is no pause to shorten, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([toneAt(2, [0, 2])], RATE);
    const before = store.getState().project;
    await truncateSilence(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'No pause longer than 0.5 s under -40 dBFS in the selection: nothing was changed.',
    );
  });

  it('moves what follows the selection back with it', async () => {
    const x = toneAt(6, [0, 1], [3, 6]);
    const { store, services } = oneTrackStudio([x], RATE, { start: 0, end: 4 * RATE });
    await truncateSilence(services, runHere);
    const clips = store.getState().project.tracks[0].clips;
    expect(clips.map((c) => [c.start / RATE, c.length / RATE])).toEqual([
      [0, 2.5],
      [2.5, 2],
    ]);
  });
});
