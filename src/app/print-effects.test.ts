import { describe, expect, it } from 'vitest';
import type { TrackEffect } from '../dsp/effect-chain';
import { AssetStore } from '../project/asset-store';
import { clipAt } from '../project/clip.fixture';
import { mixdown } from '../project/mixdown';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { printTrackEffects } from './print-effects';
import type { Services } from './services';

const RATE = 8000;

function studio(effects: TrackEffect[]) {
  const assets = new AssetStore();
  const burst = assets.add([Float32Array.from({ length: 800 }, (_, i) => 0.5 * Math.sin(i / 3))], RATE);
  const project: Project = {
    sampleRate: RATE,
    tracks: [
      {
        ...newTrack(0),
        name: 'voice',
        gainDb: -6,
        pan: 0.3,
        effects,
        clips: [
          clipAt('a', burst.id, 400, 800),
          { ...clipAt('b', burst.id, 2000, 800), fadeIn: { length: 200, curve: 'linear' } },
        ],
      },
    ],
  };
  const store = createStudioStore();
  store.getState().commit('Start', project);
  return { store, assets, services: { store, assets } as unknown as Services };
}

const room: TrackEffect = { id: 'r', on: true, kind: 'reverb', decaySeconds: 0.5, wetDb: -6 };
const ceiling: TrackEffect = { id: 'l', on: true, kind: 'limiter', ceilingDb: -12, releaseMs: 20 };

describe('print effects', () => {
  it('puts the clips through the effects into one clip with the tail rung out; the mix sounds the same', async () => {
    const { store, assets, services } = studio([ceiling, room]);
    const before = store.getState().project;
    const range = { range: { start: 0, end: 2800 + RATE } };
    const heard = mixdown(before, assets, range);
    await printTrackEffects(services, before.tracks[0].id);
    const after = store.getState().project;
    expect(store.getState().history.past.at(-1)?.label).toBe('Print effects on voice');
    const track = after.tracks[0];
    expect(track.effects).toBeUndefined();
    expect(track.clips).toHaveLength(1);
    expect(track.clips[0]).toMatchObject({ start: 400, name: 'voice (printed)' });
    // The reverb's half-second tail goes on past the last clip's end (2800), then it is cut where it falls silent.
    expect(track.clips[0].length).toBeGreaterThan(2800 - 400 + 0.3 * RATE);
    expect({ gainDb: track.gainDb, pan: track.pan }).toEqual({ gainDb: -6, pan: 0.3 });
    const printed = mixdown(after, assets, range);
    // The same samples, but for the tail under -100 dBFS left off.
    printed.forEach((c, ch) => c.forEach((v, i) => expect(Math.abs(v - heard[ch][i])).toBeLessThan(1e-5)));
    const energy = (x: Float32Array[]) => x.flatMap((c) => Array.from(c)).reduce((sum, v) => sum + v * v, 0);
    expect(energy(printed) / energy(heard)).toBeCloseTo(1, 6);
  });

  it('says why where a track has no effects switched on, and changes nothing', async () => {
    const { store, services } = studio([{ ...room, on: false }]);
    const before = store.getState().project;
    await printTrackEffects(services, before.tracks[0].id);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/needs a track with clips and effects switched on/);
  });
});
