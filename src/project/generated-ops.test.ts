import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import { addTake, blendEdges, placeAsset, switchTake, takeLetter, trackAudio } from './generated-ops';
import { toMono } from '../dsp/channels';
import { mixdown } from './mixdown';
import { newTrack, type Project } from './types';

const counting = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => from + i);

function setup() {
  const assets = new AssetStore();
  const source = assets.add([counting(100, 1)], 1000);
  const project: Project = {
    sampleRate: 1000,
    tracks: [
      { ...newTrack(0), clips: [{ id: 'c', assetId: source.id, name: 's', start: 10, offset: 0, length: 100 }] },
    ],
  };
  return { assets, project, trackId: project.tracks[0].id };
}

const render = (p: Project, assets: AssetStore, trackId: string) =>
  Array.from(mixdown(p, assets, { range: { start: 0, end: 120 }, trackIds: [trackId] })[0]);

describe('model output in the project', () => {
  it('reads a track range as the clips play it, silence where there is none', () => {
    const { assets, project } = setup();
    const audio = trackAudio(project.tracks[0], assets, { start: 5, end: 15 });
    expect(Array.from(audio[0])).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 4, 5]);
    expect(Array.from(toMono([Float32Array.of(1, 3), Float32Array.of(3, 5)]))).toEqual([2, 4]);
  });

  it('replaces a range with a result and leaves every sample outside it as it was', () => {
    const { assets, project, trackId } = setup();
    const before = render(project, assets, trackId);
    const result = assets.add([new Float32Array(20).fill(-1)], 1000);
    const after = placeAsset(project, trackId, 40, result.id, 20, 'remove');
    const now = render(after, assets, trackId);
    expect(now.slice(0, 40)).toEqual(before.slice(0, 40));
    expect(now.slice(60)).toEqual(before.slice(60));
    expect(now.slice(40, 60)).toEqual(new Array(20).fill(-1));
    expect(after.tracks).toHaveLength(1);
  });

  it('puts a generated clip on a new track when none is named, and a take under its source', () => {
    const { assets, project, trackId } = setup();
    const asset = assets.add([new Float32Array(30)], 1000);
    const generated = placeAsset(project, null, 7, asset.id, 30, 'rain');
    expect(generated.tracks).toHaveLength(2);
    expect(generated.tracks[1]).toMatchObject({ name: 'rain', clips: [{ start: 7, length: 30 }] });
    const withTake = addTake(generated, trackId, { start: 20, end: 50 }, asset.id, 'take');
    expect(withTake.tracks.map((t) => t.name)).toEqual([project.tracks[0].name, 'take', 'rain']);
    expect(withTake.tracks[0]).toBe(project.tracks[0]);
    // A plays first; A/B switches to the take and back, the other one muted.
    expect(withTake.tracks[1]).toMatchObject({ mute: true, takeOf: trackId });
    // It goes through the source's mixer settings, so A/B compares the two as heard.
    const mixed = {
      ...generated,
      tracks: [{ ...generated.tracks[0], gainDb: -4, pan: 0.5, effects: [] }, generated.tracks[1]],
    };
    expect(addTake(mixed, trackId, { start: 20, end: 50 }, asset.id, 'take').tracks[1]).toMatchObject({
      gainDb: -4,
      pan: 0.5,
      effects: [],
    });
    const b = switchTake(withTake, withTake.tracks[1].id);
    expect(b.playing).toBe('B');
    expect(b.project.tracks.slice(0, 2).map((t) => t.mute)).toEqual([true, false]);
    const a = switchTake(b.project, withTake.tracks[1].id);
    expect(a.playing).toBe('A');
    expect(a.project.tracks.slice(0, 2).map((t) => t.mute)).toEqual([false, true]);
  });

  it('stacks several takes under their source in order, and plays one of them at a time (A/B/C/D)', () => {
    const { assets, project, trackId } = setup();
    const asset = assets.add([new Float32Array(30)], 1000);
    let withTakes = project;
    for (const name of ['B', 'C', 'D']) withTakes = addTake(withTakes, trackId, { start: 0, end: 30 }, asset.id, name);
    expect(withTakes.tracks.map((t) => t.name)).toEqual([project.tracks[0].name, 'B', 'C', 'D']);
    const [, b, c, d] = withTakes.tracks;
    expect([b, c, d].map((t) => takeLetter(withTakes, t.id))).toEqual(['B', 'C', 'D']);
    const playC = switchTake(withTakes, c.id);
    expect(playC.playing).toBe('C');
    expect(playC.project.tracks.map((t) => t.mute)).toEqual([true, true, false, true]);
    const playD = switchTake(playC.project, d.id);
    expect(playD.playing).toBe('D');
    expect(playD.project.tracks.map((t) => t.mute)).toEqual([true, true, true, false]);
    const backToA = switchTake(playD.project, d.id);
    expect(backToA.playing).toBe('A');
    expect(backToA.project.tracks.map((t) => t.mute)).toEqual([false, true, true, true]);
  });

  it('crossfades the result in from the original and back out, on every channel', () => {
    const original = [new Float32Array(100).fill(1), new Float32Array(100).fill(2)];
    const out = blendEdges(original, [new Float32Array(100)], 10);
    expect(out).toHaveLength(2);
    expect(out[0][0]).toBeGreaterThan(0.99);
    expect(out[1][99]).toBeGreaterThan(1.98);
    expect(out[0][50]).toBe(0);
    expect(out[0][9]).toBeLessThan(0.1);
  });
});
