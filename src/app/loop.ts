/**
 * Make a loop of the selection: its end crossfaded into its start (src/dsp/loop.ts), on whole bars where the music's
 * tempo is known (Analyze's on the track, else the project's), landing as a take under the track with the loop played
 * four times, to hear it wrap.
 */
import { targetTrackIds, selectedRange } from '../actions/targets';
import { loopFade, seamlessLoop } from '../dsp/loop';
import { addTake, trackAudio } from '../project/generated-ops';
import { barLength, type BeatGrid, beatLength, musicGrid } from '../project/tempo';
import { newId } from '../project/types';
import type { Services } from './services';

export const LOOP_REPEATS = 4;
const MIN_LOOP_SECONDS = 0.2;

/** The first beat at or after `at` (samples) on `grid`, where there is one; else `at` itself. */
export function onBeat(at: number, rate: number, grid: BeatGrid | null): number {
  if (!grid) return at;
  const beat = beatLength(grid, rate);
  return Math.round(grid.downbeat + Math.ceil((at - grid.downbeat) / beat) * beat);
}

/** The last beat at or before `at` on `grid`, where there is one; else `at` itself. */
export function beatBefore(at: number, rate: number, grid: BeatGrid | null): number {
  if (!grid) return at;
  const beat = beatLength(grid, rate);
  return Math.round(grid.downbeat + Math.floor((at - grid.downbeat) / beat) * beat);
}

/** The loop's length (samples) in a selection of `length`: all of it less the crossfade, or whole bars (else whole
 * beats) of `grid` where a tempo is known and at least one beat fits. */
export function loopLength(length: number, rate: number, grid?: BeatGrid | null): number {
  const free = length - loopFade(length, rate);
  if (!grid) return free;
  const beat = beatLength(grid, rate);
  const unit = free >= barLength(grid, rate) ? barLength(grid, rate) : beat;
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
  const grid = musicGrid(state.project, track);
  const beat = onBeat(range.start, rate, grid);
  const start = range.end - beat >= MIN_LOOP_SECONDS * rate ? beat : range.start;
  const length = loopLength(range.end - start, rate, grid);
  const fade = loopFade(range.end - start, rate);
  // The selection is read up to the loop's end plus the crossfade: what followed the loop's end rises into its start.
  const audio = trackAudio(track, assets, { start, end: start + length + fade });
  const loop = seamlessLoop(audio, Math.min(fade, Math.floor(audio[0].length / 2) - 1));
  const asset = assets.add(loop, rate);
  const seconds = (length / rate).toFixed(2);
  const bars = grid ? ` (${barsOf(length, rate, grid)} at ${Math.round(grid.bpm)} BPM)` : '';
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

/** A loop's length in words: whole bars where it is, else beats. */
const barsOf = (length: number, rate: number, grid: BeatGrid) => {
  const beats = Math.round(length / beatLength(grid, rate));
  const bars = beats / grid.beatsPerBar;
  return Number.isInteger(bars) ? `${bars} bar${bars === 1 ? '' : 's'}` : `${beats} beat${beats === 1 ? '' : 's'}`;
};

const repeats = <C extends { id: string; start: number }>(clip: C, length: number): C[] =>
  Array.from({ length: LOOP_REPEATS }, (_, k) => ({
    ...clip,
    id: k === 0 ? clip.id : newId(),
    start: clip.start + k * length,
  }));
