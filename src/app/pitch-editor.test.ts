import { describe, expect, it } from 'vitest';
import { lineNotes } from '../dsp/pitch-notes';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { newTrack } from '../project/types';
import { oneTrackStudio } from './one-track.fixture';
import { RATE as SYLLABLE_RATE, starts, syllables } from '../dsp/align.fixture';
import { joinNotes, labelLineNotes, type LineReader, moveNotes, readLine, splitNote } from './pitch-editor';
import { addLabel, audacityLabels } from '../project/label-ops';

const RATE = 48000;
/** Moves in pitch alone. */
const inPitch = (cents: number[]) => ({ cents, later: cents.map(() => 0) });
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
    expect(await moveNotes(services, line, inPitch([0, 0, 0]), 0, runHere)).toBe(false);
    expect(await moveNotes(services, line, inPitch([0, 170, 0]), 0, runHere)).toBe(true);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Edit pitch (1 note moved)');
    expect(state.notices.at(-1)?.text).toBe('Moved 1 note: E4 +30¢ to F#4.');
    const after = await readLine(services, readHere);
    if (typeof after === 'string') throw new Error(after);
    expect(after.notes.map((n) => Math.round(n.midi * 10) / 10)).toEqual([60, 66, 67]);
    const audio = trackAudio(state.project.tracks[0], assets, { start: 0, end: 0.3 * RATE })[0];
    expect(audio).toEqual(melody().subarray(0, 0.3 * RATE)); // the first note as it was
    expect(await moveNotes(services, after, inPitch([0, 0, 0]), 50, runHere)).toBe(true);
    expect(store.getState().history.past.at(-1)?.label).toBe('Edit pitch (straightened 50 %)');
    expect(store.getState().notices.at(-1)?.text).toBe('Straightened 3 notes by 50 %.');
  });

  it("labels the line's notes where the moves put them, replacing the notes labelled before and no other label", async () => {
    const { store, services } = oneTrackStudio([melody()], RATE);
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    const trackId = line.trackId;
    store.getState().commit('Add a label', addLabel(store.getState().project, trackId, { start: 0, end: 10 }, 'intro'));
    labelLineNotes(services, line, inPitch([0, 0, 0]));
    labelLineNotes(services, line, inPitch([0, 170, 0]));
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

  it('cuts a note sung on two pitches in two, each with its own centre, and moves the second half alone', async () => {
    // E4 for 0.5 s, then 35 cents sharp for 0.5 s: one note to the finder (its nearest semitone stays E).
    let phase = 0;
    const sung = Float32Array.from({ length: RATE }, (_, i) => {
      phase += (2 * Math.PI * 440 * 2 ** ((64 + (i < 0.5 * RATE ? 0 : 0.35) - 69) / 12)) / RATE;
      return 0.1 * Math.sin(phase);
    });
    const { services } = oneTrackStudio([sung], RATE, { start: 0, end: RATE });
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    expect(line.notes).toHaveLength(1);
    expect(splitNote(line, inPitch([0]), 0, 0.03 * RATE, RATE)).toBeNull(); // a part under 60 ms
    const cut = splitNote(line, inPitch([20]), 0, 0.5 * RATE, RATE);
    if (!cut) throw new Error('not cut');
    expect(cut.line.notes.map((n) => Math.round(n.midi * 100) / 100)).toEqual([64, 64.35]);
    expect(cut.line.notes[0].end).toBe(cut.line.notes[1].start);
    expect(cut.moves.cents).toEqual([20, 20]); // each part keeps the note's move
    expect(await moveNotes(services, cut.line, inPitch([0, -35]), 0, runHere)).toBe(true);
    const after = await readLine(services, readHere);
    if (typeof after === 'string') throw new Error(after);
    expect(after.notes).toHaveLength(1);
    expect(Math.abs(after.notes[0].midi - 64)).toBeLessThan(0.03);
  });

  it('joins neighbouring notes into one, placed where the longest of them was', async () => {
    const { services } = oneTrackStudio([melody()], RATE, { start: 0, end: 1.2 * RATE });
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    expect(joinNotes(line, inPitch([0, 0, 0]), 1, 1)).toBeNull(); // one note is no join
    const joined = joinNotes(line, inPitch([0, 0, 100]), 1, 2);
    if (!joined) throw new Error('not joined');
    expect(joined.line.notes).toHaveLength(2);
    expect(joined.line.notes[1]).toMatchObject({ start: line.notes[1].start, end: line.notes[2].end });
    // E4 +30¢ was the longer (the tracker's frames stop before the audio's end, so G4 is shorter): the joined note
    // is placed there, not where G4 was moved to (G#4).
    const length = (n: { start: number; end: number }) => n.end - n.start;
    expect(length(line.notes[1])).toBeGreaterThan(length(line.notes[2]));
    const placed = joined.line.notes[1].midi + joined.moves.cents[1] / 100;
    expect(Math.abs(placed - line.notes[1].midi)).toBeLessThan(0.01);
  });

  it('moves a note in time in one undoable step, saying how far, its neighbours where they were', async () => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const sung = syllables(onsets);
    const { store, assets, services } = oneTrackStudio([sung], SYLLABLE_RATE);
    const line = await readLine(services, readHere);
    if (typeof line === 'string') throw new Error(line);
    expect(line.notes).toHaveLength(6);
    const later = line.notes.map((_, k) => (k === 2 ? Math.round(0.05 * SYLLABLE_RATE) : 0));
    expect(await moveNotes(services, line, { cents: later.map(() => 0), later }, 0, runHere)).toBe(true);
    const state = store.getState();
    expect(state.notices.at(-1)?.text).toMatch(/^Moved 1 note: D4( [+−]\d¢)? 50 ms later\.$/);
    const out = trackAudio(state.project.tracks[0], assets, { start: 0, end: sung.length })[0];
    starts(out).forEach((t, k) => expect(Math.abs(t - onsets[k] - (k === 2 ? 0.05 : 0))).toBeLessThan(0.01));
  });
});
