import { describe, expect, it } from 'vitest';
import { alignment } from '../dsp/align';
import { RATE, starts, syllables } from '../dsp/align.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { alignToGuide, type Aligner } from './align';
import { tracksStudio } from './tracks.fixture';

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
    const { store, assets, services, ids } = tracksStudio({ Lead: [guide], Double: [take] }, RATE);
    const selection = { start: 0, end: guide.length, trackIds: ids };
    store.getState().selectRange(selection);
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
    const { store, services, ids } = tracksStudio({ Lead: [syllables(ONSETS)] }, RATE);
    store.getState().selectRange({ start: 0, end: 100, trackIds: ids });
    expect(await alignToGuide(services, alignHere, runHere)).toBe(false);
    expect(store.getState().notices.at(-1)?.text).toContain('Select across two tracks');
  });
});
