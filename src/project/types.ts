/** The project document: plain, immutable data that undo snapshots, autosave stores and actions replace. */
import type { FrequencyBand } from '../dsp/band';
import type { TrackEffect } from '../dsp/effect-chain';
import type { Instrument } from '../dsp/instruments';
import type { MidiNote } from '../dsp/notes';
import type { MusicFields } from '../music/music-prompt';
import type { ClipFade } from './clip-fades';
import type { GainPoint } from './envelope';

/** Decoded audio at the project rate. Never mutated once added: edits make new assets, so undo is a pointer swap. */
export interface AudioAsset {
  id: string;
  sampleRate: number;
  channels: Float32Array[];
}

/** A window onto an asset, placed on a track. All positions are in samples at the project rate. */
export interface Clip {
  id: string;
  assetId: string;
  name: string;
  /** Timeline position of the clip's first sample. */
  start: number;
  /** First sample of the asset that the clip plays. */
  offset: number;
  length: number;
  /** Its volume envelope (src/project/envelope.ts), in its asset's samples; none: unity gain. */
  envelope?: GainPoint[];
  /** Fades on its first and last samples (src/project/clip-fades.ts); none: it starts and ends at full level. */
  fadeIn?: ClipFade;
  fadeOut?: ClipFade;
  /** Comped from a take (that take's track id): the take shows the part as used. */
  compOf?: string;
  /** Played from notes by a built-in instrument (an imported MIDI part): its asset is their render, so another
   * instrument or a transposition renders it again (src/app/instrument.ts). */
  part?: NotePart;
}

/** The clip without its notes: for a clip whose audio is replaced by processed audio (an effect, a stretch), which its
 * notes would no longer play were they rendered again. */
export function audioOnly(clip: Clip): Clip {
  const { part: _notes, ...audio } = clip;
  return audio;
}

/** Notes and the instrument that plays them; the notes' times are seconds from the clip's asset's first sample. */
export interface NotePart {
  instrument: Instrument;
  notes: MidiNote[];
}

/** A clip that holds notes (an instrument track's). */
export type NoteClip = Clip & { part: NotePart };

