/**
 * Imports a MIDI file as instrument tracks, as a DAW does: a track for each part (a MIDI track's channel), its notes
 * played by the built-in instrument nearest its General MIDI program; a project without a tempo of its own takes the
 * file's tempo and time signature, so its bars line up with the notes. One undo step; a broken file changes nothing.
 */
import { newNoteClip } from '../app/instrument';
import type { Services } from '../app/services';
import { INSTRUMENT_NAMES, type Instrument, instrumentOf, renderLength } from '../dsp/instruments';
import { DRUM_CHANNEL, type MidiNote } from '../dsp/notes';
import { tempoProblem, withTempo } from '../project/tempo';
import { newTrack, type ProjectTempo, type Track } from '../project/types';
import { type MidiPart, type MidiSong, readMidi } from './midi-read';

export const isMidiFile = (file: File) => /\.(midi?|smf|kar)$/i.test(file.name) || /^audio\/(x-)?midi$/.test(file.type);

/** The most audio a MIDI file is played into, bytes (the parts' renders are kept like any recording's audio). */
export const MAX_MIDI_BYTES = 1024 ** 3;

export async function importMidiFile(services: Services, file: File, at = 0): Promise<boolean> {
  const { store, assets } = services;
  const refuse = (why: string) => {
    store.getState().notify('error', `"${file.name}" could not be imported: ${why}. The project is unchanged.`);
    return false;
  };
  let song: MidiSong;
  try {
    song = readMidi(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    return refuse(e instanceof Error ? e.message : String(e));
  }
  const rate = store.getState().project.sampleRate;
  const plans = song.parts.map((part) => planPart(part, rate, barSeconds(song)));
  const bytes = plans.reduce((sum, p) => sum + 4 * renderLength(p.notes, rate), 0);
  if (bytes > MAX_MIDI_BYTES) {
    const minutes = Math.round(Math.max(...song.parts.flatMap((p) => p.notes.map((n) => n.endSeconds))) / 60);
    const size = `${(bytes / 1024 ** 3).toFixed(1)} GB of audio at ${rate / 1000} kHz`;
    const parts = plans.length === 1 ? 'its one part' : `its ${plans.length} parts`;
    return refuse(`${parts} over ${minutes} minutes would play into ${size}, over the 1 GB played`);
  }
  store.getState().set({ busy: `Playing "${file.name}" on the built-in instruments…` });
  await new Promise((resolve) => setTimeout(resolve)); // the busy line drawn before the render holds the thread
  try {
    const project = store.getState().project;
    const start = Math.max(0, at);
    const names = partNames(song.parts);
    const tracks = plans.map((plan, i) => {
      const track = { ...newTrack(project.tracks.length + i), name: names[i] };
      const part = { instrument: plan.instrument, notes: plan.notes };
      return { ...track, clips: [newNoteClip(assets, names[i], start + plan.lead, part, rate)] } satisfies Track;
    });
    const tempo = project.tempo ?? songTempo(song, start);
    store
      .getState()
      .commit(`Import "${file.name}"`, withTempo({ ...project, tracks: [...project.tracks, ...tracks] }, tempo));
    const took =
      project.tempo || !tempo
        ? ''
        : ` The project's tempo is now the file's, ${tempo.bpm} BPM in ${tempo.beatsPerBar}/${tempo.beatUnit}.`;
    const heard = tracks.map((t) => {
      const played = INSTRUMENT_NAMES[t.clips[0].part!.instrument];
      return t.name === played ? played : `${t.name} (${played})`;
    });
    store.getState().notify('info', `"${file.name}" plays on the built-in instruments: ${heard.join('; ')}.${took}`);
    song.notes.forEach((n) => store.getState().notify('info', n));
    return true;
  } finally {
    store.getState().set({ busy: null });
  }
}

interface PartPlan {
  /** Samples from the song's start to the bar line before its first note, where its clip begins. */
  lead: number;
  notes: MidiNote[];
  instrument: Instrument;
}

/** A part's clip, planned: its notes from the bar its first note falls in (silence before it is not kept; the bar
 * line, so a note early in it can still be quantized earlier), on the instrument nearest its program. */
function planPart(part: MidiPart, rate: number, bar: number): PartPlan {
  const first = Math.min(...part.notes.map((n) => n.startSeconds));
  const lead = Math.floor(Math.floor(first / bar) * bar * rate);
  // Shifted by a whole number of samples, so each note starts on the sample it would from the song's start.
  const shift = (seconds: number) => seconds - lead / rate;
  const notes = part.notes.map((n) => ({ ...n, startSeconds: shift(n.startSeconds), endSeconds: shift(n.endSeconds) }));
  return { lead, notes, instrument: instrumentOf(part.program, part.channel) };
}

/** A bar of the song's opening tempo and time signature, s. */
const barSeconds = (song: MidiSong) => ((song.beatsPerBar * 4) / song.beatUnit) * (60 / song.bpm);

/** Each part's track name: its MIDI track's, else what plays it; a name two parts share gets their channels. */
function partNames(parts: readonly MidiPart[]): string[] {
  const names = parts.map(
    (p) => p.name ?? (p.channel === DRUM_CHANNEL ? 'Drums' : INSTRUMENT_NAMES[instrumentOf(p.program, p.channel)]),
  );
  return names.map((n, i) =>
    names.indexOf(n) === names.lastIndexOf(n) ? n : `${n} (channel ${parts[i].channel + 1})`,
  );
}

/** The song's opening tempo as the project's, in beats of its time signature (6/8 counts eighths); none out of
 * range. */
function songTempo(song: MidiSong, downbeat: number): ProjectTempo | undefined {
  const bpm = Math.round(((song.bpm * song.beatUnit) / 4) * 100) / 100;
  return tempoProblem(bpm) ? undefined : { bpm, beatsPerBar: song.beatsPerBar, beatUnit: song.beatUnit, downbeat };
}
