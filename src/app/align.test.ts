import { describe, expect, it } from 'vitest';
import { alignment } from '../dsp/align';
import { RATE, starts, syllables } from '../dsp/align.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { alignToGuide, type Aligner, matchPitchToGuide } from './align';
import { lineNotes } from '../dsp/pitch-notes';
import { trackPitch } from '../dsp/pitch-track';
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

describe('Match pitch to guide', () => {
  it("moves the second track onto the first's pitch, in its own octave, one undo step, said", async () => {
    const note = (midi: number) =>
      Float32Array.from(
        { length: RATE },
        (_, i) => 0.1 * Math.sin((2 * Math.PI * 440 * 2 ** ((midi - 69) / 12) * i) / RATE),
      );
    const { store, assets, services, ids } = tracksStudio({ Lead: [note(64)], Double: [note(52.3)] }, RATE);
    store.getState().selectRange({ start: 0, end: RATE, trackIds: ids });
    const readHere = async (channels: Float32Array[], rate: number) => lineNotes(channels, rate);
    expect(await matchPitchToGuide(services, readHere, runHere)).toBe(true);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Match "Double" to "Lead"');
    expect(state.notices.at(-1)?.text).toBe('Matched the pitch of "Double" to "Lead" (100 %).');
    const matched = trackAudio(state.project.tracks[1], assets, { start: 0.2 * RATE, end: 0.8 * RATE })[0];
    const hz = [...trackPitch(matched, RATE).hz].filter((v) => v > 0).sort((a, b) => a - b);
    expect(Math.abs(69 + 12 * Math.log2(hz[Math.floor(hz.length / 2)] / 440) - 52)).toBeLessThan(0.03);
  });
});
