/** Generate signal, as Audacity's Generate menu: a tone, chirp, noise, telephone keys or a click track into the
 * project. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { renderSignal, signalName, signalProblem } from '../dsp/signals';
import { placeAsset } from '../project/generated-ops';
import type { Services } from './services';

/** Makes the panel's signal over the selection on its tracks, replacing what was there (the selection sets the length;
 * telephone keys take as long as their digits), or, with nothing selected, at the playhead on a new track. One undo
 * step; bad settings are said in words and change nothing. */
export function generateSignal({ store, assets }: Services): void {
  const state = store.getState();
  const s = state.signal;
  const rate = state.project.sampleRate;
  const problem = signalProblem(s, rate);
  if (problem) {
    state.notify('error', problem);
    return;
  }
  const range = selectedRange(state);
  const trackIds = range ? targetTrackIds(state) : [];
  const at = range?.start ?? state.playhead;
  const samples = renderSignal(s, rate, range ? range.end - range.start : Math.round(s.seconds * rate));
  const asset = assets.add([samples], rate);
  const name = signalName(s);
  const onto = trackIds.length ? trackIds : [null];
  const project = onto.reduce((p, id) => placeAsset(p, id, at, asset.id, samples.length, name), state.project);
  state.commit(`Generate ${name}`, project);
}
