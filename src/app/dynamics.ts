/** Limit and Compress over the selection (src/dsp/limiter.ts, src/dsp/compressor.ts), each one undoable step in the
 * analysis worker: how far the sound was turned down is said, and a selection they would not change is said to be
 * and left as it was. */
import { selectedRange } from '../actions/targets';
import { runInWorker } from '../client/effect-runner';
import { gainToDb, peakOf } from '../dsp/gain';
import { closedShare, gateGainDb } from '../dsp/gate';
import { levelingCurve } from '../dsp/leveler';
import { truePeak as truePeakOf } from '../dsp/true-peak';
import type { EffectRunner } from '../project/process-ops';
import type { Project } from '../project/types';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export async function limitSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { limitCeilingDb: ceilingDb, limitReleaseMs: releaseMs, limitPeaks } = state.params;
  const truePeak = limitPeaks === 'true';
  const unit = truePeak ? 'dBTP' : 'dBFS';
  const audio = targetTrackAudio(services, range);
  const peak = truePeak
    ? Math.max(0, ...audio.map((a) => truePeakOf(a, state.project.sampleRate)))
    : peakOf(audio.flat());
  const over = gainToDb(peak) - ceilingDb;
  if (!(over > 0))
    return state.notify('info', `Nothing in the selection goes over ${ceilingDb} ${unit}: nothing was changed.`);
  if (!(await runEffect(services, { kind: 'limit', ceilingDb, releaseMs, truePeak }, undefined, run))) return;
  store.getState().notify('info', `Limited to ${ceilingDb} ${unit}: the loudest peak came down ${over.toFixed(1)} dB.`);
}

export async function compressSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { compressThresholdDb: thresholdDb, compressRatio: ratio } = state.params;
  const before = targetTrackAudio(services, range, state.project).flat();
  let most = -1;
  const turnedDown = (project: Project) => {
    most = deepestCut(before, targetTrackAudio(services, range, project).flat());
    return most > 0;
  };
  const applied = await runEffect(services, { kind: 'compress', thresholdDb, ratio }, undefined, run, turnedDown);
  if (most < 0) return; // not run: the project changed meanwhile (said)
  if (!applied)
    return store
      .getState()
      .notify('info', `Nothing in the selection rises over ${thresholdDb} dBFS RMS: nothing was changed.`);
  store
    .getState()
    .notify('info', `Compressed over ${thresholdDb} dBFS at ${ratio}:1: turned down by up to ${most.toFixed(1)} dB.`);
}

export async function gateSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { gateThresholdDb: thresholdDb, gateReductionDb: reductionDb } = state.params;
  // Only the gain is needed here to say how much the gate closes on; the worker gates the audio itself.
  const gainDb = gateGainDb(targetTrackAudio(services, range).flat(), state.project.sampleRate, {
    thresholdDb,
    reductionDb,
  });
  const closed = closedShare(gainDb, reductionDb);
  if (closed === 0)
    return state.notify('info', `Nothing in the selection stays under ${thresholdDb} dBFS: nothing was changed.`);
  if (!(await runEffect(services, { kind: 'gate', thresholdDb, reductionDb }, undefined, run))) return;
  store
    .getState()
    .notify(
      'info',
      `Gated under ${thresholdDb} dBFS: ${Math.round(100 * closed)} % of the selection turned down ${-reductionDb} dB.`,
    );
}

/** Level speech over the selection (src/dsp/leveler.ts): says how far it raised and lowered, or that nothing rose over
 * its gate (then nothing changes). */
export async function levelSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { levelTargetLufs: targetLufs, levelMaxGainDb: maxGainDb } = state.params;
  const curves = targetTrackAudio(services, range).map((audio) =>
    levelingCurve(audio, state.project.sampleRate, { targetLufs, maxGainDb }),
  );
  if (!curves.some((c) => c.heard))
    return state.notify(
      'info',
      'Nothing in the selection rises over -70 LUFS (400 ms): there is no speech to level, nothing was changed.',
    );
  if (!(await runEffect(services, { kind: 'level', targetLufs, maxGainDb }, undefined, run))) return;
  const gains = curves.flatMap((c) => [...c.gainsDb]);
  const [low, high] = [Math.min(...gains), Math.max(...gains)];
  store
    .getState()
    .notify('info', `Levelled speech to ${targetLufs} LUFS: gain from ${signed(low)} to ${signed(high)} dB.`);
}

const signed = (db: number) => `${db >= 0 ? '+' : ''}${db.toFixed(1)}`;

/** De-ess the selection (src/dsp/deess.ts): says how much of it was sibilance turned down, or that none rose over the
 * threshold (then nothing changes). */
export async function deessSelection(services: Services, run: EffectRunner = runInWorker): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const { deessHz: hz, deessThresholdDb: thresholdDb, deessReductionDb: maxReductionDb } = state.params;
  const spec = { kind: 'deess', hz, thresholdDb, maxReductionDb } as const;
  // What is not sibilance comes back bit for bit, so the share turned down is the share of samples that changed.
  const before = targetTrackAudio(services, range, state.project).flat();
  let share = -1;
  const turnedDown = (project: Project) => {
    share = changedShare(before, targetTrackAudio(services, range, project).flat());
    return share > 0;
  };
  const applied = await runEffect(services, spec, undefined, run, turnedDown);
  if (share < 0) return; // not run: the project changed meanwhile (said)
  if (!applied)
    return store
      .getState()
      .notify('info', `No sibilance over ${hz} Hz rises over ${thresholdDb} dBFS: nothing was changed.`);
  store
    .getState()
    .notify(
      'info',
      `De-essed over ${hz} Hz: ${Math.round(100 * share)} % of the selection turned down, by up to ${maxReductionDb} dB.`,
    );
}

/** The most any sample was turned down from `before` to `after`, dB (samples near silence left out). */
/** The share of sample positions (0 to 1) where any channel of `after` differs from `before`. */
function changedShare(before: Float32Array[], after: Float32Array[]): number {
  const length = before[0]?.length ?? 0;
  let changed = 0;
  for (let i = 0; i < length; i++) if (before.some((b, c) => b[i] !== after[c][i])) changed++;
  return length ? changed / length : 0;
}

function deepestCut(before: Float32Array[], after: Float32Array[]): number {
  let least = 1;
  before.forEach((c, ch) => {
    for (let n = 0; n < c.length; n++) if (Math.abs(c[n]) > 1e-4) least = Math.min(least, after[ch][n] / c[n]);
  });
  return -20 * Math.log10(least);
}
