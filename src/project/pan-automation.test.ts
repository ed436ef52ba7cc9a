import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import { mixdown, panGains } from './mixdown';
import { panRamps, setTrackPan } from './pan-automation';
import type { Clip, PanPoint, Project } from './types';
import { newTrack } from './types';

/** One mono clip of a steady 0.5 over 1000 samples, its track panned by `panPoints` (and `pan`, which they override). */
function setup(panPoints: PanPoint[] | undefined, pan = 0) {
  const assets = new AssetStore();
  const asset = assets.add([new Float32Array(1000).fill(0.5)], 1000);
  const clip: Clip = { id: 'c', assetId: asset.id, name: 'c', start: 0, offset: 0, length: 1000 };
  const project: Project = { sampleRate: 1000, tracks: [{ ...newTrack(0), pan, clips: [clip], panPoints }] };
  return { assets, project };
}

const SWEEP: PanPoint[] = [
  { at: 200, pan: -1 },
  { at: 600, pan: 1 },
];

describe('track pan automation', () => {
  it('sweeps the track from left to right in the mixdown, sample by sample, with the pan law playback uses', () => {
    const { assets, project } = setup(SWEEP, 0.7);
    const [left, right] = mixdown(project, assets, { range: { start: 0, end: 1000 } });
    expect(left[100]).toBeCloseTo(0.5, 6); // held hard left before the first point (the track's own 0.7 unheard)
    expect(right[100]).toBeCloseTo(0, 6);
    const middle = panGains(0, true);
    expect(left[400]).toBeCloseTo(0.5 * middle.ll, 5); // halfway: the centre, 3 dB down each side
    expect(right[400]).toBeCloseTo(0.5 * middle.lr, 5);
    expect(right[800]).toBeCloseTo(0.5, 6);
    expect(left[800]).toBeCloseTo(0, 6);
  });

  it('makes a mono project stereo, and leaves the pan alone where the track has none', () => {
    const automated = setup([{ at: 0, pan: 0.5 }]);
    expect(mixdown(automated.project, automated.assets, { range: { start: 0, end: 10 } })).toHaveLength(2);
    const still = setup(undefined);
    expect(mixdown(still.project, still.assets, { range: { start: 0, end: 10 } })).toHaveLength(1);
    expect(setTrackPan(automated.project, automated.project.tracks[0].id, []).tracks[0].panPoints).toBeUndefined();
  });

  it('gives playback the same lines as ramps over the stretch it plays', () => {
    const { project } = setup(SWEEP);
    expect(panRamps(project.tracks[0], 100, 400)).toEqual([
      { at: 100, pan: -1 },
      { at: 200, pan: -1 },
      { at: 400, pan: 0 },
    ]);
    expect(panRamps(setup(undefined).project.tracks[0], 0, 10)).toBeNull();
  });
});
