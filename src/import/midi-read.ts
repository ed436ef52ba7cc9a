/**
 * Reads a Standard MIDI File (format 0, 1 or 2; ticks a quarter note or SMPTE frames) into parts of notes, as a DAW
 * imports MIDI onto instrument tracks: one part for each track and channel that plays notes, times in seconds through
 * the file's tempo map, with the tempo and time signature it starts in.
 */
import type { MidiNote } from '../dsp/notes';

export interface MidiPart {
  /** The track's name where the file gives one. */
  name?: string;
  /** 0-15; 9 is General MIDI's drums. */
  channel: number;
  /** The General MIDI program (0-127) set on its channel before its first note; 0 (a piano) where none is. */
  program: number;
  /** In the order they start. */
  notes: MidiNote[];
}

export interface MidiSong {
  parts: MidiPart[];
  /** The tempo at the first tick (120 where the file sets none), quarter notes a minute. */
  bpm: number;
  /** The time signature at the first tick (4/4 where the file sets none). */
  beatsPerBar: number;
  beatUnit: number;
  /** Said to the user: what was left out or assumed. */
  notes: string[];
}

/** A file that is not MIDI, or is broken: the message says which and why. */
export class MidiError extends Error {
  override name = 'MidiError';
}

/** The most notes read, so a runaway file cannot fill memory. */
export const MAX_MIDI_NOTES = 200_000;

/** Whether the bytes start as a MIDI file does. */
export const isMidiBytes = (bytes: Uint8Array) => ascii(bytes, 0, 4) === 'MThd';

export function readMidi(bytes: Uint8Array): MidiSong {
  if (!isMidiBytes(bytes)) throw new MidiError('it is not a MIDI file (no "MThd" header)');
  const headerLength = new ByteReader(bytes, 0).uint32At(4);
  const reader = new ByteReader(bytes, 8);
  if (headerLength < 6) throw new MidiError(`its header is ${headerLength} bytes long, not 6`);
  const format = reader.uint16();
  const trackCount = reader.uint16();
  const division = reader.uint16();
  if (format > 2) throw new MidiError(`its format is ${format}; MIDI files are format 0, 1 or 2`);
  const chunks = trackChunks(bytes, 8 + headerLength, trackCount);
  const tracks = chunks.map((chunk) => readTrackEvents(chunk));
  const tempos = tracks.flatMap((t) => t.tempos).sort((a, b) => a.tick - b.tick);
  // Format 2 tracks are separate songs, each with its own tempos; the first one's map is used for all (rare files).
  const seconds = tickClock(division, format === 2 ? (tracks[0]?.tempos ?? []) : tempos);
  const parts = tracks.flatMap((t) => partsOf(t, seconds));
  const count = parts.reduce((n, p) => n + p.notes.length, 0);
  if (count === 0) throw new MidiError('it has no notes');
  if (count > MAX_MIDI_NOTES) throw new MidiError(`it has ${count} notes, more than ${MAX_MIDI_NOTES} are read`);
  const signature = tracks.flatMap((t) => t.signatures).sort((a, b) => a.tick - b.tick)[0];
  const notes = chunks.length < trackCount ? [`${trackCount - chunks.length} of its tracks were missing.`] : [];
  return {
    parts,
    // To a thousandth: microseconds a quarter cannot hold 90 BPM exactly (666,667 is 89.99996).
    bpm: Math.round(60_000_000_000 / (tempos.find((t) => t.tick === 0)?.microsPerQuarter ?? 500_000)) / 1000,
    beatsPerBar: signature?.tick === 0 ? signature.beatsPerBar : 4,
    beatUnit: signature?.tick === 0 ? signature.beatUnit : 4,
    notes,
  };
}

interface TempoChange {
  tick: number;
  microsPerQuarter: number;
}

interface TrackEvents {
  name?: string;
  tempos: TempoChange[];
  signatures: { tick: number; beatsPerBar: number; beatUnit: number }[];
  /** Note-ons (velocity 0 counted as note-off), note-offs and program changes, in order. */
  events: { tick: number; kind: 'on' | 'off' | 'program'; channel: number; data: number; velocity: number }[];
  /** Its last tick: a note never let go ends here. */
  end: number;
}

/** The MTrk chunks' bodies (other chunks skipped, as the standard asks); a file cut short keeps what it has. */
function trackChunks(bytes: Uint8Array, from: number, count: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = from;
  while (chunks.length < count && at + 8 <= bytes.length) {
    const length = new ByteReader(bytes, at).uint32At(4);
    const body = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length));
    if (ascii(bytes, at, 4) === 'MTrk') chunks.push(body);
    at += 8 + length;
  }
  if (chunks.length === 0) throw new MidiError('it has no tracks (the file may be cut short)');
  return chunks;
}

/** Data bytes after each channel status (high nibble): 0xC0 and 0xD0 take one, the rest two. */
const dataBytes = (status: number) => ((status & 0xf0) === 0xc0 || (status & 0xf0) === 0xd0 ? 1 : 2);

