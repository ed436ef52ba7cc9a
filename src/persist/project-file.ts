/**
 * A project as one file (.omni), as Audacity's .aup3 or a DAW's session: the project document (tracks, clips with
 * their envelopes and fades, automation, labels, prompt history) as JSON, every audio asset a clip plays as a 32-bit
 * float WAV (lossless), and the scored video's file where there is one, in one zip (stored: audio gains nothing from
 * compression). The undo history stays with the browser, as a DAW keeps its undo to the session. Opening one checks
 * that it is a project file of a version this studio reads and that every clip's audio is in it, and says what is
 * wrong otherwise.
 */
import { type Unzipped, unzipSync, zipSync } from 'fflate';
import { trackEffectProblem } from '../dsp/effect-chain';
import { SEND_DB } from '../project/buses';
import { decodeWav, encodeWav } from '../dsp/wav';
import type { AssetStore } from '../project/asset-store';
import type { AudioAsset, Project, SampleRange, TrackSend } from '../project/types';
import { readLoopRegion, readTrackHeights } from '../store/layout';
import { projectImpulseIds } from '../project/impulses';

export const PROJECT_EXTENSION = '.omni';
const FORMAT = 'omni-studio-project';
const VERSION = 1;
const DOCUMENT = 'project.json';
const audioPath = (id: string) => `audio/${id}.wav`;
const VIDEO_DIR = 'video/';

interface ProjectDocument {
  format: typeof FORMAT;
  version: number;
  savedAt: string;
  project: Project;
  playhead: number;
  /** The heights the tracks were dragged to, px by track id (absent in files from before they were kept). */
  trackHeights?: Record<string, number>;
  /** The loop region (absent in files from before it was kept, or where none is set). */
  loopRegion?: SampleRange | null;
}

/** How the project was being looked at and looped: kept in the file, not part of the project's undo. */
export interface ProjectView {
  playhead: number;
  trackHeights: Record<string, number>;
  loopRegion: SampleRange | null;
}

export class ProjectFileError extends Error {
  override name = 'ProjectFileError';
}

export const isProjectFile = (file: File) => file.name.toLowerCase().endsWith(PROJECT_EXTENSION);

/** Why the realtime effects of the tracks, the effect buses or the master, those buses' faders or the tracks' sends,
 * cannot run as the file sets them (a hand-edited or damaged file), or null. */
function effectsProblem(project: Project): string | null {
  const buses = [
    ...(project.master ? [{ where: 'on the master', ...project.master }] : []),
    ...(project.buses ?? []).map((b) => ({ where: `on ${b.name}`, ...b })),
  ];
  const hosts = [...project.tracks.map((t) => ({ where: `on track "${t.name}"`, effects: t.effects })), ...buses];
  for (const { where, effects } of hosts) {
    const problem = chainProblem(effects, where);
    if (problem) return problem;
  }
  const silent = buses.find((b) => !Number.isFinite(b.gainDb));
  if (silent) return `the fader ${silent.where} has no level.`;
  const unread = buses.find((b) => b.volume !== undefined && !readableLine(b.volume));
  if (unread) return `the fader ${unread.where} has a volume automation that cannot be read.`;
  const stray = project.buses?.find((b) => b.output !== undefined && typeof b.output !== 'string');
  if (stray) return `${stray.name} plays into no bus.`;
  const panned = project.buses?.find((b) => b.pan !== undefined && !(b.pan >= -1 && b.pan <= 1));
  if (panned) return `${panned.name} is panned past -1 to 1.`;
  return sendsProblem(project) ?? groupsProblem(project) ?? mixesProblem(project);
}

/** Why a chain of effects (absent: none) cannot run as the file sets it, or null. */
function chainProblem(effects: unknown, where: string): string | null {
  if (effects === undefined) return null;
  if (!Array.isArray(effects)) return `the effects ${where} are no list.`;
  for (const effect of effects) {
    const problem = trackEffectProblem(effect);
    if (problem) return `${where}: ${problem}`;
  }
  return null;
}

