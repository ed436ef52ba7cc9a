import { describe, expect, it } from 'vitest';
import { lineNotes } from '../dsp/pitch-notes';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack } from '../project/types';
import { oneTrackStudio } from './one-track.fixture';
import { labelLineNotes, type LineReader, moveNotes, readLine } from './pitch-editor';
import { addLabel, audacityLabels } from '../project/label-ops';

const RATE = 48000;
const readHere: LineReader = async (channels, rate) => lineNotes(channels, rate);

/** C4, E4 30 cents sharp, G4: 0.4 s each. */
function melody(): Float32Array {
  const x = new Float32Array(1.2 * RATE);
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const midi = [60, 64.3, 67][Math.floor(i / (0.4 * RATE))];
    phase += (2 * Math.PI * 440 * 2 ** ((midi - 69) / 12)) / RATE;
    x[i] = 0.1 * Math.sin(phase);
  }
  return x;
}

describe('Pitch editor', () => {
  it('reads the notes of the selection on the timeline and moves one in one undoable step, saying where', async () => {
    const { store, assets, services } = oneTrackStudio([melody()], RATE, { start: 0.2 * RATE, end: 1.2 * RATE });
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    expect(line.notes.map((n) => Math.round(n.midi * 10) / 10)).toEqual([60, 64.3, 67]);
    expect(Math.abs(line.notes[1].start - 0.4 * RATE)).toBeLessThan(0.03 * RATE); // timeline samples
    expect(await moveNotes(services, line, [0, 0, 0], 0, runHere)).toBe(false);
    expect(await moveNotes(services, line, [0, 170, 0], 0, runHere)).toBe(true);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Edit pitch (1 note moved)');
    expect(state.notices.at(-1)?.text).toBe('Moved 1 note: E4 +30¢ to F#4.');
    const after = await readLine(services, readHere);
    if (typeof after === 'string') throw new Error(after);
    expect(after.notes.map((n) => Math.round(n.midi * 10) / 10)).toEqual([60, 66, 67]);
    const audio = trackAudio(state.project.tracks[0], assets, { start: 0, end: 0.3 * RATE })[0];
    expect(audio).toEqual(melody().subarray(0, 0.3 * RATE)); // the first note as it was
    expect(await moveNotes(services, after, [0, 0, 0], 50, runHere)).toBe(true);
    expect(store.getState().history.past.at(-1)?.label).toBe('Edit pitch (straightened 50 %)');
    expect(store.getState().notices.at(-1)?.text).toBe('Straightened 3 notes by 50 %.');
  });

  it("labels the line's notes where the moves put them, replacing the notes labelled before and no other label", async () => {
    const { store, services } = oneTrackStudio([melody()], RATE);
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    const trackId = line.trackId;
    store.getState().commit('Add a label', addLabel(store.getState().project, trackId, { start: 0, end: 10 }, 'intro'));
    labelLineNotes(services, line, [0, 0, 0]);
    labelLineNotes(services, line, [0, 170, 0]);
    const labels = store.getState().project.tracks[0].labels ?? [];
    expect(labels.map((l) => l.name)).toEqual(['intro', 'C4', 'F#4', 'G4']);
    expect(store.getState().history.past.at(-1)?.label).toBe('Label notes (3)');
    expect(store.getState().notices.at(-1)?.text).toBe('Labelled 3 notes on "Track 1": C4, F#4, G4.');
    expect(audacityLabels(store.getState().project)).toMatch(/^0\.000000\t0\.000208\tintro\n0\.0\d+\t0\.\d+\tC4\n/);
  });

  it('says why there is nothing to edit: no selection, more than one track, too long', async () => {
    const { store, services } = oneTrackStudio([melody()], RATE);
    store.getState().selectRange(null);
    expect(await readLine(services, readHere)).toBe('Select a sung or played line on a track.');
    store.getState().selectRange({ start: 0, end: 61 * RATE, trackIds: [] });
    expect(await readLine(services, readHere)).toBe('Select at most 60 s: a phrase or a verse at a time.');
    const { project } = store.getState();
    store.getState().commit('Add a track', { ...project, tracks: [...project.tracks, newTrack(1)] });
    store.getState().selectRange({ start: 0, end: RATE, trackIds: store.getState().project.tracks.map((t) => t.id) });
    expect(await readLine(services, readHere)).toMatch(/^Select a line on one track/);
  });
});
