/** The Pitch editor's commands, as Melodyne's note editing: the notes of the line selected on one track are found in
 * the analysis worker (src/dsp/pitch-notes.ts), and the notes the user moved are shifted there in one undoable step. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { analysis, answerValue, transferred } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import { type LineNotes, MIN_NOTE_SECONDS, spanMidi, type SungNote } from '../dsp/pitch-notes';
import type { PitchTrack } from '../dsp/pitch-track';
import { type MidiNote, pitchText } from '../dsp/notes';
import { trackAudio } from '../project/generated-ops';
import type { EffectRunner } from '../project/process-ops';
import type { Project, SampleRange } from '../project/types';
import { projectGrid } from '../project/tempo';
import { midiFile } from '../export/midi-file';
import { download } from '../export/export-audio';
import { labelNotes } from '../project/label-ops';
import { runEffect } from './effects';
import { notesToInstrumentTrack } from './instrument';
import { togglePreview } from './preview';
import type { EffectSpec } from '../project/effects';
import type { Services } from './services';

/** The line being edited: the selection on one track, its notes (timeline samples) and its pitch track (samples from
 * the range's start). */
export interface EditedLine {
  trackId: string;
  range: SampleRange;
  notes: SungNote[];
  track: PitchTrack;
}

export type LineReader = (channels: Float32Array[], sampleRate: number) => Promise<LineNotes>;

/** What the user did to a line's notes, note by note: moved in pitch (cents) and in time (samples later; negative:
 * earlier). */
export interface NoteMoves {
  cents: readonly number[];
  later: readonly number[];
}

/** No note moved. */
export const unmoved = (line: Pick<EditedLine, 'notes'>): NoteMoves => ({
  cents: line.notes.map(() => 0),
  later: line.notes.map(() => 0),
});

/** Where a note of the line sounds after the moves: its span on the timeline and its pitch (MIDI, fractional). */
export const placed = (line: EditedLine, moves: NoteMoves, i: number) => {
  const [note, later] = [line.notes[i], moves.later[i] ?? 0];
  return { start: note.start + later, end: note.end + later, midi: note.midi + (moves.cents[i] ?? 0) / 100 };
};

export const lineInWorker: LineReader = (channels, sampleRate) =>
  answerValue(analysis().lineNotes(transferred(channels), sampleRate));

/** The longest line the editor reads, s: its notes must stay wide enough to grab. */
export const LONGEST_LINE_SECONDS = 60;

/** The line under the selection, or a sentence saying why there is none to edit. */
export async function readLine(services: Services, read: LineReader = lineInWorker): Promise<EditedLine | string> {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const trackIds = targetTrackIds(state);
  const track = state.project.tracks.find((t) => t.id === trackIds[0]);
  if (!range || !track) return 'Select a sung or played line on a track.';
  if (trackIds.length > 1) return 'Select a line on one track: the Pitch editor edits one at a time.';
  const rate = state.project.sampleRate;
  if (range.end - range.start > LONGEST_LINE_SECONDS * rate)
    return `Select at most ${LONGEST_LINE_SECONDS} s: a phrase or a verse at a time.`;
  const line = await read(trackAudio(track, assets, range), rate);
  const notes = line.notes.map((n) => ({ ...n, start: n.start + range.start, end: n.end + range.start }));
  return { trackId: track.id, range, notes, track: line.track };
}

/** The line's notes, where the moves put them, as labels on its track named for their pitch ("E4 +30¢"), replacing
 * the notes labelled there before, in one undo step: Labels .txt then writes them as Audacity reads them. */
export function labelLineNotes({ store }: Services, line: EditedLine, moves: NoteMoves): void {
  const state = store.getState();
  const track = state.project.tracks.find((t) => t.id === line.trackId);
  if (!track) {
    state.notify('error', 'The track of these notes is gone: select a line again.');
    return;
  }
  const notes = line.notes.map((_, i) => placed(line, moves, i)).map((n) => ({ ...n, name: pitchText(n.midi) }));
  const names = notes.map((n) => n.name);
  state.commit(`Label notes (${notes.length})`, labelNotes(state.project, track.id, line.range, notes));
  const listed = names.slice(0, 6).join(', ') + (names.length > 6 ? ', …' : '');
  store.getState().notify('info', `Labelled ${plural(notes.length, 'note')} on "${track.name}": ${listed}.`);
}

