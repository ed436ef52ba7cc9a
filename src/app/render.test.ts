import { describe, expect, it } from 'vitest';
import { clipAt } from '../project/clip.fixture';
import { AssetStore } from '../project/asset-store';
import { mixdown } from '../project/mixdown';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { mixAndRender } from './render';
import type { Services } from './services';

const RATE = 1000;

function studio() {
  const assets = new AssetStore();
  const a = assets.add([Float32Array.from({ length: 300 }, (_, i) => Math.sin(i / 5))], RATE);
  const b = assets.add([Float32Array.from({ length: 200 }, (_, i) => 0.5 * Math.cos(i / 3))], RATE);
  const project: Project = {
    sampleRate: RATE,
    tracks: [
      {
        ...newTrack(0),
        name: 'voice',
        gainDb: -3,
        pan: -0.5,
        clips: [
          {
            ...clipAt('a', a.id, 0, 300),
            envelope: [
              { at: 100, gain: 1 },
              { at: 200, gain: 0.25 },
            ],
          },
        ],
      },
      { ...newTrack(1), name: 'muted', mute: true, clips: [clipAt('m', b.id, 0, 200)] },
      { ...newTrack(2), name: 'music', clips: [clipAt('b', b.id, 250, 200)] },
    ],
  };
  const store = createStudioStore();
  store.getState().commit('Start', project);
  return { store, assets, services: { store, assets } as unknown as Services };
}

describe('Mix and render', () => {
  it('makes the heard tracks one track that plays and exports as they did, in one undo step', () => {
    const { store, assets, services } = studio();
    const before = mixdown(store.getState().project, assets, { range: { start: 0, end: 450 } });
    mixAndRender(services);
    const { project, history } = store.getState();
    expect(project.tracks.map((t) => t.name)).toEqual(['Mix', 'muted']); // the muted track is not heard, so stays
    const after = mixdown(project, assets, { range: { start: 0, end: 450 } });
    expect(after).toHaveLength(2);
    after.forEach((ch, c) => ch.forEach((v, i) => expect(v).toBeCloseTo(before[c][i], 6)));
    expect(history.past.at(-1)?.label).toBe('Mix and render 2 tracks');
  });

  it("renders a track's effects with their tails rung out, as an export has them", () => {
    const { store, assets, services } = studio();
    const echo = { id: 'e', on: true, kind: 'echo' as const, delaySeconds: 0.1, decay: 0.5 };
    const [voice] = store.getState().project.tracks;
    const project = store.getState().project;
    store
      .getState()
      .commit('Echo', { ...project, tracks: [{ ...voice, effects: [echo] }, ...project.tracks.slice(1)] });
    const heard = mixdown(store.getState().project, assets, { range: { start: 0, end: 2000 }, trackIds: [voice.id] });
    store.getState().selectRange({ start: 0, end: 10, trackIds: [voice.id] });
    mixAndRender(services);
    const rendered = store.getState().project.tracks[0];
    expect(rendered.clips[0].length).toBeGreaterThan(300 + 400); // the echoes go on past the clip's 300 samples
    const after = mixdown(store.getState().project, assets, {
      range: { start: 0, end: 2000 },
      trackIds: [rendered.id],
    });
    after.forEach((ch, c) => ch.forEach((v, i) => expect(v).toBeCloseTo(heard[c][i], 4))); // cut under -100 dBFS
  });

  it('says so when no selected track is heard', () => {
    const { store, services } = studio();
    const muted = store.getState().project.tracks[1].id;
    store.getState().selectRange({ start: 0, end: 10, trackIds: [muted] });
    mixAndRender(services);
    expect(store.getState().project.tracks).toHaveLength(3);
    expect(store.getState().notices.at(-1)?.text).toContain('nothing to render');
  });
});