/** Why the mixes kept cannot be recalled as the file sets them, or null. */
function mixesProblem(project: Project): string | null {
  const { mixes } = project;
  if (mixes !== undefined && !Array.isArray(mixes)) return 'its mixes are no list.';
  const isRecord = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const bad = mixes?.find(
    (m) =>
      typeof m?.id !== 'string' ||
      typeof m.name !== 'string' ||
      !isRecord(m.tracks) ||
      !isRecord(m.faders) ||
      !Object.values(m.faders).every(Number.isFinite) ||
      !Object.values(m.tracks).every((t) => Number.isFinite(t?.gainDb) && Number.isFinite(t.pan)) ||
      !Object.values(m.tracks).every((t) => routing(t.output)) ||
      !(m.buses === undefined || (isRecord(m.buses) && Object.values(m.buses).every((b) => routing(b?.output)))),
  );
  if (bad) return `the mix "${bad.name ?? '?'}" cannot be read.`;
  for (const mix of mixes ?? []) {
    const kept = [
      ...Object.values(mix.tracks).flatMap((t) => [
        chainProblem(t.effects, 'a track'),
        sendListProblem(t.sends, 'a track'),
      ]),
      ...Object.values(mix.effects ?? {}).map((effects) => chainProblem(effects, 'a bus')),
      ...Object.values(mix.buses ?? {}).map((b) => sendListProblem(b.sends, 'a bus')),
    ].find((problem) => problem !== null);
    if (kept) return `the mix "${mix.name}" keeps what cannot run: ${kept}`;
  }
  return null;
}

/** Whether a mix kept can say where something played: a bus's id, null (the master), or nothing (as it is). */
const routing = (output: unknown) => output === undefined || output === null || typeof output === 'string';

/** Why the track groups cannot be read as the file sets them, or null (a track naming a group the file lacks is in
 * none: src/project/track-groups.ts). */
function groupsProblem(project: Project): string | null {
  const { groups } = project;
  if (groups !== undefined && !Array.isArray(groups)) return 'its track groups are no list.';
  const unnamed = groups?.find((g) => typeof g?.id !== 'string' || typeof g.name !== 'string');
  if (unnamed) return 'a track group has no id or name.';
  const stray = project.tracks.find((t) => t.group !== undefined && typeof t.group !== 'string');
  return stray ? `track "${stray.name}" names its group with no id.` : null;
}

/** Why a track's sends or output, or a bus's sends, cannot be heard as the file sets them, or null. */
function sendsProblem(project: Project): string | null {
  for (const track of project.tracks) {
    const problem = sendListProblem(track.sends, `track "${track.name}"`);
    if (problem) return problem;
    if (track.output !== undefined && typeof track.output !== 'string')
      return `track "${track.name}" plays into no bus.`;
  }
  for (const bus of project.buses ?? []) {
    const problem = sendListProblem(bus.sends, bus.name);
    if (problem) return problem;
  }
  return null;
}

/** Why the sends of `owner` (absent: none) cannot be heard as the file sets them, or null. */
function sendListProblem(sends: TrackSend[] | undefined, owner: string): string | null {
  if (sends === undefined) return null;
  if (!Array.isArray(sends)) return `the sends on ${owner} are no list.`;
  for (const send of sends) {
    const where = `a send on ${owner}`;
    if (typeof send?.busId !== 'string') return `${where} goes to no bus.`;
    if (!(send.levelDb >= SEND_DB.min && send.levelDb <= SEND_DB.max))
      return `${where} is at ${send.levelDb} dB (${SEND_DB.min} to +${SEND_DB.max}).`;
    if (send.volume !== undefined && !readableLine(send.volume))
      return `${where} has a level automation that cannot be read.`;
    if (send.preFader !== undefined && typeof send.preFader !== 'boolean')
      return `${where} is neither before nor after the fader.`;
  }
  return null;
}