/** The colours a track can be given, as a DAW's track colours: its header's edge and its clips drawn in it. */
export const TRACK_COLORS = ['blue', 'teal', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const;
export type TrackColor = (typeof TRACK_COLORS)[number];

/** The range of a track's fader, dB. */
export const TRACK_GAIN_DB = { min: -36, max: 12 } as const;

export interface Track {
  id: string;
  name: string;
  /** Its colour (none: the studio's own blue-grey). */
  color?: TrackColor;
  gainDb: number;
  /** -1 (left) to 1 (right). */
  pan: number;
  mute: boolean;
  solo: boolean;
  clips: Clip[];
  /** A take made by a model edit: the id of the track it was made from (A/B compares the two). */
  takeOf?: string;
  /** Its volume automation, as a DAW's: gain points in timeline samples, straight lines in amplitude between them
   * (the clip envelope's rules, src/project/envelope.ts), on top of its gain; none: the gain alone. */
  volume?: GainPoint[];
  /** Its pan automation: pan points (-1 left to 1 right) in timeline samples, straight lines between them, held before
   * and after (src/project/pan-automation.ts); where it has points they set the pan, not `pan`. */
  panPoints?: PanPoint[];
  /** Its realtime effects, in the order they run, before its volume automation, gain and pan (a DAW's inserts;
   * src/dsp/effect-chain.ts); the clips themselves are never changed by them. */
  effects?: TrackEffect[];
  /** What it sends to effect buses (after its fader and pan). */
  sends?: TrackSend[];
  /** The effect bus it plays into instead of the master, as a DAW's track output routed to a group bus (a drum bus
   * compressed as one); absent, or a bus that is gone: the master. */
  output?: string;
  /** Sounds found on this track by Analyze, drawn on a lane under it. */
  labels?: SoundLabel[];
  /** The tempo Analyze heard where the track is music (beats per minute). */
  tempoBpm?: number;
  /** Where one of its beats falls (samples at the project rate): with the tempo, the ruler's beat grid. */
  beatStart?: number;
  /** The key Analyze heard where the track is music ("A minor"). */
  musicKey?: string;
  /** The id of the track group it belongs to (src/project/track-groups.ts); none: it moves alone. */
  group?: string;
}

/** Tracks whose faders, pans, mute, solo, range selections and clips move together, as a DAW's mix and edit group
 * (multi-mic drums, a stereo pair): suspended, each moves alone again until it is switched back on. */
export interface TrackGroup {
  id: string;
  name: string;
  suspended?: boolean;
}

/** A point of pan automation: the pan (-1 left to 1 right) at a timeline sample. */
export interface PanPoint {
  at: number;
  pan: number;
}

/** A labelled region, in samples at the project rate: a sound the detector or Find similar found, or a label the user
 * wrote (Add label; a point where start and end meet). */
export interface SoundLabel {
  id: string;
  start: number;
  end: number;
  /** What is shown ("dog"). */
  name: string;
  /** The words an edit uses for it ("a dog barking"). */
  description: string;
  /** The detector's highest probability over the region, in [0, 1] (for Find similar: the match's similarity). */
  confidence: number;
  /** Found by Find similar (the marked sound and those like it), not by the detector; a new search on the track
   * replaces them. */
  similar?: boolean;
  /** Find similar's: the frequency band it compared in (the mark was a box on the spectrogram), which Attenuate
   * similar keeps to. */
  band?: FrequencyBand;
  /** Written by the user (Add label), not found. */
  written?: boolean;
  /** A note of a line, labelled by the Pitch editor (labelling the line again replaces these). */
  note?: boolean;
}

export interface Project {
  sampleRate: number;
  tracks: Track[];
  /** The prompts generated from, newest first: run again, changed or copied from the panel's history. */
  prompts?: PromptEntry[];
  /** The video the project scores: its picture plays in sync with the timeline from 0 s (its file is kept apart,
   * src/video/video-store.ts). */
  video?: ProjectVideo;
  /** What its exported files say about themselves (title, artist...: src/export/tags.ts). */
  tags?: FileTags;
  /** Its tempo and time signature, set by the user (src/project/tempo.ts); without one, the grid Analyze heard. */
  tempo?: ProjectTempo;
  /** The bus every track plays into, as a DAW's master channel: its effects, then its fader; none: 0 dB, none. */
  master?: MasterBus;
  /** Effect buses (a DAW's aux returns: a reverb or an echo shared by tracks), fed by the tracks' sends, played
   * through their effects and fader into the master (src/project/buses.ts). */
  buses?: EffectBus[];
  /** Its track groups (tracks name theirs by id). */
  groups?: TrackGroup[];
  /** Mixes kept to compare and go back to (src/project/mix-snapshots.ts). */
  mixes?: MixSnapshot[];
}

/** A mix kept as it was, as a DAW's mixer snapshot or scene: each track's fader, pan, mute and solo, the buses' and
 * the master's faders (effects, sends and automation are not part of it). */
export interface MixSnapshot {
  id: string;
  name: string;
  /** Each track's fader, pan, mute and solo, and (since they were kept too) its inserts, sends and output (a bus's
   * id, null: the master). */
  tracks: Record<
    string,
    {
      gainDb: number;
      pan: number;
      mute: boolean;
      solo: boolean;
      effects?: TrackEffect[];
      sends?: TrackSend[];
      output?: string | null;
    }
  >;
  /** The master's and the effect buses' faders, by bus id (the master's under its own id). */
  faders: Record<string, number>;
  /** The master's and the effect buses' inserts, by the same ids (absent in mixes kept before they were). */
  effects?: Record<string, TrackEffect[]>;
  /** Each effect bus's output (another bus's id; null: the master), mute, solo, pan and sends, by its id (absent in mixes kept
   * before buses had them; sends absent in those kept before buses sent). */
  buses?: Record<string, { output: string | null; mute: boolean; solo?: boolean; pan?: number; sends?: BusSend[] }>;
}

/** An effect bus: what the tracks send it, through its effects and fader, into the master (or another bus). */
export interface EffectBus extends MasterBus {
  id: string;
  name: string;
  /** The bus it plays into instead of the master, as a DAW's bus routed to a bus (drums and bass into a rhythm
   * bus); never one that leads back to it (src/project/buses.ts). */
  output?: string;
  /** Silenced, as a DAW's mute on a return: nothing of it reaches the master or the bus it plays into. */
  mute?: boolean;
  /** Soloed in place: what plays through it is heard, and nothing else (src/project/solo.ts). */
  solo?: boolean;
  /** Its pan after its fader, -1 (left) to 1 (right), as a track's pan takes a stereo sound (a balance); none: centre.
   * Its sends go after it, as a track's do. */
  pan?: number;
  /** Sends to other buses after its fader (a vocal group's send to the reverb); never round to itself. */
  sends?: BusSend[];
}

/** Part of a bus's sound sent to another bus: after its fader, at `levelDb`. */
export interface BusSend {
  busId: string;
  levelDb: number;
  /** Automation of the send's level along the timeline (gains times its level, as a track's volume automation is
   * times its gain): a reverb thrown on one word. */
  volume?: GainPoint[];
}

/** Part of a track's sound sent to an effect bus: after its gain, volume automation and pan, at `levelDb`. */
export interface TrackSend extends BusSend {
  /** Taken before the fader (after the track's effects, before its volume automation, gain and pan; centred), as a
   * DAW's pre-fader send: the bus gets the same whatever the track's level. Absent: after the fader and pan. */
  preFader?: boolean;
}

/** The master bus: what the mix as heard (playback, the mix's exports) goes through last. */
export interface MasterBus {
  gainDb: number;
  effects?: TrackEffect[];
  /** Its fader's automation along the timeline (gains times the fader, after its effects; straight lines in
   * amplitude, as a track's volume automation): the whole mix faded out at the end. */
  volume?: GainPoint[];
}

/** A tempo and time signature, as Audacity's Time Signature toolbar and a DAW's tempo track keep them: the ruler's
 * bars and beats, the bar.beat clock, snapping and the metronome follow it. */
export interface ProjectTempo {
  /** Beats per minute, a beat being the signature's lower note (`beatUnit`). */
  bpm: number;
  beatsPerBar: number;
  /** The note a beat is: 4 a quarter, 8 an eighth. */
  beatUnit: number;
  /** Where a bar begins, in samples at the project rate (bars run before it too). */
  downbeat: number;
}

/** Tags written into exported files, as Audacity's Metadata Editor keeps them with the project. */
export interface FileTags {
  title?: string;
  artist?: string;
  album?: string;
  track?: string;
  year?: string;
  genre?: string;
  comment?: string;
}

export interface ProjectVideo {
  /** The key of its file in the video store. */
  id: string;
  name: string;
  seconds: number;
  width: number;
  height: number;
  codec: string;
  container: 'mp4' | 'webm';
  /** JPEG data URLs spread evenly over the video, for the video lane. */
  thumbnails: string[];
}

/** A prompt the user generated from, kept with the project. */
export interface PromptEntry {
  id: string;
  /** The pack's generation task (t2a, t2m). */
  taskId: string;
  /** What the user typed. */
  prompt: string;
  /** What went to the model: the prompt with the music fields written in. */
  text: string;
  music?: MusicFields;
  seconds: number;
  seed: number;
  variations: number;
  /** When it ran, in ms since 1970. */
  at: number;
}

/** A half-open range [start, end) of timeline samples. */
export interface SampleRange {
  start: number;
  end: number;
}

export const newId = (): string => crypto.randomUUID();

export const clipEnd = (clip: Clip): number => clip.start + clip.length;

/** Where a clip's audio meets a range: `count` samples read from its asset at `read` land `write` samples into the
 * range; null when the two do not overlap. Every routine that sums clips over a range reads them through this. */
export function clipOverlap(clip: Clip, range: SampleRange): { read: number; write: number; count: number } | null {
  const from = Math.max(clip.start, range.start);
  const to = Math.min(clipEnd(clip), range.end);
  if (to <= from) return null;
  return { read: from - clip.start + clip.offset, write: from - range.start, count: to - from };
}

export const emptyProject = (sampleRate = 48000): Project => ({ sampleRate, tracks: [] });

export function newTrack(index: number): Track {
  return { id: newId(), name: `Track ${index + 1}`, gainDb: 0, pan: 0, mute: false, solo: false, clips: [] };
}

/** The end of the last clip on any track, in samples. */
export function projectLength(project: Project): number {
  return Math.max(0, ...project.tracks.flatMap((t) => t.clips.map(clipEnd)));
}

export function findClip(project: Project, clipId: string): { track: Track; clip: Clip } | undefined {
  for (const track of project.tracks) {
    const clip = track.clips.find((c) => c.id === clipId);
    if (clip) return { track, clip };
  }
  return undefined;
}
