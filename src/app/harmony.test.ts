import { describe, expect, it } from 'vitest';
import { lineNotes } from '../dsp/pitch-notes';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { addHarmony } from './harmony';
import { oneTrackStudio } from './one-track.fixture';
import { readLine } from './pitch-editor';

const RATE = 48000;

/** C4, E4 30 cents sharp, G4, 0.4 s each, with 0.1 s of silence after. */
function melody(): Float32Array {
  const x = new Float32Array(1.3 * RATE);
  let phase = 0;
  for (let i = 0; i < 1.2 * RATE; i++) {
    const midi = [60, 64.3, 67][Math.floor(i / (0.4 * RATE))];
    phase += (2 * Math.PI * 440 * 2 ** ((midi - 69) / 12)) / RATE;
    x[i] = 0.1 * Math.sin(phase) + 0.05 * Math.sin(2 * phase);
  }
  return x;
}

describe('Add harmony', () => {
  it('puts the line a third above in its key on a new track, in one undoable step', async () => {
    const { store, assets, services } = oneTrackStudio([melody()], RATE);
    store.getState().updateParams({ correctKey: 'C major' });
    const line = await readLine(services, async (c, r) => lineNotes(c, r));
    if (typeof line === 'string') throw new Error(line);
    expect(await addHarmony(services, line, 'a third above', runHere)).toBe(true);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Add harmony (a third above)');
    expect(state.notices.at(-1)?.text).toBe('Added a harmony a third above in C major: 3 notes on a new track.');
    expect(state.project.tracks.map((t) => t.name)).toEqual(['Track 1', 'Harmony: a third above (Track 1)']);
    const harmony = trackAudio(state.project.tracks[1], assets, { start: 0, end: 1.3 * RATE });
    const heard = lineNotes(harmony, RATE).notes.map((n) => Math.round(n.midi * 10) / 10);
    expect(heard).toEqual([64, 67.3, 71]); // E4, G4 (as sharp as the E was), B4
    // Nothing where the line is silent.
    expect(harmony[0].subarray(1.22 * RATE).every((v) => v === 0)).toBe(true);
  });

  it('moves every note alike where there is no key, and says so', async () => {
    const { store, services } = oneTrackStudio([melody()], RATE);
    store.getState().updateParams({ correctKey: 'chromatic' });
    const line = await readLine(services, async (c, r) => lineNotes(c, r));
    if (typeof line === 'string') throw new Error(line);
    await addHarmony(services, line, 'a fifth above', runHere);
    expect(store.getState().notices.at(-1)?.text).toBe(
      'Added a harmony a fifth above (no key chosen or found: the same interval for every note): 3 notes on a new track.',
    );
  });
});
