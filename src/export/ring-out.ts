/** Effects' tails in an export, as a DAW's render tail (Logic's "include audio tail", Reaper's render tail): a reverb
 * or an echo rings on past the last clip, so the file goes on until it has died away rather than cutting it off. */
import { activeEffects, ringOutSeconds, type TrackEffect } from '../dsp/effect-chain';
import { busesAfter } from '../project/bus-routing';
import { audibleTracks } from '../project/mixdown';
import { masterOf } from '../project/track-effects';
import type { Project } from '../project/types';

/** Under this a sample is silence (-100 dBFS: under a 16-bit file's last step). */
const SILENT = 1e-5;

const ringing = (effects: readonly TrackEffect[] | undefined) =>
  activeEffects(effects).length > 0 ? ringOutSeconds(effects) : 0;

/** How long, at most, what the export plays rings on after its input stops, samples: the longest track chain's tail,
 * then (the mix) the longest way through the buses' (a bus and those it plays or sends into) and the master's; 0 where
 * no effect is on; 60 s at most. */
export function exportTail(project: Project, trackIds?: readonly string[]): number {
  const tracks = trackIds ? project.tracks.filter((t) => trackIds.includes(t.id)) : audibleTracks(project);
  let seconds = Math.max(0, ...tracks.map((t) => ringing(t.effects)));
  if (!trackIds) {
    seconds += Math.max(0, ...(project.buses ?? []).map((b) => busWayTail(project, b.id)));
    seconds += ringing(masterOf(project).effects);
  }
  return Math.round(Math.min(60, seconds) * project.sampleRate);
}

/** The tails of a bus's effects and, after them, of the longest-ringing way on through the buses it plays and sends
 * into, seconds. */
function busWayTail(project: Project, busId: string): number {
  const bus = project.buses?.find((b) => b.id === busId);
  if (bus?.mute) return 0; // nothing of it is heard
  return ringing(bus?.effects) + Math.max(0, ...busesAfter(project, busId).map((next) => busWayTail(project, next)));
}

/** Where the sound ends: one past the last sample of any channel over -100 dBFS, but not before `from`. */
export function heardEnd(channels: readonly Float32Array[], from: number): number {
  for (let i = (channels[0]?.length ?? 0) - 1; i >= from; i--)
    if (channels.some((c) => Math.abs(c[i]) > SILENT)) return i + 1;
  return from;
}
