import { describe, expect, it } from 'vitest';
import { alignment } from '../dsp/align';
import { RATE, starts, syllables } from '../dsp/align.fixture';
import { AssetStore } from '../project/asset-store';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack, type Project } from '../project/types';
import { createStudioStore } from '../store/studio-store';
import { alignToGuide, type Aligner } from './align';
import type { Services } from './services';

const alignHere: Aligner = async (guide, take, rate) => alignment(guide, take, rate).readAt;
const ONSETS = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];

describe('Align to guide', () => {
  it("puts the second track's syllables where the first's are, in one undo step, saying how far it moved them", async () => {
    const guide = syllables(ONSETS);
    const take = syllables(
      ONSETS.map((t, k) => t + [0.04, -0.03, 0.035, -0.04, 0.02, -0.035][k]),
      0.1,
      20,
    );
    const assets = new AssetStore();
    const [g, t] = [assets.add([guide], RATE), assets.add([take], RATE)];
    const clip = (id: string, assetId: string) => ({
      id,
      assetId,
      name: id,
      start: 0,
      offset: 0,
      length: guide.length,
    });
    const tracks = [
      { ...newTrack(0), name: 'Lead', clips: [clip('g', g.id)] },
      { ...newTrack(1), name: 'Double', clips: [clip('t', t.id)] },
    ];
    const store = createStudioStore();
    store.getState().commit('Import', { sampleRate: RATE, tracks } as Project);
    const selection = { start: 0, end: guide.length, trackIds: tracks.map((tr) => tr.id) };
    store.getState().selectRange(selection);
    const services = { store, assets } as unknown as Services;
    expect(await alignToGuide(services, alignHere, runHere)).toBe(true);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Align "Double" to "Lead"');
    expect(state.notices.at(-1)?.text).toMatch(/^Aligned "Double" to "Lead": moved by up to (3\d|4\d) ms/);
    expect(state.selection).toEqual(selection);
    const aligned = trackAudio(state.project.tracks[1], assets, { start: 0, end: guide.length })[0];
    const found = starts(aligned);
    expect(found).toHaveLength(6);
    for (let k = 0; k < 6; k++) expect(Math.abs(found[k] - ONSETS[k])).toBeLessThan(0.012);
    expect(trackAudio(state.project.tracks[0], assets, { start: 0, end: guide.length })[0]).toEqual(guide);
  });

  it('asks for two tracks where the selection holds one', async () => {
    const assets = new AssetStore();
    const a = assets.add([syllables(ONSETS)], RATE);
    const track = { ...newTrack(0), clips: [{ id: 'c', assetId: a.id, name: 'c', start: 0, offset: 0, length: 100 }] };
    const store = createStudioStore();
    store.getState().commit('Import', { sampleRate: RATE, tracks: [track] } as Project);
    store.getState().selectRange({ start: 0, end: 100, trackIds: [track.id] });
    expect(await alignToGuide({ store, assets } as unknown as Services, alignHere, runHere)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toContain('Select across two tracks');
  });
});
