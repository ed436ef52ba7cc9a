/**
 * Stems: one file per track that is heard in the mix (or per track group, its tracks together; or per bus: each bus
 * that plays into the master with all that reaches it through that bus, each track played straight into the master on
 * its own), each from the project's start to its end (and on, all alike, while the effects ring out) and in the mix's
 * channel layout (a mono track in a stereo mix is panned as the mix pans it), so the stems line up in any DAW and sum
 * to the mix (by bus: to the mix before the master bus). They come as one zip (export-zip.ts).
 */
import type { AssetStore } from '../project/asset-store';
import { busesAfter, busOutputOf } from '../project/bus-routing';
import { outputOf, sendsOf } from '../project/buses';
import { audibleTracks, needsStereo } from '../project/mixdown';
import { groupOf } from '../project/track-groups';
import { type Project, projectLength, type Track } from '../project/types';
import type { ExportSettings, StudioState } from '../store/studio-store';
import { ExportError, type ExportedFile, mixdownInBlocks } from './export-audio';
import { zipOfParts } from './export-zip';
import { exportTail } from './ring-out';

/** File names for the stems, in track order: "01-drums", "02-piano-take-b", ... (unique, safe on every system). */
export const stemNames = (tracks: readonly Pick<Track, 'name'>[]): string[] =>
  numberedNames(
    tracks.map((t) => t.name),
    'track',
  );

/** Names numbered in order and made safe for every file system ("01-intro", "02-chapter-2"; `fallback` for a name
 * with no letter or digit). */
export function numberedNames(names: readonly string[], fallback: string): string[] {
  const digits = Math.max(2, String(names.length).length);
  return names.map((name, i) => {
    const slug = name
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 48);
    return `${String(i + 1).padStart(digits, '0')}-${slug || fallback}`;
  });
}

/** What each stem holds: a track heard, or (by group) a track group's tracks heard together, named for the group, in
 * the order their first track comes. */
export function stemsOf(
  project: Project,
  tracks: readonly Track[],
  byGroup: boolean,
): { name: string; trackIds: string[] }[] {
  const stems: { name: string; trackIds: string[]; group?: string }[] = [];
  for (const track of tracks) {
    const group = byGroup ? groupOf(project, track.id) : undefined;
    const same = group && stems.find((s) => s.group === group.id);
    if (same) same.trackIds.push(track.id);
    else stems.push({ name: group?.name ?? track.name, trackIds: [track.id], group: group?.id });
  }
  return stems.map(({ name, trackIds }) => ({ name, trackIds }));
}

/** What each stem by bus holds: a track played straight into the master (alone), or a bus that plays into the master
 * (what reaches the master through it: the tracks and buses it gathers, with their effects and its own), in track
 * order, then the buses' order; buses nothing heard reaches left out. */
export function busStemsOf(
  project: Project,
  tracks: readonly Track[],
): { name: string; trackIds?: string[]; through?: string }[] {
  const reached = new Set<string>();
  const reach = (busId: string) => {
    if (reached.has(busId)) return;
    reached.add(busId);
    busesAfter(project, busId).forEach(reach);
  };
  for (const track of tracks) {
    const output = outputOf(project, track);
    if (output) reach(output);
    sendsOf(project, track).forEach((s) => reach(s.busId));
  }
  return [
    ...tracks.filter((t) => !outputOf(project, t)).map((t) => ({ name: t.name, trackIds: [t.id] })),
    ...(project.buses ?? [])
      .filter((b) => reached.has(b.id) && !b.mute && !busOutputOf(project, b.id))
      .map((b) => ({ name: b.name, through: b.id })),
  ];
}

export async function exportStems(
  state: StudioState,
  assets: AssetStore,
  settings: ExportSettings,
): Promise<ExportedFile> {
  const tracks = audibleTracks(state.project).filter((t) => t.clips.length > 0);
  const end = projectLength(state.project);
  if (!tracks.length || end <= 0) throw new ExportError('There is no audio to export.');
  if (settings.scope === 'busStems') return exportBusStems(state, assets, settings, tracks);
  // Every stem as long as the longest track's effects ring on (Ring out), so they still line up.
  const tail = settings.ringOut
    ? exportTail(
        state.project,
        tracks.map((t) => t.id),
      )
    : 0;
  const range = { start: 0, end: end + tail };
  const stereo = needsStereo(tracks, assets);
  const stems = stemsOf(state.project, tracks, settings.scope === 'groupStems');
  const names = stemNames(stems);
  const parts = stems.map((stem, i) => ({
    name: names[i],
    render: () => mixdownInBlocks(state, assets, range, stem.trackIds, stereo),
  }));
  return zipOfParts(parts, state.project.sampleRate, settings, 'omni-studio-stems.zip', `${stems.length} stems`);
}

/** Stems by bus, all in two channels (a bus is) and as long as the mix rings on. */
function exportBusStems(
  state: StudioState,
  assets: AssetStore,
  settings: ExportSettings,
  tracks: readonly Track[],
): Promise<ExportedFile> {
  const { project } = state;
  const range = { start: 0, end: projectLength(project) + (settings.ringOut ? exportTail(project) : 0) };
  const stems = busStemsOf(project, tracks);
  const names = stemNames(stems);
  const parts = stems.map((stem, i) => ({
    name: names[i],
    render: () => mixdownInBlocks(state, assets, range, stem.trackIds, true, stem.through),
  }));
  return zipOfParts(parts, project.sampleRate, settings, 'omni-studio-stems.zip', `${stems.length} stems by bus`);
}
