/**
 * Edits of a note part, as a DAW's piano roll makes them: notes moved in time and pitch, lengthened, added and
 * deleted, on a grid of the project's tempo (a sixteenth of a beat) or, without one, of 50 ms. Times are seconds
 * from the clip's asset's first sample; pure, so the piano roll and its tests share them.
 */
import type { MidiNote } from '../dsp/notes';
import { type BeatGrid, beatLength } from './tempo';

/** The shortest note an edit leaves, s. */
export const MIN_NOTE_SECONDS = 0.02;
const FREE_STEP_SECONDS = 0.05;

/** A piano roll's grid: its step and where the first step falls, s from the part's start. */
export interface NoteGrid {
  step: number;
  phase: number;
}

/** Where the grid's steps fall for a part whose asset starts at timeline sample `assetStart`. */
export function noteGrid(grid: BeatGrid | null, rate: number, assetStart: number): NoteGrid {
  if (!grid) return { step: FREE_STEP_SECONDS, phase: 0 };
  const step = beatLength(grid, rate) / 4 / rate;
  const phase = ((((grid.downbeat - assetStart) / rate) % step) + step) % step;
  return { step, phase };
}

/** `seconds` on the nearest step of the grid (never before 0). */
export function snapSeconds(seconds: number, grid: NoteGrid): number {
  const k = Math.round((seconds - grid.phase) / grid.step);
  const snapped = grid.phase + k * grid.step;
  return snapped < 0 ? grid.phase : snapped;
}

/** The notes at `indices` moved `seconds` later and `semitones` higher; the move shortened so none starts before
 * 0 s or leaves MIDI's 0-127. */
export function moveNotes(
  notes: readonly MidiNote[],
  indices: ReadonlySet<number>,
  seconds: number,
  semitones: number,
) {
  const moving = notes.filter((_, i) => indices.has(i));
  if (moving.length === 0) return [...notes];
  const earliest = Math.min(...moving.map((n) => n.startSeconds));
  const [low, high] = [Math.min(...moving.map((n) => n.note)), Math.max(...moving.map((n) => n.note))];
  const dt = Math.max(seconds, -earliest);
  const dn = Math.min(Math.max(semitones, -low), 127 - high);
  return notes.map((n, i) =>
    indices.has(i) ? { ...n, startSeconds: n.startSeconds + dt, endSeconds: n.endSeconds + dt, note: n.note + dn } : n,
  );
}

/** Note `index` ending at `endSeconds` (no shorter than MIN_NOTE_SECONDS). */
export function resizeNote(notes: readonly MidiNote[], index: number, endSeconds: number): MidiNote[] {
  return notes.map((n, i) =>
    i === index ? { ...n, endSeconds: Math.max(n.startSeconds + MIN_NOTE_SECONDS, endSeconds) } : n,
  );
}

/** The notes with `note` among them, in the order they start; and where it went. */
export function addNote(notes: readonly MidiNote[], note: MidiNote): { notes: MidiNote[]; index: number } {
  const sorted = [...notes, note].sort((a, b) => a.startSeconds - b.startSeconds || a.note - b.note);
  return { notes: sorted, index: sorted.indexOf(note) };
}

export const deleteNotes = (notes: readonly MidiNote[], indices: ReadonlySet<number>) =>
  notes.filter((_, i) => !indices.has(i));

/** The notes in the order they start (a move can pass one over another); `indices` followed to their new places. */
export function sortNotes(notes: readonly MidiNote[], indices: ReadonlySet<number>) {
  const order = notes
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.startSeconds - b.n.startSeconds || a.n.note - b.n.note);
  return {
    notes: order.map((o) => o.n),
    indices: new Set(order.flatMap((o, k) => (indices.has(o.i) ? [k] : []))),
  };
}

/** The notes at `indices` (every note where none are) started on the nearest step of the grid, their lengths kept,
 * as a DAW quantizes MIDI. */
export function quantizeNotes(notes: readonly MidiNote[], indices: ReadonlySet<number>, grid: NoteGrid): MidiNote[] {
  return notes.map((n, i) => {
    if (indices.size > 0 && !indices.has(i)) return n;
    const start = snapSeconds(n.startSeconds, grid);
    return { ...n, startSeconds: start, endSeconds: start + (n.endSeconds - n.startSeconds) };
  });
}

/** The notes at `indices` copied right after themselves (a whole number of grid steps on, as long as their span), as
 * a DAW's Duplicate; and where the copies went. */
export function duplicateNotes(notes: readonly MidiNote[], indices: ReadonlySet<number>, grid: NoteGrid) {
  const chosen = notes.filter((_, i) => indices.has(i));
  if (chosen.length === 0) return { notes: [...notes], indices: new Set<number>() };
  const span = Math.max(...chosen.map((n) => n.endSeconds)) - Math.min(...chosen.map((n) => n.startSeconds));
  const shift = Math.max(1, Math.ceil(span / grid.step - 1e-9)) * grid.step;
  const copies = chosen.map((n) => ({ ...n, startSeconds: n.startSeconds + shift, endSeconds: n.endSeconds + shift }));
  const all = [...notes, ...copies];
  return sortNotes(all, new Set(copies.map((_, k) => notes.length + k)));
}

/** The notes that cross the box from `from` to `to` seconds and from note `low` to `high`. */
export function notesInBox(notes: readonly MidiNote[], from: number, to: number, low: number, high: number) {
  return new Set(
    notes.flatMap((n, i) => (n.endSeconds > from && n.startSeconds < to && n.note >= low && n.note <= high ? [i] : [])),
  );
}
