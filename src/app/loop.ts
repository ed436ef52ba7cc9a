/**
 * Make a loop of the selection: its end crossfaded into its start (src/dsp/loop.ts), on whole bars where Analyze
 * heard the track's tempo, landing as a take under the track with the loop played four times, to hear it wrap.
 */
import { targetTrackIds, selectedRange } from '../actions/targets';
import { loopFade, seamlessLoop } from '../dsp/loop';
import { addTake, trackAudio } from '../project/generated-ops';
import { newId, type Track } from '../project/types';
import type { Services } from './services';

export const LOOP_REPEATS = 4;
const MIN_LOOP_SECONDS = 0.2;

/** The first beat at or after `at` (samples) on the track's beat grid, if it has one and that beat is within a beat of
 * `at`; else `at` itself. */
export function onBeat(at: number, rate: number, track: Pick<Track, 'tempoBpm' | 'beatStart'>): number {
  if (!track.tempoBpm || track.beatStart === undefined) return at;
  const beat = (60 / track.tempoBpm) * rate;
  return Math.round(track.beatStart + Math.ceil((at - track.beatStart) / beat) * beat);
}

/** The last beat at or before `at` on the track's beat grid, if it has one; else `at` itself. */
export function beatBefore(at: number, rate: number, track: Pick<Track, 'tempoBpm' | 'beatStart'>): number {
  if (!track.tempoBpm || track.beatStart === undefined) return at;
  const beat = (60 / track.tempoBpm) * rate;
  return Math.round(track.beatStart + Math.floor((at - track.beatStart) / beat) * beat);
}

/** The loop's length (samples) in a selection of `length`: all of it less the crossfade, or whole bars (else whole
 * beats) of `bpm` where a tempo is known and at least one beat fits. */
export function loopLength(length: number, rate: number, bpm?: number): number {
  const free = length - loopFade(length, rate);
  if (!bpm) return free;
  const beat = (60 / bpm) * rate;
  const unit = free >= 4 * beat ? 4 * beat : beat;
  return free >= beat ? Math.round(Math.floor(free / unit) * unit) : free;
}

export function makeLoop({ store, assets }: Services): void {
  const state = store.getState();
  const range = selectedRange(state);
  const track = state.project.tracks.find((t) => t.id === targetTrackIds(state)[0]);
  const rate = state.project.sampleRate;
  if (!range || !track) {
    state.notify('error', 'Select the part to loop first (drag across it).');
    return;
  }
  if (range.end - range.start < MIN_LOOP_SECONDS * rate) {
    state.notify('error', `A loop needs at least ${MIN_LOOP_SECONDS * 1000} ms of selection.`);
    return;
  }
  // Where the beat grid is known, the loop starts on the first beat in the selection (if enough of it is left).
  const beat = onBeat(range.start, rate, track);
  const start = range.end - beat >= MIN_LOOP_SECONDS * rate ? beat : range.start;
  const length = loopLength(range.end - start, rate, track.tempoBpm);
  const fade = loopFade(range.end - start, rate);
  // The selection is read up to the loop's end plus the crossfade: what followed the loop's end rises into its start.
  const audio = trackAudio(track, assets, { start, end: start + length + fade });
  const loop = seamlessLoop(audio, Math.min(fade, Math.floor(audio[0].length / 2) - 1));
  const asset = assets.add(loop, rate);
  const seconds = (length / rate).toFixed(2);
  const bars = track.tempoBpm ? ` (${beatsIn(length, rate, track.tempoBpm)} at ${Math.round(track.tempoBpm)} BPM)` : '';
  const label = `Loop ${seconds} s${bars}`;
  const take = addTake(state.project, track.id, { start, end: start + length }, asset.id, label);
  const tracks = take.tracks.map((t) =>
    t.takeOf === track.id && t.clips.length === 1 && t.clips[0].assetId === asset.id
      ? { ...t, clips: repeats(t.clips[0], length) }
      : t,
  );
  store.getState().commit(label, { ...take, tracks });
  store
    .getState()
    .notify('info', `${label}: a take under ${track.name}, played ${LOOP_REPEATS} times (A/B to hear it).`);
}

const beatsIn = (length: number, rate: number, bpm: number) => {
  const beats = Math.round(length / ((60 / bpm) * rate));
  return beats % 4 === 0 ? `${beats / 4} bar${beats === 4 ? '' : 's'}` : `${beats} beat${beats === 1 ? '' : 's'}`;
};

const repeats = <C extends { id: string; start: number }>(clip: C, length: number): C[] =>
  Array.from({ length: LOOP_REPEATS }, (_, k) => ({
    ...clip,
    id: k === 0 ? clip.id : newId(),
    start: clip.start + k * length,
  }));
