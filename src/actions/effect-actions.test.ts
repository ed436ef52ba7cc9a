import { describe, expect, it } from 'vitest';
import { oneTrackStudio } from '../app/one-track.fixture';
import { runEffect } from '../app/effects';
import { presetBands } from '../dsp/equalizer';
import { trackAudio } from '../project/generated-ops';
import { runHere } from '../project/process-ops';
import { getAction } from './registry';

const RATE = 16000;
const tone = Float32Array.from({ length: RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 50 * i) / RATE));

describe('the equalizer actions', () => {
  it('offers Apply only when some band under the Nyquist frequency has a gain', () => {
    const { store } = oneTrackStudio([tone], RATE);
    const apply = getAction('equalize');
    expect(apply.enabled?.(store.getState())).toBe(false); // flat
    store.getState().updateParams({ eqBands: presetBands('Treble boost').map((b) => ({ ...b, hz: 8000 })) });
    expect(apply.enabled?.(store.getState())).toBe(false); // a high shelf at 16 kHz's Nyquist frequency
    store.getState().updateParams({ eqBands: presetBands('Bass cut') });
    expect(apply.enabled?.(store.getState())).toBe(true);
  });

  it('opens its panel, and applies the bands to the selection as one named undo step', async () => {
    const { store, assets, services } = oneTrackStudio([tone], RATE);
    await getAction('equalizer').perform(services);
    expect(store.getState().panel).toBe('equalizer');
    await runEffect(services, { kind: 'eq', bands: presetBands('Bass cut') }, undefined, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Equalizer (low shelf 100 Hz -12 dB)');
    const after = trackAudio(state.project.tracks[0], assets, { start: RATE / 2, end: RATE })[0];
    const peak = Math.max(...after.map(Math.abs));
    expect(20 * Math.log10(peak / 0.1)).toBeCloseTo(-10.9, 0); // 50 Hz, an octave under the shelf's 100 Hz
  });
});

describe('Silence audio', () => {
  it('makes the selection silent where it is, its length and what follows kept', async () => {
    const { store, assets, services } = oneTrackStudio([tone], RATE, { start: RATE / 4, end: RATE / 2 });
    expect(getAction('silenceAudio').enabled?.(store.getState())).toBe(true);
    await runEffect(services, { kind: 'silence' }, undefined, runHere);
    const state = store.getState();
    expect(state.history.past.at(-1)?.label).toBe('Silence');
    const [after] = trackAudio(state.project.tracks[0], assets, { start: 0, end: RATE });
    expect(after.length).toBe(RATE);
    expect(after.subarray(RATE / 4, RATE / 2).every((v) => v === 0)).toBe(true);
    expect(after.subarray(RATE / 2)).toEqual(tone.subarray(RATE / 2));
    expect(after.subarray(0, RATE / 4)).toEqual(tone.subarray(0, RATE / 4));
  });
});

describe('previews', () => {
  it('offer the effect each button would apply, from the current settings', () => {
    const { store } = oneTrackStudio([tone], RATE);
    store.getState().updateParams({ reverbWetDb: -6, gateThresholdDb: -50 });
    const state = store.getState();
    expect(getAction('reverb').preview?.(state)).toEqual({ kind: 'reverb', decaySeconds: 1.5, wetDb: -6 });
    expect(getAction('gate').preview?.(state)).toEqual({ kind: 'gate', thresholdDb: -50, reductionDb: -20 });
    expect(getAction('limit').preview?.(state)).toEqual({
      kind: 'limit',
      ceilingDb: -1,
      releaseMs: 100,
      truePeak: false,
    });
    expect(getAction('gain').preview?.(state)).toEqual({ kind: 'gain', db: 3, band: undefined });
    expect(getAction('equalize').preview?.(state)).toBeNull(); // flat: nothing to hear
    expect(getAction('dehum').preview).toBeUndefined(); // it finds the hum first
    expect(getAction('fadeIn').preview).toBeUndefined(); // over the whole selection, not its first seconds
  });
});
