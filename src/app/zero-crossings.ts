/** Find zero crossings, as Audacity's: the selection's edges moved to where the selected tracks' mix crosses zero
 * (within 10 ms), so a cut, split or fade there makes no click. */
import { selectedRange } from '../actions/targets';
import { nearestZeroCrossing, ZERO_CROSSING_SECONDS } from '../dsp/zero-crossing';
import { toMono } from '../dsp/channels';
import { targetTrackAudio } from './effects';
import type { Services } from './services';

export function selectZeroCrossings(services: Services): void {
  const state = services.store.getState();
  const range = selectedRange(state);
  if (!range || !state.selection) return;
  const reach = Math.round(ZERO_CROSSING_SECONDS * state.project.sampleRate);
  const edge = (at: number) => {
    const from = Math.max(0, at - reach);
    const mixes = targetTrackAudio(services, { start: from, end: at + reach + 1 }).map(toMono);
    const mix = mixes.reduce((sum, m) => sum.map((v, i) => v + m[i]), new Float32Array(mixes[0]?.length ?? 0));
    return from + nearestZeroCrossing(mix, at - from, reach);
  };
  const start = edge(range.start);
  const end = Math.max(start, edge(range.end));
  state.selectRange({ ...state.selection, start, end });
}
