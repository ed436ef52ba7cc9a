/** EQ Match over the selection (src/dsp/eq-match.ts): Take EQ reference hears a selection's tonal balance, Match EQ
 * gives it to another selection in one undoable step and says how far it raised and lowered which frequencies. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { matchExtremes, matchGains } from '../dsp/eq-match';
import { frameSize, MIN_PROFILE_SECONDS, meanSpectrum } from '../dsp/noise-reduction';
import type { EffectRunner } from '../project/process-ops';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

/** The selected tracks' mean spectrum over the selection, or null where it is shorter than a tenth of a second. */
function selectionSpectrum(services: Services) {
  const state = services.store.getState();
  const range = selectedRange(state);
  const rate = state.project.sampleRate;
  if (!range || range.end - range.start < Math.max(frameSize(rate), MIN_PROFILE_SECONDS * rate)) return null;
  return meanSpectrum(targetTrackAudio(services, range).flat(), rate);
}

export function takeEqReference(services: Services): void {
  const state = services.store.getState();
  const spectrum = selectionSpectrum(services);
  if (!spectrum) {
    state.notify('info', 'Select at least a tenth of a second of the sound to match.');
    return;
  }
  const range = selectedRange(state)!;
  const seconds = (range.end - range.start) / state.project.sampleRate;
  state.set({ eqReference: { spectrum, seconds } });
  state.notify(
    'info',
    `EQ reference taken from ${seconds.toFixed(2)} s. Select what should sound like it and use Match EQ.`,
  );
}

const hz = (f: number) => (f >= 1000 ? `${(f / 1000).toFixed(1)} kHz` : `${Math.round(f)} Hz`);
const signedDb = (db: number) => `${db >= 0 ? '+' : ''}${db.toFixed(1)} dB`;

export async function matchEqSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  if (!state.eqReference) return state.notify('info', 'Take an EQ reference first: select the sound to match.');
  const spectrum = selectionSpectrum(services);
  if (!spectrum) return state.notify('info', 'Select at least a tenth of a second to match.');
  const match = matchGains(state.eqReference.spectrum, spectrum);
  if (!(await runEffect(services, { kind: 'eqMatch', ...match }, undefined, run))) return;
  const { raiseDb, raiseHz, lowerDb, lowerHz } = matchExtremes(match);
  store
    .getState()
    .notify(
      'info',
      `Matched the reference's EQ: up to ${signedDb(raiseDb)} at ${hz(raiseHz)}, down to ${signedDb(lowerDb)} at ${hz(lowerHz)}.`,
    );
}
