/** Print effects, as a DAW's "render in place" or "freeze and flatten": a track's clips through its effects become
 * one clip of that sound (their tails rung out), the effects go, and the track's fader, pan, automation and sends stay
 * as they were, so it sounds as before while the model, Analyze and the destructive effects work on what is heard.
 * One undo step. */
import { effectBusChannels, withoutFader } from '../project/mixdown';
import { mixdownInBlocks } from '../export/export-audio';
import { activeEffects, ringOutSeconds } from '../dsp/effect-chain';
import { clipEnd, newId } from '../project/types';
import type { Services } from './services';

/** Under this (about -100 dBFS) the printed tail is taken for silence and left off. */
const SILENT = 1e-5;

export async function printTrackEffects({ store, assets }: Services, trackId: string): Promise<void> {
  const { project, notify } = store.getState();
  const track = project.tracks.find((t) => t.id === trackId);
  if (!track || track.clips.length === 0 || activeEffects(track.effects).length === 0) {
    notify('info', 'Print effects needs a track with clips and effects switched on.');
    return;
  }
  const start = Math.min(...track.clips.map((c) => c.start));
  const clipsEnd = Math.max(...track.clips.map(clipEnd));
  const end = clipsEnd + Math.round(ringOutSeconds(track.effects) * project.sampleRate);
  // The track alone with its fader left out: what its effects send on to the fader.
  const bare = withoutFader(track);
  const state = {
    ...store.getState(),
    project: { ...project, tracks: project.tracks.map((t) => (t.id === trackId ? bare : t)) },
  };
  const stereo = effectBusChannels(track, assets) === 2;
  const sound = await mixdownInBlocks(state, assets, { start, end }, [trackId], stereo);
  const heard = Math.max(clipsEnd - start, lastSound(sound) + 1);
  const printed = assets.add(
    sound.map((c) => c.slice(0, heard)),
    project.sampleRate,
  );
  const name = `${track.name} (printed)`;
  const now = store.getState();
  if (now.project !== project) {
    now.notify('info', 'The project changed while the effects were printing: nothing was printed.');
    return;
  }
  const { effects: _printed, ...kept } = track;
  const clip = { id: newId(), assetId: printed.id, name, start, offset: 0, length: heard };
  const tracks = project.tracks.map((t) => (t.id === trackId ? { ...kept, clips: [clip] } : t));
  now.commit(`Print effects on ${track.name}`, { ...project, tracks });
}

/** The last sample of any channel above silence (-1 where there is none). */
function lastSound(channels: Float32Array[]): number {
  let last = -1;
  for (const c of channels) for (let i = c.length - 1; i > last; i--) if (Math.abs(c[i]) > SILENT) last = i;
  return last;
}
