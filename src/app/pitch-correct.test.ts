import { describe, expect, it } from 'vitest';
import { toMono } from '../dsp/channels';
import { intonation } from '../dsp/pitch-correct';
import { trackPitch } from '../dsp/pitch-track';
import { lineNotes } from '../dsp/pitch-notes';
import { runHere } from '../project/process-ops';
import { newTrack } from '../project/types';
import { oneTrackStudio } from './one-track.fixture';
import { correctionOf, correctPitchSelection, type IntonationMeter } from './pitch-correct';

const RATE = 48000;
const measureHere: IntonationMeter = async (channels, rate, scale) =>
  intonation(trackPitch(toMono(channels), rate), scale);
const sine = (hz: number) =>
  Float32Array.from({ length: RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * hz * i) / RATE));
const settings = { correctKey: 'project', retuneMs: 0, correctStrength: 100 };

describe('Correct pitch', () => {
  it("takes the key chosen, the project's (the key Analyze heard) or the line's own, else every semitone", () => {
    const music = { ...newTrack(1), musicKey: 'F# minor' };
    expect(correctionOf(settings, [newTrack(0), music])).toMatchObject({
      scale: { tonic: 6, mode: 'minor' },
      said: "F# minor (the project's)",
    });
    expect(correctionOf(settings, [newTrack(0)])).toMatchObject({
      scale: { tonic: null },
      said: 'chromatic (Analyze found no key in the project)',
    });
    expect(correctionOf({ ...settings, correctKey: 'Bb major' }, [music])).toMatchObject({
      scale: { tonic: 10, mode: 'major' },
      said: 'Bb major',
    });
    const line = { ...settings, correctKey: 'line' };
    expect(correctionOf(line, [music])).toBeNull(); // not heard yet
    expect(correctionOf(line, [music], { tonic: 2, mode: 'minor' })?.said).toBe('D minor (heard in the line)');
    expect(correctionOf(line, [music], null)?.said).toBe('chromatic (too few notes in the line to hear a key)');
    // The insert's Voice: a range over the lowest is asked of the corrector, any voice left as it was.
    expect(correctionOf({ ...settings, correctVoice: 100 }, [music])?.scale).toMatchObject({ lowestHz: 100 });
    expect(correctionOf({ ...settings, correctVoice: 60 }, [music])?.scale).not.toHaveProperty('lowestHz');
  });

  it("corrects to the line's own key, heard in its notes", async () => {
    // A, B, C, D, E, F, G# sung 30 cents flat: A harmonic minor, whose G# a chromatic guess would also keep.
    const notes = [69, 71, 72, 74, 76, 77, 80, 76, 72, 69].map((m) => m - 0.3);
    const x = new Float32Array(notes.length * 0.2 * RATE);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      phase += (2 * Math.PI * 440 * 2 ** ((notes[Math.floor(i / (0.2 * RATE))] - 69) / 12)) / RATE;
      x[i] = 0.1 * Math.sin(phase);
    }
    const { store, services } = oneTrackStudio([x], RATE);
    store.getState().updateParams({ ...settings, correctKey: 'line' });
    await correctPitchSelection(services, runHere, measureHere, async (c, r) => lineNotes(c, r));
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Corrected the pitch to A minor \(heard in the line\): /);
  });

  it('pulls a flat note in tune in one undoable step and says how far off it was before and after', async () => {
    const { store, services } = oneTrackStudio([sine(430)], RATE);
    store.getState().updateParams(settings);
    await correctPitchSelection(services, runHere, measureHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Correct pitch (chromatic, 0 ms)');
    expect(state.notices.at(-1)?.text).toMatch(
      /^Corrected the pitch to chromatic \(Analyze found no key in the project\): (9\d|100) % of the selection has a pitch, a median 39 cents off its notes before, [0-2] after\.$/,
    );
  });

  it('leaves a selection with nothing pitched in it alone, and says so', async () => {
    const { store, services } = oneTrackStudio([new Float32Array(RATE)], RATE);
    const before = store.getState().project;
    await correctPitchSelection(services, runHere, measureHere);
    expect(store.getState().project).toBe(before);
    expect(store.getState().notices.at(-1)?.text).toMatch(/^Nothing in the selection has a pitch to correct/);
  });
});
