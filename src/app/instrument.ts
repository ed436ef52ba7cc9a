/**
 * Instrument tracks' commands: a track's note clips played on another instrument or moved by semitones (as a DAW's
 * instrument track changes its instrument or transposes its MIDI), a clip's notes edited in the piano roll, note clips
 * kept on their beats at a new tempo, a new empty part, and one note heard. Each plays the notes again into a new asset
 * (the old one kept for undo), the clip keeping its place, trims, fades and gain; one undo step.
 */
import { INSTRUMENT_NAMES, type Instrument, renderNotes } from '../dsp/instruments';
import type { MidiNote } from '../dsp/notes';
import { clipAtTempo } from '../project/note-tempo';
import { barLength, projectGrid } from '../project/tempo';
import { AssetStore } from '../project/asset-store';
import { type Clip, findClip, newId, newTrack, type NoteClip, type NotePart, type Project } from '../project/types';
import type { PreviewAudio } from './preview';
import type { Services } from './services';

/** Every note clip of the track played by `instrument`. */
export function setTrackInstrument(services: Services, trackId: string, instrument: Instrument) {
  replayTrack(services, trackId, `Instrument: ${INSTRUMENT_NAMES[instrument]}`, (part) => ({ ...part, instrument }));
}

/** Every note of the track's note clips `semitones` higher (lower where negative). */
export function transposeTrack(services: Services, trackId: string, semitones: number) {
  const { store } = services;
  const parts = noteClips(store.getState().project, trackId).map((c) => c.part);
  const problem = transposeProblem(parts, semitones);
  if (problem) {
    store.getState().notify('error', problem);
    return;
  }
  const label = `Transpose ${semitones > 0 ? '+' : '−'}${Math.abs(semitones)}`;
  replayTrack(services, trackId, label, (part) => ({
    ...part,
    notes: part.notes.map((n) => ({ ...n, note: n.note + semitones })),
  }));
}

/** Why the parts cannot move by `semitones`, in words; null when they can. */
export function transposeProblem(parts: readonly NotePart[], semitones: number): string | null {
  if (parts.some((p) => p.instrument === 'drums'))
    return 'Drums are not transposed: their notes are drums, not pitches.';
  const notes = parts.flatMap((p) => p.notes.map((n) => n.note + semitones));
  if (notes.some((n) => n < 0 || n > 127))
    return "Transposed that far, some notes would leave MIDI's range (C-1 to G9).";
  return null;
}

const noteClips = (project: Project, trackId: string) =>
  (project.tracks.find((t) => t.id === trackId)?.clips ?? []).filter((c): c is NoteClip => c.part !== undefined);

/** The clip playing `part`: the notes rendered into a new asset, never shorter than the clip's window. */
function played(assets: AssetStore, clip: Clip, part: NotePart, rate: number): NoteClip {
  const samples = renderNotes(part.notes, part.instrument, rate, clip.offset + clip.length);
  return { ...clip, assetId: assets.add([samples], rate).id, part };
}

function replayTrack(services: Services, trackId: string, label: string, change: (part: NotePart) => NotePart) {
  const { store, assets } = services;
  const { project } = store.getState();
  if (noteClips(project, trackId).length === 0) return;
  const replayed = (c: Clip) => (c.part ? played(assets, c, change(c.part), project.sampleRate) : c);
  store.getState().commit(label, {
    ...project,
    tracks: project.tracks.map((t) => (t.id === trackId ? { ...t, clips: t.clips.map(replayed) } : t)),
  });
}

/** The clip's notes replaced by `notes`, played again. A clip that showed its whole render shows the whole new one
 * (notes added past its end are heard; it never gets shorter); a trimmed one keeps its window. */
export function editClipNotes(services: Services, clipId: string, notes: MidiNote[], label: string) {
  const { store, assets } = services;
  const { project } = store.getState();
  const clip = findClip(project, clipId)?.clip;
  if (!clip?.part) return;
  const whole = clip.offset === 0 && clip.length === assets.get(clip.assetId).channels[0].length;
  const edited = played(assets, clip, { ...clip.part, notes }, project.sampleRate);
  if (whole) edited.length = assets.get(edited.assetId).channels[0].length;
  store.getState().commit(label, {
    ...project,
    tracks: project.tracks.map((t) => ({ ...t, clips: t.clips.map((c) => (c.id === clipId ? edited : c)) })),
  });
}

/** The clip the piano roll opens on: the selected note clip, else the first on the selected track, else the first. */
export function noteClipToEdit(project: Project, selectedClipIds: readonly string[], trackId?: string): string | null {
  const clips = project.tracks.flatMap((t) => t.clips.filter((c) => c.part).map((c) => ({ track: t.id, clip: c.id })));
  const pick =
    clips.find((c) => selectedClipIds.includes(c.clip)) ?? clips.find((c) => c.track === trackId) ?? clips[0];
  return pick?.clip ?? null;
}

/** Bars a new instrument track's empty part lasts (seconds where the project has no tempo). */
const NEW_PART = { bars: 4, seconds: 8 };

/** A new clip at timeline sample `start` playing `part` (its notes' times from `start`), `minLength` samples at
 * least. */