const LINE_VELOCITY = 96;

/** The line's notes where the moves put them, as MIDI notes (nearest semitones), times from the project's start. */
export function placedLineNotes(rate: number, line: EditedLine, moves: NoteMoves): MidiNote[] {
  return line.notes.map((_, i) => {
    const n = placed(line, moves, i);
    return {
      startSeconds: n.start / rate,
      endSeconds: n.end / rate,
      note: Math.round(n.midi),
      velocity: LINE_VELOCITY,
    };
  });
}

/** The line's notes, where the moves put them, as a MIDI file at the project's tempo (120 BPM without one), times from
 * the project's start; named for the track. */
export function lineMidi(project: Project, line: EditedLine, moves: NoteMoves): MidiExport {
  const bpm = projectGrid(project)?.bpm ?? 120;
  const notes = placedLineNotes(project.sampleRate, line, moves);
  const name = project.tracks.find((t) => t.id === line.trackId)?.name ?? 'line';
  const bytes = midiFile(notes, bpm);
  return { bytes: bytes.buffer as ArrayBuffer, fileName: `${name} notes.mid`, mimeType: 'audio/midi', bpm };
}

/** Hands the line's notes, where the moves put them, to the browser as a MIDI file, and says so. */
export function saveLineMidi({ store }: Services, line: EditedLine, moves: NoteMoves): void {
  const file = lineMidi(store.getState().project, line, moves);
  download(file);
  store
    .getState()
    .notify('info', `Saved ${plural(line.notes.length, 'note')} as MIDI at ${file.bpm} BPM: ${file.fileName}.`);
}

export interface MidiExport {
  bytes: ArrayBuffer;
  fileName: string;
  mimeType: string;
  bpm: number;
}

/** The edit the moves ask for: each moved note by its cents and its time, and every note straightened by
 * `straighten` % (0: none); every note is in it where any is moved in time or straightened (the notes left in place
 * hold their neighbours where they are); null where nothing would change. */
export function noteEdit(line: EditedLine, moves: NoteMoves, straighten = 0) {
  const edits = line.notes.map((note, i) => ({
    note,
    cents: Math.round(moves.cents[i] ?? 0),
    later: Math.round(moves.later[i] ?? 0),
  }));
  const moved = edits.filter((e) => e.cents !== 0 || e.later !== 0);
  const retimed = moved.some((e) => e.later !== 0);
  if (!moved.length && straighten <= 0) return null;
  const spec: EffectSpec = {
    kind: 'shiftNotes',
    shifts: (straighten > 0 || retimed ? edits : moved).map(({ note, cents, later }) => ({
      start: note.start,
      end: note.end,
      cents,
      midi: note.midi,
      ...(straighten > 0 && { straighten }),
      ...(later !== 0 && { later }),
    })),
  };
  const first = Math.min(...moved.map((e) => Math.min(e.note.start, e.note.start + e.later)), spec.shifts[0].start);
  return { spec, moved, count: edits.length, first };
}

/** A move in words: "E4 +30¢ to F#4", "C4 40 ms later", "G4 to G#4, 10 ms earlier". */
function moveText({ note, cents, later }: { note: SungNote; cents: number; later: number }, rate: number): string {
  const ms = Math.round((1000 * Math.abs(later)) / rate);
  const when = later ? `${ms} ms ${later > 0 ? 'later' : 'earlier'}` : '';
  if (!cents) return `${pitchText(note.midi)} ${when}`;
  return `${pitchText(note.midi)} to ${pitchText(note.midi + cents / 100)}${when ? `, ${when}` : ''}`;
}

/** Plays the line with the moves (from just before the first note changed, PREVIEW_SECONDS of it), the project left
 * as it is; again to stop. */
export async function previewNotes(services: Services, line: EditedLine, moves: NoteMoves, straighten = 0) {
  const edit = noteEdit(line, moves, straighten);
  if (!edit) return;
  services.store.getState().selectRange({ ...line.range, trackIds: [line.trackId] });
  await togglePreview(
    services,
    edit.spec,
    edit.first - Math.round(LEAD_IN_SECONDS * services.store.getState().project.sampleRate),
  );
}

const LEAD_IN_SECONDS = 0.5;

