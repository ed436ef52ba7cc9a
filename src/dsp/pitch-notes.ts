/**
 * The notes of a sung or played line, and each moved on its own, as Melodyne's blobs: the pitch track
 * (src/dsp/pitch-track.ts) is cut where the voice stops or settles on another semitone (held until it is 20 cents
 * nearer the next, as Correct pitch holds its notes), a note is its span and its median pitch, and a note moved by some
 * cents (and straightened: drawn towards its centre) is shifted by TD-PSOLA (src/dsp/psola.ts) with 10 ms ramps at
 * its edges; what lies outside the moved notes comes back bit for bit. The notes also tell the line's key.
 */
import { toMono } from './channels';
import { bestKey, PITCH_CLASSES } from './key';
import { midiOf } from './notes';
import { type Key, nearestNote } from './pitch-correct';
import { type PitchTrack, pitchAt, trackPitch } from './pitch-track';
import { shiftPitchAlong } from './psola';
import { warpChannels } from './time-stretch';

export interface SungNote {
  /** Samples from the audio's start. */
  start: number;
  end: number;
  /** Its median pitch as a MIDI note number, fractional (69.3: A4 30 cents sharp). */
  midi: number;
}

/** A note's move: a span of the timeline (samples), by how much (cents), and how far (%) its pitch is drawn to its
 * centre (`midi`, the note's median as found). */
export interface NoteShift {
  start: number;
  end: number;
  cents: number;
  midi: number;
  straighten?: number;
  /** How much later it sounds, samples (negative: earlier), as Melodyne's timing tool: the note keeps its length and
   * the stretches between the notes given are stretched or squeezed to make room. */
  later?: number;
}

/** A line's notes and the pitch track they were found in. */
export interface LineNotes {
  notes: SungNote[];
  track: PitchTrack;
}

/** The notes of `channels` (mixed to one) and their pitch track. */
export function lineNotes(channels: Float32Array[], rate: number): LineNotes {
  const track = trackPitch(toMono(channels), rate);
  return { notes: findNotes(track, channels[0]?.length ?? 0, rate), track };
}

export const MIN_NOTE_SECONDS = 0.06;
/** A line with fewer pitch classes than this says too little about its key. */
const LEAST_PITCH_CLASSES = 4;

/** The key a line's notes are in (Krumhansl-Schmuckler on their pitch classes, each weighted by how long it is
 * sung), or null where they are too few to tell. */
export function keyOfNotes(notes: readonly SungNote[]): Key | null {
  const profile = new Float64Array(12);
  for (const n of notes) profile[((Math.round(n.midi) % 12) + 12) % 12] += n.end - n.start;
  if (profile.filter((v) => v > 0).length < LEAST_PITCH_CLASSES) return null;
  const key = bestKey(profile);
  return { tonic: (PITCH_CLASSES as readonly string[]).indexOf(key.tonic), mode: key.mode };
}

const RAMP_SECONDS = 0.01;
const CHROMATIC = { tonic: null, mode: 'major', speedMs: 0, strength: 100 } as const;

/** The notes of `track` (of audio `length` samples long), in order; a stretch shorter than 60 ms is not a note. */
export function findNotes(track: PitchTrack, length: number, rate: number): SungNote[] {
  const notes: SungNote[] = [];
  let run: number[] = [];
  let runStart = 0;
  let held: number | undefined;
  const close = (endFrame: number) => {
    const span = noteSpan(track, runStart, endFrame, length);
    if (run.length && span.end - span.start >= MIN_NOTE_SECONDS * rate) {
      const sorted = run.slice().sort((a, b) => a - b);
      notes.push({ ...span, midi: sorted[Math.floor(sorted.length / 2)] });
    }
    run = [];
  };
  for (let f = 0; f < track.hz.length; f++) {
    const hz = track.hz[f];
    const note = hz > 0 ? nearestNote(midiOf(hz), CHROMATIC, held) : undefined;
    if (note !== held || hz === 0) {
      close(f);
      runStart = f;
    }
    held = note;
    if (hz > 0) run.push(midiOf(hz));
  }
  close(track.hz.length);
  return notes;
}

/** The median pitch (MIDI, fractional) of the voiced frames whose centres lie in [start, end) (samples of the
 * track's audio), or null where none has a pitch: a note cut or joined by hand gets its centre from its own frames. */
