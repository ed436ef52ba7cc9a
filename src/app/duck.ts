/** Auto duck over the selection (src/dsp/duck.ts): the selected tracks (the music) go down wherever the project's
 * other unmuted tracks (the voice) sound, as one undoable step in the analysis worker; where and how much is said,
 * and a selection with no voice over it is said to have none and left as it was. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { DUCK_FADE_SECONDS, voiceSpans } from '../dsp/duck';
import { mixdown } from '../project/mixdown';
import type { EffectRunner } from '../project/process-ops';
import { runEffect } from './effects';
import type { Services } from './services';

const names = (tracks: { name: string }[]) => tracks.map((t) => `“${t.name}”`).join(', ');

export async function autoDuck(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store, assets } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { project, params } = state;
  const targets = targetTrackIds(state);
  const ducked = project.tracks.filter((t) => targets.includes(t.id));
  const voices = project.tracks.filter((t) => !targets.includes(t.id) && !t.mute);
  if (voices.length === 0)
    return state.notify(
      'info',
      'Auto duck turns the selected tracks down under the others: select the music, and leave the voice unselected.',
    );
  // The voice is heard a fade beyond the selection, so a phrase just after it starts the music down in time.
  const fade = Math.round(DUCK_FADE_SECONDS * project.sampleRate);
  const heard = { start: Math.max(0, range.start - fade), end: range.end + fade };
  const control = mixdown(project, assets, { range: heard, trackIds: voices.map((t) => t.id) });
  const spans = voiceSpans(control, project.sampleRate, params.duckThresholdDb)
    .map((s) => ({ start: s.start + heard.start, end: s.end + heard.start }))
    .filter((s) => s.end + fade > range.start && s.start - fade < range.end);
  if (spans.length === 0)
    return state.notify(
      'info',
      `Nothing on ${names(voices)} rises over ${params.duckThresholdDb} dBFS in the selection: nothing was ducked.`,
    );
  if (!(await runEffect(services, { kind: 'duck', spans, amountDb: params.duckAmountDb }, undefined, run))) return;
  const seconds = spans.reduce((sum, s) => sum + s.end - s.start, 0) / project.sampleRate;
  const places = `${spans.length} place${spans.length === 1 ? '' : 's'}`;
  store
    .getState()
    .notify(
      'info',
      `Ducked ${names(ducked)} by ${-params.duckAmountDb} dB under ${names(voices)} in ${places} (${seconds.toFixed(1)} s).`,
    );
}
