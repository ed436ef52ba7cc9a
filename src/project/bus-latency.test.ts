import { describe, expect, it } from 'vitest';
import { effectsLatency } from '../dsp/effect-chain';
import { AssetStore } from './asset-store';
import { compensationOf } from './bus-latency';
import { setOutput, setSend } from './buses';
import { clipAt } from './clip.fixture';
import { mixdown, TrackChains } from './mixdown';
import { heardOf } from './solo';
import { newTrackEffect } from './track-effects';
import { emptyProject, type MasterBus, newTrack, type Project } from './types';

const RATE = 8000;
/** A limiter that never reaches its ceiling: only its look-ahead. */
const lookAhead = { ...newTrackEffect('limiter'), ceilingDb: 0 };

/** The same tone on two tracks: the first straight to the master, the second into bus `late` (the limiter) and sent
 * at 0 dB to bus `dry` (nothing on it). */
function twoWays(): { project: Project; assets: AssetStore; tone: Float32Array } {
  const assets = new AssetStore();
  const tone = Float32Array.from({ length: 3000 }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 170 * i) / RATE));
  const asset = assets.add([tone], RATE);
  const tracks = [0, 1].map((i) => ({ ...newTrack(i), clips: [clipAt(`c${i}`, asset.id, 0, 3000)] }));
  let project: Project = {
    ...emptyProject(RATE),
    tracks,
    buses: [
      { id: 'late', name: 'Limited', gainDb: 0, effects: [lookAhead] },
      { id: 'dry', name: 'Dry', gainDb: 0, effects: [] },
    ],
  };
  project = setSend(setOutput(project, tracks[1].id, 'late').project, tracks[1].id, 'dry', 0).project;
  return { project, assets, tone };
}

describe('delay compensation through the buses', () => {
  it('plays a track through a look-ahead bus that much early, holding its other ways back by as much', () => {
    const { project } = twoWays();
    const lateness = (bus: MasterBus) => effectsLatency(bus.effects, RATE);
    const comp = compensationOf(project, heardOf(project), lateness);
    const [first, second] = project.tracks.map((t) => t.id);
    const late = effectsLatency([lookAhead], RATE);
    expect(late).toBeGreaterThan(0);
    expect(comp.early(first)).toBe(0);
    expect(comp.early(second)).toBe(late);
    expect(comp.hold(second, 'late')).toBe(0);
    expect(comp.hold(second, 'dry')).toBe(late);
    expect(comp.hold('late', undefined)).toBe(0);
  });

  it('lines every way up with the timeline: three times the tone, in place, block by block as in one piece', () => {
    const { project, assets, tone } = twoWays();
    const range = { start: 0, end: 3200 };
    const [left] = mixdown(project, assets, { range });
    // Centre-panned (a bus makes the mix stereo): the direct track, the limited bus and the dry send, all on time.
    for (let i = 0; i < 3000; i++) expect(left[i]).toBeCloseTo(3 * Math.SQRT1_2 * tone[i], 5);
    const chains = new TrackChains(assets);
    const blocks = [0, 1000, 2000, 3000].map((start) =>
      mixdown(project, assets, { range: { start, end: Math.min(3200, start + 1000) }, chains }),
    );
    const joined = Float32Array.from(blocks.flatMap((b) => Array.from(b[0])));
    joined.forEach((v, i) => expect(v).toBeCloseTo(left[i], 6));
    // Mixed from the middle, it starts there as playback would: the same samples.
    const [middle] = mixdown(project, assets, { range: { start: 1234, end: 3200 } });
    middle.forEach((v, i) => expect(v).toBeCloseTo(left[1234 + i], 5));
  });
});