export function spanMidi(track: PitchTrack, start: number, end: number): number | null {
  const heard: number[] = [];
  track.hz.forEach((hz, f) => {
    const centre = track.offset + f * track.hop;
    if (hz > 0 && centre >= start && centre < end) heard.push(midiOf(hz));
  });
  heard.sort((a, b) => a - b);
  return heard.length ? heard[Math.floor(heard.length / 2)] : null;
}

/** Frames [first, end) as samples, from half a hop before the first frame's centre to half a hop after the last's. */
function noteSpan(track: PitchTrack, first: number, end: number, length: number) {
  const at = (frame: number) => Math.round(track.offset + (frame - 0.5) * track.hop);
  return { start: Math.max(0, at(first)), end: Math.min(length, at(end)) };
}

/** The channels (starting at timeline sample `start`) with each note in `shifts` moved by its cents and
 * straightened: its pitch drawn towards the note's centre (its median, `midi`) by `straighten` %, as Melodyne's pitch
 * drift, so a wobble or a vibrato is flattened (100 %) or narrowed (50 %) and a clean note is left as it is. */
export function shiftNotes(channels: Float32Array[], rate: number, shifts: NoteShift[], start: number): Float32Array[] {
  const tuned = tuneNotes(channels, rate, shifts, start);
  return shifts.some((s) => s.later) ? retimeNotes(tuned, rate, shifts, start) : tuned;
}

/** Where a time map moves the notes: pairs of a sample of the audio and where it goes (its edges fixed), in order.
 * Null where a move would put a note over its neighbour or out of the audio. */
export function timeAnchors(shifts: readonly NoteShift[], start: number, length: number): [number, number][] | null {
  const anchors: [number, number][] = [[0, 0]];
  for (const s of [...shifts].sort((a, b) => a.start - b.start)) {
    const later = s.later ?? 0;
    anchors.push([s.start - start, s.start - start + later], [s.end - start, s.end - start + later]);
  }
  anchors.push([length, length]);
  const inOrder = anchors.every(([from, to], k) => k === 0 || (from >= anchors[k - 1][0] && to > anchors[k - 1][1]));
  return inOrder ? anchors.filter(([from], k) => k === 0 || from > anchors[k - 1][0]) : null;
}

/** The notes moved in time: the audio read along the anchors' map by WSOLA where the map moves it, its samples kept
 * bit for bit between anchors the map leaves where they were. */
function retimeNotes(tuned: Float32Array[], rate: number, shifts: readonly NoteShift[], start: number): Float32Array[] {
  const length = tuned[0]?.length ?? 0;
  const anchors = timeAnchors(shifts, start, length);
  if (!anchors) throw new Error('A note cannot be moved over its neighbour or out of the selection.');
  const readAt = (t: number) => {
    let k = 1;
    while (k < anchors.length - 1 && anchors[k][1] <= t) k++;
    const [[fromA, toA], [fromB, toB]] = [anchors[k - 1], anchors[k]];
    return fromA + ((t - toA) * (fromB - fromA)) / (toB - toA);
  };
  const warped = warpChannels(tuned, length, readAt, rate);
  // Stretches the map leaves in place (both ends where they were) come back as they were.
  for (let k = 1; k < anchors.length; k++) {
    const [[fromA, toA], [fromB, toB]] = [anchors[k - 1], anchors[k]];
    if (fromA !== toA || fromB !== toB) continue;
    warped.forEach((w, c) => w.set(tuned[c].subarray(fromA, fromB), fromA));
  }
  return warped;
}

function tuneNotes(channels: Float32Array[], rate: number, shifts: NoteShift[], start: number): Float32Array[] {
  const moved = shifts.filter((s) => s.cents !== 0 || (s.straighten ?? 0) > 0);
  if (!moved.length) return channels.map((ch) => ch.slice());
  const track = trackPitch(toMono(channels), rate);
  const ramp = RAMP_SECONDS * rate;
  const ratioAt = (position: number) => {
    const t = position + start;
    const shift = moved.find((s) => t >= s.start && t < s.end);
    if (!shift) return 1;
    const edge = Math.min(1, (t - shift.start) / ramp, (shift.end - t) / ramp);
    const hz = pitchAt(track, position);
    const drift = hz > 0 && shift.straighten ? (shift.straighten / 100) * 100 * (shift.midi - midiOf(hz)) : 0;
    const cents = (shift.cents + drift) * edge;
    return cents === 0 ? 1 : 2 ** (cents / 1200);
  };
  return shiftPitchAlong(channels, rate, track, ratioAt);
}
