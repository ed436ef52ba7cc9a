/**
 * Save MIDI, as a DAW exports its MIDI tracks: every instrument track's notes where they play on the timeline (inside
 * each clip's trims) as a format 1 Standard MIDI File, a track for each with its name, a channel of its own (drums on
 * General MIDI's tenth) and its instrument's program, at the project's tempo and time signature.
 */
import { DRUM_CHANNEL } from '../dsp/notes';
import { INSTRUMENT_PROGRAMS } from '../dsp/instruments';
import { download } from '../export/export-audio';
import { type MidiPartOut, midiSong } from '../export/midi-file';
import { projectGrid } from '../project/tempo';
import type { NoteClip, Project, Track } from '../project/types';
import type { Services } from './services';

const MELODIC_CHANNELS = Array.from({ length: 16 }, (_, c) => c).filter((c) => c !== DRUM_CHANNEL);

export interface SongMidi {
  bytes: Uint8Array<ArrayBuffer>;
  parts: MidiPartOut[];
  /** Quarter notes a minute. */
  bpm: number;
}

/** The project's instrument tracks as a MIDI file; null where it has none. */
export function songMidi(project: Project): SongMidi | null {
  const rate = project.sampleRate;
  const tracks = project.tracks.filter((t) => t.clips.some((c) => c.part));
  if (tracks.length === 0) return null;
  let next = 0;
  const parts = tracks.map((track) => {
    const clips = track.clips.filter((c): c is NoteClip => c.part !== undefined);
    const drums = clips.every((c) => c.part.instrument === 'drums');
    // Channels in turn, the drums' left to them; past fifteen parts, channels are shared.
    const channel = drums ? DRUM_CHANNEL : MELODIC_CHANNELS[next++ % MELODIC_CHANNELS.length];
    return {
      name: track.name,
      channel,
      program: INSTRUMENT_PROGRAMS[clips[0].part.instrument],
      notes: clips.flatMap((c) => heardNotes(c, rate)).sort((a, b) => a.startSeconds - b.startSeconds),
    };
  });
  const grid = projectGrid(project);
  // A beat of the signature's unit (an eighth in 6/8) to quarter notes, as MIDI counts tempo.
  const bpm = grid ? (grid.bpm * 4) / grid.beatUnit : 120;
  const signature = grid ? ([grid.beatsPerBar, grid.beatUnit] as const) : ([4, 4] as const);
  return { bytes: midiSong(parts, bpm, signature), parts, bpm };
}

/** A clip's notes that start inside its trims, on the timeline (s), cut where the clip ends. */
function heardNotes(clip: NoteClip, rate: number) {
  const [from, to] = [clip.offset / rate, (clip.offset + clip.length) / rate];
  const shift = (clip.start - clip.offset) / rate;
  return clip.part.notes
    .filter((n) => n.startSeconds >= from && n.startSeconds < to)
    .map((n) => ({ ...n, startSeconds: n.startSeconds + shift, endSeconds: Math.min(n.endSeconds, to) + shift }));
}

export function saveSongMidi({ store }: Services): void {
  const { project, projectName } = store.getState();
  const song = songMidi(project);
  if (!song) {
    store.getState().notify('info', 'No instrument tracks to save as MIDI: import a MIDI file to make some.');
    return;
  }
  const fileName = `${projectName.replace(/[\\/:*?"<>|]/g, '_')}.mid`;
  download({ bytes: song.bytes.buffer, fileName, mimeType: 'audio/midi' });
  const notes = song.parts.reduce((n, p) => n + p.notes.length, 0);
  const tracks = song.parts.length === 1 ? '1 track' : `${song.parts.length} tracks`;
  store
    .getState()
    .notify(
      'info',
      `Saved ${tracks} of ${notes === 1 ? '1 note' : `${notes} notes`} as MIDI at ${Math.round(song.bpm * 100) / 100} BPM: ${fileName}.`,
    );
}

export const hasInstrumentTracks = (project: Project) => project.tracks.some((t: Track) => t.clips.some((c) => c.part));