function readTrackEvents(chunk: Uint8Array): TrackEvents {
  const track: TrackEvents = { tempos: [], signatures: [], events: [], end: 0 };
  const reader = new ByteReader(chunk, 0);
  let tick = 0;
  let running = 0;
  while (!reader.done()) {
    tick += reader.variableLength();
    const first = reader.uint8();
    if (first === 0xff) {
      const type = reader.uint8();
      const data = reader.bytes(reader.variableLength());
      if (type === 0x2f) break;
      readMeta(track, tick, type, data);
      continue;
    }
    if (first === 0xf0 || first === 0xf7) {
      reader.bytes(reader.variableLength()); // system exclusive: nothing a note needs
      continue;
    }
    // A data byte where a status should be: the last status again ("running status").
    const status = first & 0x80 ? first : running;
    if (!(status & 0x80)) throw new MidiError(`a track has a data byte (${first}) before any status`);
    running = status;
    const data = first & 0x80 ? reader.uint8() : first;
    const second = dataBytes(status) === 2 ? reader.uint8() : 0;
    const channel = status & 0x0f;
    const kind = status & 0xf0;
    if (kind === 0x90 && second > 0) track.events.push({ tick, kind: 'on', channel, data, velocity: second });
    else if (kind === 0x80 || kind === 0x90) track.events.push({ tick, kind: 'off', channel, data, velocity: 0 });
    else if (kind === 0xc0) track.events.push({ tick, kind: 'program', channel, data, velocity: 0 });
  }
  track.end = tick;
  return track;
}

function readMeta(track: TrackEvents, tick: number, type: number, data: Uint8Array) {
  if (type === 0x03 && track.name === undefined)
    track.name = new TextDecoder('latin1').decode(data).trim() || undefined;
  if (type === 0x51 && data.length >= 3) {
    const microsPerQuarter = (data[0] << 16) | (data[1] << 8) | data[2];
    if (microsPerQuarter > 0) track.tempos.push({ tick, microsPerQuarter });
  }
  if (type === 0x58 && data.length >= 2) track.signatures.push({ tick, beatsPerBar: data[0], beatUnit: 2 ** data[1] });
}

/** Seconds at a tick: through the tempo map where the division counts ticks a quarter, flat for SMPTE frames. */
function tickClock(division: number, tempos: TempoChange[]): (tick: number) => number {
  if (division & 0x8000) {
    const framesPerSecond = 256 - (division >> 8); // a negative byte: -24, -25, -29 (29.97) or -30
    const ticksPerSecond = (framesPerSecond === 29 ? 29.97 : framesPerSecond) * (division & 0xff);
    return (tick) => tick / ticksPerSecond;
  }
  const ticksPerQuarter = division || 480;
  // The map's segments: where each tempo starts, in ticks and in seconds.
  const segments = [{ tick: 0, seconds: 0, microsPerQuarter: 500_000 }];
  for (const t of tempos) {
    const last = segments[segments.length - 1];
    const seconds = last.seconds + ((t.tick - last.tick) * last.microsPerQuarter) / 1e6 / ticksPerQuarter;
    if (t.tick === last.tick) segments[segments.length - 1] = { ...last, microsPerQuarter: t.microsPerQuarter };
    else segments.push({ tick: t.tick, seconds, microsPerQuarter: t.microsPerQuarter });
  }
  return (tick) => {
    let s = segments[0];
    for (const segment of segments) if (segment.tick <= tick) s = segment;
    return s.seconds + ((tick - s.tick) * s.microsPerQuarter) / 1e6 / ticksPerQuarter;
  };
}

/** A track's notes, a part for each channel: each note-on paired with the first note-off of its key after it. */
function partsOf(track: TrackEvents, seconds: (tick: number) => number): MidiPart[] {
  const byChannel = new Map<number, MidiPart>();
  const programs = new Map<number, number>();
  const held = new Map<number, { tick: number; velocity: number }[]>();
  const finish = (channel: number, note: number, start: { tick: number; velocity: number }, end: number) => {
    const part = byChannel.get(channel) ?? {
      name: track.name,
      channel,
      program: programs.get(channel) ?? 0,
      notes: [],
    };
    byChannel.set(channel, part);
    part.notes.push({ startSeconds: seconds(start.tick), endSeconds: seconds(end), note, velocity: start.velocity });
  };
  for (const e of track.events) {
    const key = e.channel * 128 + e.data;
    if (e.kind === 'program') programs.set(e.channel, e.data);
    else if (e.kind === 'on') held.set(key, [...(held.get(key) ?? []), { tick: e.tick, velocity: e.velocity }]);
    else {
      const [start, ...rest] = held.get(key) ?? [];
      if (start) finish(e.channel, e.data, start, e.tick);
      held.set(key, rest);
    }
  }
  for (const [key, starts] of held) for (const s of starts) finish(key >> 7, key & 127, s, track.end);
  return [...byChannel.values()]
    .map((p) => ({ ...p, notes: p.notes.sort((a, b) => a.startSeconds - b.startSeconds || a.note - b.note) }))
    .sort((a, b) => a.channel - b.channel);
}

const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** Big-endian reads that say the file was cut short instead of reading past its end. */
class ByteReader {
  constructor(
    private readonly data: Uint8Array,
    private at: number,
  ) {}

  done = () => this.at >= this.data.length;

  uint8(): number {
    if (this.at >= this.data.length) throw new MidiError('it is cut short (a track ends inside an event)');
    return this.data[this.at++];
  }

  uint16 = () => (this.uint8() << 8) | this.uint8();

  uint32At(offset: number): number {
    const p = this.at + offset;
    if (p + 4 > this.data.length) throw new MidiError('it is cut short (inside a chunk header)');
    return ((this.data[p] << 24) | (this.data[p + 1] << 16) | (this.data[p + 2] << 8) | this.data[p + 3]) >>> 0;
  }

  variableLength(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.uint8();
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new MidiError('it has a length longer than four bytes');
  }

  bytes(length: number): Uint8Array {
    if (this.at + length > this.data.length) throw new MidiError('it is cut short (inside a meta or sysex event)');
    const out = this.data.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }
}
