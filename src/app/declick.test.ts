import { describe, expect, it } from 'vitest';
import { clicks } from '../dsp/declick.fixture';
import { programme } from '../dsp/dehum.fixture';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { declickSelection } from './declick';
import { oneTrackStudio } from './one-track.fixture';

const RATE = 44100;
const keep = [programme(2, RATE, 11), programme(2, RATE, 12)];
const added = clicks(keep[0].length, RATE, 2, { perSecond: 5, peak: 1 });
const clicked = keep.map((c, ch) => c.map((v, n) => v + added.channels[ch][n]));

describe('De-click', () => {
  it('draws the clicks again in one undoable step and says how many', async () => {
    const { store, assets, services } = oneTrackStudio(clicked, RATE);
    await declickSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('De-click (sensitivity 5)');
    expect(state.notices.at(-1)?.text).toMatch(/^De-clicked \d+ clicks \([\d.]+ ms drawn again\)\.$/);
    const after = trackAudio(state.project.tracks[0], assets, { start: 0, end: keep[0].length });
    const energy = (f: (ch: number, n: number) => number) =>
      keep.reduce((sum, c, ch) => sum + c.reduce((s, _, n) => s + f(ch, n) ** 2, 0), 0);
    const before = energy((ch, n) => clicked[ch][n] - keep[ch][n]);
    const left = energy((ch, n) => after[ch][n] - keep[ch][n]);
    // The loud ones go (a no-op would leave 0 dB); the faintest stand under the level rule at sensitivity 5.
    expect(10 * Math.log10(before / left)).toBeGreaterThan(6);
  });

  it('says when there are no clicks at its sensitivity, and changes nothing', async () => {
    const { store, services } = oneTrackStudio(keep, RATE);
    const before = store.getState().project;
    await declickSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().history.past.at(-1)?.label).toBe('Import');
    expect(store.getState().notices.at(-1)?.text).toBe(
      'No clicks found in the selection at sensitivity 5: nothing was changed. ' +
        'If you hear clicks, raise the sensitivity and De-click again.',
    );
  });

  it('finds fainter clicks when the sensitivity is raised', async () => {
    const faint = keep.map((c, ch) => c.map((v, n) => v + 0.3 * added.channels[ch][n]));
    const count = async (sensitivity: number) => {
      const { store, services } = oneTrackStudio(faint, RATE);
      store.getState().updateParams({ clickSensitivity: sensitivity });
      await declickSelection(services, runHere);
      return Number(/^De-clicked (\d+)/.exec(store.getState().notices.at(-1)?.text ?? '')?.[1] ?? 0);
    };
    expect(await count(10)).toBeGreaterThan(await count(5));
  });
});