export function newNoteClip(
  assets: AssetStore,
  name: string,
  start: number,
  part: NotePart,
  rate: number,
  minLength = 0,
) {
  const samples = renderNotes(part.notes, part.instrument, rate, minLength);
  const asset = assets.add([samples], rate);
  return { id: newId(), assetId: asset.id, name, start, offset: 0, length: samples.length, part } satisfies NoteClip;
}

/** A new track holding an empty part on the piano, four bars long from the selection's start (else the playhead),
 * opened in the piano roll to write its notes: one undo step. */
export function newInstrumentTrack({ store, assets }: Services) {
  const state = store.getState();
  const { project } = state;
  const rate = project.sampleRate;
  const grid = projectGrid(project);
  const length = Math.round(grid ? NEW_PART.bars * barLength(grid, rate) : NEW_PART.seconds * rate);
  const at = state.selection?.start ?? state.playhead;
  const count = project.tracks.filter((t) => t.clips.some((c) => c.part)).length;
  const name = `Instrument ${count + 1}`;
  const clip = newNoteClip(assets, name, at, { instrument: 'piano', notes: [] }, rate, length);
  const track = { ...newTrack(project.tracks.length), name, clips: [clip] };
  state.commit('New instrument track', { ...project, tracks: [...project.tracks, track] });
  store.getState().set({ notesClip: clip.id, panel: 'pianoRoll' });
}

/** Notes heard in audio (the Pitch editor's line: times from the project's start) as a new instrument track on the
 * piano, as a DAW's audio-to-MIDI: its clip starts at the bar line before the first note (without a tempo, at 0 s).
 * One undo step; the piano roll opens on it. */
export function notesToInstrumentTrack({ store, assets }: Services, name: string, notes: readonly MidiNote[]) {
  if (notes.length === 0) return;
  const { project } = store.getState();
  const rate = project.sampleRate;
  const grid = projectGrid(project);
  const first = Math.min(...notes.map((n) => n.startSeconds)) * rate;
  const bar = grid && barLength(grid, rate);
  const start = bar ? Math.max(0, Math.round(grid.downbeat + Math.floor((first - grid.downbeat) / bar) * bar)) : 0;
  const shift = (seconds: number) => seconds - start / rate;
  const part: NotePart = {
    instrument: 'piano',
    notes: notes.map((n) => ({ ...n, startSeconds: shift(n.startSeconds), endSeconds: shift(n.endSeconds) })),
  };
  const clip = newNoteClip(assets, name, start, part, rate);
  const track = { ...newTrack(project.tracks.length), name, clips: [clip] };
  store.getState().commit('Notes to instrument track', { ...project, tracks: [...project.tracks, track] });
  store.getState().set({ notesClip: clip.id, panel: 'pianoRoll' });
}

/** The longest a note auditioned sounds, s (a long note is heard as its start). */
const AUDITION_SECONDS = 1;

/** What hearing one note of a clip plays: the note alone on its track (its effects, fader and pan heard, mute and solo
 * aside), on a scratch store so nothing reaches the project; null where the clip holds no notes. */
export function auditionAudio(project: Project, clipId: string, note: MidiNote): PreviewAudio | null {
  const found = findClip(project, clipId);
  if (!found?.clip.part) return null;
  const rate = project.sampleRate;
  const seconds = Math.min(AUDITION_SECONDS, note.endSeconds - note.startSeconds);
  const samples = renderNotes([{ ...note, startSeconds: 0, endSeconds: seconds }], found.clip.part.instrument, rate);
  const assets = new AssetStore();
  const asset = assets.add([samples], rate);
  const clip: Clip = {
    id: newId(),
    assetId: asset.id,
    name: found.clip.name,
    start: 0,
    offset: 0,
    length: samples.length,
  };
  const track = { ...found.track, mute: false, solo: false, clips: [clip] };
  return { project: { ...project, tracks: [track] }, assets, heard: { start: 0, end: samples.length } };
}

/** Plays one note of the clip (the piano roll's click), unless the project is playing. */
export async function auditionNote({ store, player }: Services, clipId: string, note: MidiNote): Promise<void> {
  if (store.getState().playing) return;
  const audio = auditionAudio(store.getState().project, clipId, note);
  if (audio) await player.preview(audio.project, audio.assets, audio.heard);
}

/** The project with every note clip kept on its beats at a tempo `ratio` times as slow a beat, around timeline sample
 * `downbeat` (src/project/note-tempo.ts), played again; audio clips keep their time. */
export function notesAtTempo(project: Project, assets: AssetStore, ratio: number, downbeat: number): Project {
  if (ratio === 1 || !project.tracks.some((t) => t.clips.some((c) => c.part))) return project;
  const rate = project.sampleRate;
  const follow = (clip: Clip): Clip => {
    if (!clip.part) return clip;
    const moved = clipAtTempo(clip as NoteClip, ratio, downbeat);
    return played(assets, moved, moved.part, rate);
  };

  return { ...project, tracks: project.tracks.map((t) => ({ ...t, clips: t.clips.map(follow) })) };
}
