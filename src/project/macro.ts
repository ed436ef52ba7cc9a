/**
 * Macros, as Audacity's: effects in order, each with its settings, recorded while the user applies them and run again
 * on another selection or on a batch of files (every episode of a podcast normalized and limited the same way). Only
 * effects whose settings say all they do are kept: one that measured the selection it ran on (Auto duck's spans,
 * Truncate silence's cuts, De-hum's hum, Reduce noise's profile, Attenuate's surroundings, Match EQ's gains, a gain
 * in a band drawn on one recording's spectrogram) would not fit another recording.
 */
import { type EffectSpec, effectLabel, type PieceData } from './effects';
import type { EffectRunner } from './process-ops';
import { newId } from './types';

export interface MacroStep {
  id: string;
  /** As the undo history names it. */
  label: string;
  spec: EffectSpec;
}

const PORTABLE = new Set<EffectSpec['kind']>([
  'fade',
  'gain',
  'normalizePeak',
  'normalizeLoudness',
  'reverse',
  'pitch',
  'tempo',
  'speed',
  'paulstretch',
  'filter',
  'eq',
  'reverb',
  'echo',
  'tremolo',
  'phaser',
  'chorus',
  'distortion',
  'gate',
  'level',
  'deess',
  'channels',
  'center',
  'declip',
  'declick',
  'limit',
  'compress',
  'correctPitch',
  'formants',
]);

/** Whether the effect can be run again on other audio as it is. */
export const isPortable = (spec: EffectSpec) => PORTABLE.has(spec.kind) && !(spec.kind === 'gain' && spec.band);

export const macroStep = (spec: EffectSpec): MacroStep => ({ id: newId(), label: effectLabel(spec), spec });

/** The steps run one after another over the whole of `channels` (a file's audio), each where `run` runs effects. */
export async function runMacro(
  steps: readonly MacroStep[],
  channels: Float32Array[],
  rate: number,
  run: EffectRunner,
): Promise<Float32Array[]> {
  let audio = channels;
  for (const { spec } of steps) {
    const length = audio[0]?.length ?? 0;
    const pieces: PieceData[] = [{ start: 0, length, channels: audio }];
    const result = await run(spec, pieces, { start: 0, end: length }, rate);
    audio = result.channels[0];
  }
  return audio;
}
