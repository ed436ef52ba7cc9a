import { describe, expect, it } from 'vitest';
import { runHere } from '../project/process-ops';
import { oneTrackStudio } from './one-track.fixture';
import { echoSelection, reverbSelection } from './reverb';

const RATE = 8000;
/** A tone over the first second, then `silence` seconds of silence. */
const toneThen = (silence: number) =>
  Float32Array.from({ length: (1 + silence) * RATE }, (_, i) => (i < RATE ? 0.3 * Math.sin(i / 3) : 0));

describe('Reverb', () => {
  it('adds a tail that rings into the silence after the sound, in one undo step', async () => {
    const { store, services } = oneTrackStudio([toneThen(2)], RATE);
    await reverbSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Reverb (1.5 s, -12 dB)');
    expect(state.notices.at(-1)?.text).toBe('Reverb added (1.5 s decay, -12 dB).');
  });

  it("says how to keep the tail when sound still rings at the selection's end", async () => {
    const { store, services } = oneTrackStudio([toneThen(0)], RATE);
    await reverbSelection(services, runHere);
    expect(store.getState().notices.at(-1)?.text).toBe(
      "Reverb added (1.5 s decay, -12 dB). Its tail stops at the selection's end: select 1.5 s of silence after the sound too, to hear it die away.",
    );
  });
});

describe('Echo', () => {
  it('brings the sound back in one undo step and says how to hear every repeat', async () => {
    const { store, services } = oneTrackStudio([toneThen(1)], RATE);
    await echoSelection(services, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Echo (0.5 s, decay 0.5)');
    expect(state.notices.at(-1)?.text).toBe(
      "Echo added (every 0.5 s, each repeat -6.0 dB under the last). Its tail stops at the selection's end: select 5 s of silence after the sound too, to hear it die away.",
    );
  });

  it('says an echo without decay has no repeats, and changes nothing', async () => {
    const { store, services } = oneTrackStudio([toneThen(1)], RATE);
    store.getState().updateParams({ echoDecay: 0 });
    const before = store.getState().project;
    await echoSelection(services, runHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/no repeats: nothing was changed/);
  });
});
