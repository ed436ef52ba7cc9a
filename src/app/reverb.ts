/** Reverb over the selection (src/dsp/reverb.ts), one undoable step in the analysis worker. The tail stops at the
 * selection's end, as in Audacity; where sound still rings in the selection's last decay time, the user is told how
 * to keep the whole tail. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { peakOf } from '../dsp/gain';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

/** Sound in the selection's last decay time quieter than this (dBFS peak) leaves no tail worth telling about. */
const RINGING_DB = -50;

export async function reverbSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { reverbDecaySeconds: decaySeconds, reverbWetDb: wetDb } = state.params;
  const lastStart = Math.max(range.start, range.end - Math.round(decaySeconds * state.project.sampleRate));
  const ringing =
    peakOf(targetTrackAudio(services, { start: lastStart, end: range.end }).flat()) > 10 ** (RINGING_DB / 20);
  if (!(await runEffect(services, { kind: 'reverb', decaySeconds, wetDb }, undefined, run))) return;
  const done = `Reverb added (${decaySeconds} s decay, ${wetDb} dB).`;
  store
    .getState()
    .notify(
      'info',
      ringing
        ? `${done} Its tail stops at the selection's end: select ${decaySeconds} s of silence after the sound too, to hear it die away.`
        : done,
    );
}