/** Whether a gain line from a file is a list of points each at a sample with a gain. */
const readableLine = (points: unknown) =>
  Array.isArray(points) && points.every((p) => Number.isFinite(p?.at) && p.gain >= 0);

/** The ids of the assets the project plays: its clips' audio and its convolution reverbs' impulses. */
const assetIdsOf = (project: Project) =>
  new Set([...project.tracks.flatMap((t) => t.clips.map((c) => c.assetId)), ...projectImpulseIds(project)]);

/** The project file's bytes. */
export function writeProjectFile(
  project: Project,
  { playhead, trackHeights, loopRegion }: ProjectView,
  assets: AssetStore,
  video: { name: string; bytes: Uint8Array<ArrayBuffer> } | null = null,
): Uint8Array {
  const doc: ProjectDocument = {
    format: FORMAT,
    version: VERSION,
    savedAt: new Date().toISOString(),
    project,
    playhead,
    trackHeights,
    loopRegion,
  };
  const files: Unzipped = { [DOCUMENT]: new TextEncoder().encode(JSON.stringify(doc)) };
  for (const id of assetIdsOf(project)) {
    const asset = assets.get(id);
    files[audioPath(id)] = new Uint8Array(encodeWav(asset.channels, asset.sampleRate, 'float32'));
  }
  if (video) files[`${VIDEO_DIR}${video.name}`] = video.bytes;
  return zipSync(files, { level: 0 });
}

export interface OpenedProject extends ProjectView {
  project: Project;
  assets: AudioAsset[];
  /** The scored video's file, where the project has one and the file holds it. */
  video: File | null;
}

/** Reads a project file's bytes; a file that is not one, or lacks a clip's audio, is a ProjectFileError. */
export function readProjectFile(bytes: Uint8Array, name: string): OpenedProject {
  let entries: Unzipped;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new ProjectFileError(`"${name}" is not an Omni Studio project (not a zip).`);
  }
  const docBytes = entries[DOCUMENT];
  let doc: ProjectDocument;
  try {
    doc = JSON.parse(new TextDecoder().decode(docBytes));
  } catch {
    throw new ProjectFileError(`"${name}" is not an Omni Studio project (no ${DOCUMENT}).`);
  }
  if (doc?.format !== FORMAT || !Array.isArray(doc.project?.tracks))
    throw new ProjectFileError(`"${name}" is not an Omni Studio project.`);
  if (doc.version > VERSION)
    throw new ProjectFileError(
      `"${name}" was saved by a newer Omni Studio (version ${doc.version}); update the studio.`,
    );
  const effectProblem = effectsProblem(doc.project);
  if (effectProblem) throw new ProjectFileError(`"${name}" cannot be opened: ${effectProblem}`);
  const assets: AudioAsset[] = [];
  for (const id of assetIdsOf(doc.project)) {
    const wav = entries[audioPath(id)];
    if (!wav)
      throw new ProjectFileError(`"${name}" lacks the audio of one of its clips or impulses (${audioPath(id)}).`);
    const decoded = decodeWav(wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength) as ArrayBuffer);
    assets.push({ id, sampleRate: decoded.sampleRate, channels: decoded.channels });
  }
  const videoName = Object.keys(entries).find((path) => path.startsWith(VIDEO_DIR) && path.length > VIDEO_DIR.length);
  const video =
    doc.project.video && videoName
      ? new File([entries[videoName]], videoName.slice(VIDEO_DIR.length), {
          type: doc.project.video.container === 'webm' ? 'video/webm' : 'video/mp4',
        })
      : null;
  const trackHeights = readTrackHeights(doc.trackHeights);
  const loopRegion = readLoopRegion(doc.loopRegion);
  return { project: doc.project, playhead: Number(doc.playhead) || 0, trackHeights, loopRegion, assets, video };
}
