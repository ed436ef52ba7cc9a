/** Ride vocal (Volume shelf): the selected track's volume lane written so its voice sits a set level over the rest of
 * the mix (src/dsp/ride.ts), as Waves Vocal Rider writing its automation: the ride is points on the lane, seen,
 * edited and undone as any, and the clips are not changed. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { dbToGain } from '../dsp/gain';
import { rideCurve } from '../dsp/ride';
import { setTrackVolume } from '../project/envelope';
import { audibleTracks, mixdown } from '../project/mixdown';
import { GLIDE_S, writePass } from '../project/automation-write';
import type { Services } from './services';

/** The ride's points are kept where they stray more than this from the line through the others (amplitude: about
 * 0.2 dB at unity). */
const TOLERANCE = 0.025;

export function rideVocal(services: Services): boolean {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  const ids = targetTrackIds(state);
  const track = state.project.tracks.find((t) => t.id === ids[0]);
  const say = (text: string) => (state.notify('info', text), false);
  if (!range || !track || ids.length > 1) return say('Select the part of one track (a voice) to ride.');
  const others = audibleTracks(state.project).filter((t) => t.id !== track.id);
  if (!others.length) return say('Nothing to ride against: the voice is the only track heard.');
  const { project } = state;
  const rate = project.sampleRate;
  // The voice as its fader gets it (after its effects), and the rest as heard, over the same samples.
  const bare = {
    ...project,
    tracks: project.tracks.map((t) => (t.id === track.id ? { ...t, gainDb: 0, volume: undefined } : t)),
  };
  const voice = mixdown(bare, assets, { range, trackIds: [track.id], stereo: true });
  const music = mixdown(project, assets, { range, trackIds: others.map((t) => t.id), stereo: true });
  const [aboveLu, rangeDb] = [state.params.rideAboveLu, state.params.rideRangeDb];
  const curve = rideCurve(voice, music, rate, { aboveLu, rangeDb }, track.gainDb);
  if (!curve.heard) return say('No voice over the music here to ride (where either is silent the ride holds).');
  const values = [
    { at: range.start, gain: dbToGain(curve.gainsDb[0]) },
    ...Array.from(curve.gainsDb, (db, k) => ({ at: range.start + Math.round(curve.centres[k]), gain: dbToGain(db) })),
  ].filter((p) => p.at < range.end);
  const glide = Math.round(GLIDE_S * rate);
  const lane = writePass(
    track.volume ?? [],
    { values, end: range.end },
    {
      glide,
      held: 1,
      tolerance: TOLERANCE,
    },
  );
  store.getState().commit('Ride vocal', setTrackVolume(project, track.id, lane));
  const [low, high] = [Math.min(...curve.gainsDb), Math.max(...curve.gainsDb)].map((db) => db.toFixed(1));
  store
    .getState()
    .notify(
      'info',
      `Rode "${track.name}" ${aboveLu} LU over the rest of the mix: its volume lane moves from ${low} to ${high} dB (${lane.length} points).`,
    );
  return true;
}