/** Moves each note of `line` as `moves` says (in pitch and in time; 0: left alone) and straightens every note by
 * `straighten` % (0: none), in one undoable step; says what changed. False where nothing would change or the project
 * changed meanwhile (said). */
export async function moveNotes(
  services: Services,
  line: EditedLine,
  moves: NoteMoves,
  straighten = 0,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  const { store } = services;
  const edit = noteEdit(line, moves, straighten);
  if (!edit) return false;
  if (!store.getState().project.tracks.some((t) => t.id === line.trackId)) {
    store.getState().notify('error', 'The track of these notes is gone: select a line again.');
    return false;
  }
  store.getState().selectRange({ ...line.range, trackIds: [line.trackId] });
  if (!(await runEffect(services, edit.spec, undefined, run))) return false;
  const { moved } = edit;
  const rate = store.getState().project.sampleRate;
  const said = moved
    .slice(0, 3)
    .map((m) => moveText(m, rate))
    .join('; ');
  const more = moved.length > 3 ? ` and ${moved.length - 3} more` : '';
  const parts = [
    moved.length ? `Moved ${plural(moved.length, 'note')}: ${said}${more}` : '',
    straighten > 0
      ? `${moved.length ? 'straightened' : 'Straightened'} ${plural(edit.count, 'note')} by ${straighten} %`
      : '',
  ];
  store.getState().notify('info', `${parts.filter(Boolean).join('; ')}.`);
  return true;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A line's notes as edited by hand (cut in two, or joined), with each note's moves. */
export interface NoteLayout {
  line: EditedLine;
  moves: NoteMoves;
}

/** Note `index` cut in two at timeline sample `at` (as Melodyne's note separation: a note sung on two pitches), each
 * half its own note with its own centre and the shift the note had; null where either half would be shorter than a
 * note can be or hold no pitch. */
export function splitNote(
  line: EditedLine,
  moves: NoteMoves,
  index: number,
  at: number,
  rate: number,
): NoteLayout | null {
  const note = line.notes[index];
  const least = MIN_NOTE_SECONDS * rate;
  if (!note || at - note.start < least || note.end - at < least) return null;
  const [first, second] = [centred(line, note.start, at), centred(line, at, note.end)];
  if (!first || !second) return null;
  const [cents, later] = [moves.cents[index] ?? 0, moves.later[index] ?? 0];
  return {
    line: { ...line, notes: line.notes.toSpliced(index, 1, first, second) },
    moves: {
      cents: moves.cents.toSpliced(index, 1, cents, cents),
      later: moves.later.toSpliced(index, 1, later, later),
    },
  };
}

/** Notes `first` to `last` joined into one (a note the finder cut where the voice wavered), its centre from its own
 * frames, placed (in pitch and time) where the longest of them was; null unless at least two notes are joined. */
export function joinNotes(line: EditedLine, moves: NoteMoves, first: number, last: number): NoteLayout | null {
  const parts = line.notes.slice(first, last + 1);
  if (first < 0 || parts.length < 2) return null;
  const joined = centred(line, parts[0].start, parts[parts.length - 1].end);
  if (!joined) return null;
  const longest = parts.reduce((k, n, i) => (n.end - n.start > parts[k].end - parts[k].start ? i : k), 0);
  const at = placed(line, moves, first + longest);
  const cents = Math.round((at.midi - joined.midi) * 100);
  return {
    line: { ...line, notes: line.notes.toSpliced(first, parts.length, joined) },
    moves: {
      cents: moves.cents.toSpliced(first, parts.length, cents),
      later: moves.later.toSpliced(first, parts.length, moves.later[first + longest] ?? 0),
    },
  };
}

/** A note over [start, end) of the timeline with its median pitch, or null where it has none. */
function centred(line: EditedLine, start: number, end: number): SungNote | null {
  const midi = spanMidi(line.track, start - line.range.start, end - line.range.start);
  return midi === null ? null : { start, end, midi };
}

/** The line's notes, where the moves put them, as a new instrument track (the piano) named for its track. */
export function lineToInstrument(services: Services, line: EditedLine, moves: NoteMoves): void {
  const { project } = services.store.getState();
  const name = `${project.tracks.find((t) => t.id === line.trackId)?.name ?? 'line'} notes`;
  notesToInstrumentTrack(services, name, placedLineNotes(project.sampleRate, line, moves));
}
