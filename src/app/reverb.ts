/** Reverb and Echo over the selection (src/dsp/reverb.ts, src/dsp/echo.ts), each one undoable step in the analysis
 * worker. Their tails stop at the selection's end, as in Audacity; where sound still rings in the selection's last
 * stretch as long as the tail, the user is told how to keep the whole of it. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { echoTailSeconds } from '../dsp/echo';
import { peakOf } from '../dsp/gain';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

/** Sound in the selection's last stretch quieter than this (dBFS peak) leaves no tail worth telling about. */
const RINGING_DB = -50;

/** `done`, and how to hear the whole tail where sound rings in the selection's last `tailSeconds`. */
function withTailNote(services: Services, done: string, tailSeconds: number): string {
  const state = services.store.getState();
  const range = selectedRange(state)!;
  const lastStart = Math.max(range.start, range.end - Math.round(tailSeconds * state.project.sampleRate));
  const ringing =
    peakOf(targetTrackAudio(services, { start: lastStart, end: range.end }).flat()) > 10 ** (RINGING_DB / 20);
  const seconds = Number(tailSeconds.toFixed(1));
  return ringing
    ? `${done} Its tail stops at the selection's end: select ${seconds} s of silence after the sound too, to hear it die away.`
    : done;
}

export async function reverbSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const state = services.store.getState();
  if (!selectedRange(state)) return;
  const { reverbDecaySeconds: decaySeconds, reverbWetDb: wetDb } = state.params;
  const note = withTailNote(services, `Reverb added (${decaySeconds} s decay, ${wetDb} dB).`, decaySeconds);
  if (!(await runEffect(services, { kind: 'reverb', decaySeconds, wetDb }, undefined, run))) return;
  services.store.getState().notify('info', note);
}

export async function echoSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const state = services.store.getState();
  if (!selectedRange(state)) return;
  const { echoDelaySeconds: delaySeconds, echoDecay: decay } = state.params;
  if (decay === 0) return state.notify('info', 'An echo that decays by 0 has no repeats: nothing was changed.');
  const spec = { kind: 'echo', delaySeconds, decay } as const;
  const note = withTailNote(
    services,
    `Echo added (every ${delaySeconds} s, each repeat ${(20 * Math.log10(decay)).toFixed(1)} dB under the last).`,
    echoTailSeconds(spec),
  );
  if (!(await runEffect(services, spec, undefined, run))) return;
  services.store.getState().notify('info', note);
}
