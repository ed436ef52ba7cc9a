/** Effect chains kept by name, as a DAW's FX-chain presets and Audacity's user presets: a track's, a bus's or the
 * master's chain saved, then loaded onto any host (its effects added after the host's own, with their settings).
 * A few built-in chains to start from; the user's own are kept in the browser
 * (src/persist/presets-storage.ts). */
import { type TrackEffect, trackEffectProblem } from '../dsp/effect-chain';
import { presetBands } from '../dsp/equalizer';
import { MULTIBAND_DEFAULTS } from '../dsp/multiband';
import { forBus } from './buses';
import { addEffects, type EffectHost } from './track-effects';
import type { TrackEdit } from './track-ops';
import { newId, type Project } from './types';

export interface ChainPreset {
  name: string;
  effects: TrackEffect[];
}

/** The longest name a saved chain may have. */
export const CHAIN_NAME_MAX = 60;

const on = (id: string) => ({ id, on: true });

/** Chains comparable tools start users with: a spoken voice made clean and even, a sung one tuned and polished (as
 * the vocal chains of a DAW's presets: pitch correction first, so the rest hears the tuned voice; the de-esser after
 * the compressor, which brings the esses up), a mix made loud without overs, or warmed (tube saturation in parallel),
 * widened with its lows kept mono, compressed band by band and made loud, a telephone's narrow band, and a wide, swirling wash for pads and
 * guitars. */
export const BUILT_IN_CHAINS: readonly ChainPreset[] = [
  {
    name: 'Voice: clean and even',
    effects: [
      { ...on('v1'), kind: 'filter', type: 'highpass', hz: 80 },
      { ...on('v2'), kind: 'gate', thresholdDb: -50, reductionDb: -20 },
      { ...on('v3'), kind: 'eq', bands: presetBands('Voice clarity') },
      { ...on('v4'), kind: 'compressor', thresholdDb: -20, ratio: 3, makeupDb: 4 },
    ],
  },
  {
    name: 'Vocal: tuned and polished',
    effects: [
      { ...on('s1'), kind: 'tune', tonic: null, mode: 'major', speedMs: 20, strength: 100, humanize: 40 },
      { ...on('s2'), kind: 'filter', type: 'highpass', hz: 100 },
      { ...on('s3'), kind: 'eq', bands: presetBands('Voice clarity') },
      { ...on('s4'), kind: 'compressor', thresholdDb: -22, ratio: 4, makeupDb: 5 },
      { ...on('s5'), kind: 'deess', hz: 6000, thresholdDb: -28, maxReductionDb: 8 },
      { ...on('s6'), kind: 'reverb', decaySeconds: 1.2, wetDb: -18 },
    ],
  },
  {
    name: 'Master: loud and safe',
    effects: [
      { ...on('m1'), kind: 'compressor', thresholdDb: -14, ratio: 2, makeupDb: 2 },
      { ...on('m2'), kind: 'limiter', ceilingDb: -1, releaseMs: 50 },
    ],
  },
  {
    name: 'Master: warm and wide',
    effects: [
      { ...on('k1'), kind: 'distortion', curve: 'tube', driveDb: 3, outputDb: -3, dryWet: 0.5 },
      { ...on('k2'), kind: 'width', widthPct: 120, monoBelowHz: 120 },
      { ...on('k3'), kind: 'multiband', ...MULTIBAND_DEFAULTS },
      { ...on('k4'), kind: 'limiter', ceilingDb: -1, releaseMs: 50 },
    ],
  },
  { name: 'Telephone', effects: [{ ...on('t1'), kind: 'eq', bands: presetBands('Telephone') }] },
  {
    name: 'Wide wash',
    effects: [
      { ...on('w1'), kind: 'phaser', rateHz: 0.3, depth: 0.6, feedback: 0.4 },
      { ...on('w2'), kind: 'chorus', rateHz: 0.8, depthMs: 4, mix: 0.6 },
      { ...on('w3'), kind: 'reverb', decaySeconds: 2.5, wetDb: -10 },
    ],
  },
];

/** The saved chains with the host's effects saved as `name` (one of the same name replaced); an empty or built-in
 * name, or a host with no effects, throws with the reason. */
export function saveChainPreset(
  saved: readonly ChainPreset[],
  name: string,
  effects: readonly TrackEffect[],
): ChainPreset[] {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('Name the chain to save it.');
  if (trimmed.length > CHAIN_NAME_MAX) throw new Error(`A chain's name is at most ${CHAIN_NAME_MAX} characters.`);
  if (BUILT_IN_CHAINS.some((c) => c.name === trimmed))
    throw new Error(`“${trimmed}” is a built-in chain; save under another name.`);
  if (effects.length === 0) throw new Error('There are no effects here to save.');
  // A chain is its effects and settings; lanes belong to where they were drawn on the timeline.
  const preset = { name: trimmed, effects: effects.map(({ automation: _lanes, ...e }) => ({ ...e }) as TrackEffect) };
  return [...saved.filter((c) => c.name !== trimmed), preset].sort((a, b) => a.name.localeCompare(b.name));
}

export const deleteChainPreset = (saved: readonly ChainPreset[], name: string): ChainPreset[] =>
  saved.filter((c) => c.name !== name);

/** The preset's effects added after the host's own, as new effects (on an effect bus an echo or a reverb is wet
 * only, as one added there is); one undo step. */
export function loadChainPreset(project: Project, host: EffectHost, preset: ChainPreset, onBus: boolean): TrackEdit {
  const copies = preset.effects.map((e) => {
    const copy = { ...e, id: newId() };
    return onBus ? forBus(copy) : copy;
  });
  return addEffects(project, host, copies, `Load chain ${preset.name}`);
}

/** Why a stored value is not a chain that can run, or null. */
export function chainPresetProblem(value: unknown): string | null {
  const preset = value as Partial<ChainPreset> | null;
  if (typeof preset !== 'object' || preset === null || typeof preset.name !== 'string' || !preset.name.trim())
    return 'a chain without a name';
  if (!Array.isArray(preset.effects) || preset.effects.length === 0) return `“${preset.name}” has no effects`;
  for (const effect of preset.effects) {
    const slot = typeof effect === 'object' && effect !== null && typeof effect.id === 'string';
    const problem = slot && typeof effect.on === 'boolean' ? trackEffectProblem(effect) : 'not an effect';
    if (problem) return `“${preset.name}”: ${problem}`;
  }
  return null;
}
