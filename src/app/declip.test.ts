import { describe, expect, it } from 'vitest';
import { clip, RATE, tones } from '../dsp/declip.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { oneTrackStudio } from './one-track.fixture';
import { declipSelection } from './declip';

describe('De-clip', () => {
  it('restores the cut tops in one undoable step and says what it found and how far the peaks now reach', async () => {
    const cut = [clip(tones(1.6), 1), clip(tones(1.3), 1)];
    const { store, assets, services } = oneTrackStudio(cut, RATE);
    await declipSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('De-clip');
    expect(state.notices.at(-1)?.text).toMatch(
      /^De-clipped \d+ clipped stretches \(\d+ samples, [\d.]+ ms\)\. The restored peaks reach \+[\d.]+ dBFS: lower the gain, or export as 32-bit float/,
    );
    const after = trackAudio(state.project.tracks[0], assets, { start: 0, end: cut[0].length });
    after.forEach((ch, c) =>
      ch.forEach((v, i) => {
        if (Math.abs(cut[c][i]) < 0.999) expect(v).toBe(cut[c][i]);
      }),
    );
    expect(Math.max(...after[0])).toBeGreaterThan(1.2);
  });

  it('says when there is no clipping, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([tones(0.9)], RATE);
    const before = store.getState().project;
    await declipSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toBe('No clipping found in the selection: nothing was changed.');
  });
});
