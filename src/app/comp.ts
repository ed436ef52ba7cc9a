/**
 * Comping, as Logic's quick swipe comping and Pro Tools' "copy selection to main playlist": the range selected on a
 * take (B, C... of a loop recording or a model edit) replaces its track's audio there, crossfaded at both edges as a
 * punch-in is, and the track (A) plays. Swiped range by range, the best parts of several takes become one
 * performance on the track; each swipe is one undo step, and the takes stay as they were.
 */
import { selectedRange } from '../actions/targets';
import { blendEdges, EDGE_FADE_SECONDS, placeAsset, takeLetter, trackAudio } from '../project/generated-ops';
import type { Project } from '../project/types';
import type { Services } from './services';

/** Comps from the take `takeId` (a take's own Comp button), else the first take the selection is on. */
export function compTake({ store, assets }: Services, takeId?: string) {
  const state = store.getState();
  const { project } = state;
  const range = selectedRange(state);
  const chosen = (id: string) => (takeId ? id === takeId : state.selection?.trackIds.includes(id));
  const take = project.tracks.find((t) => t.takeOf !== undefined && chosen(t.id));
  if (!range || !take?.takeOf)
    return state.notify('info', 'Comp: select a range on a take (B, C...) to use it on its track there.');
  const letter = takeLetter(project, take.id);
  const source = project.tracks.find((t) => t.id === take.takeOf);
  if (!source) return state.notify('error', `Comp: the track take ${letter} was made from is gone; nothing changed.`);
  const heard = trackAudio(take, assets, range);
  if (heard.every((ch) => ch.every((v) => v === 0)))
    return state.notify('info', `Comp: take ${letter} holds nothing in the selection; "${source.name}" is as it was.`);
  const own = trackAudio(source, assets, range);
  const channels = Math.max(heard.length, own.length);
  const fade = Math.round(EDGE_FADE_SECONDS * project.sampleRate);
  const audio = blendEdges(widened(own, channels), widened(heard, channels), fade);
  const asset = assets.add(audio, project.sampleRate);
  const length = range.end - range.start;
  const placed = placeAsset(project, source.id, range.start, asset.id, length, `Take ${letter}`, true);
  const marked = {
    ...placed,
    tracks: placed.tracks.map((t) =>
      t.id === source.id
        ? { ...t, clips: t.clips.map((c) => (c.assetId === asset.id ? { ...c, compOf: take.id } : c)) }
        : t,
    ),
  };
  state.commit(`Comp take ${letter}`, playingTrack(marked, source.id));
}

/** `channels` channels: a mono part copied to each. */
const widened = (audio: Float32Array[], channels: number) =>
  Array.from({ length: channels }, (_, ch) => audio[Math.min(ch, audio.length - 1)]);

/** The track playing rather than any of its takes (the A of A/B). */
const playingTrack = (project: Project, trackId: string): Project => ({
  ...project,
  tracks: project.tracks.map((t) =>
    t.id === trackId ? { ...t, mute: false } : t.takeOf === trackId ? { ...t, mute: true } : t,
  ),
});
