/**
 * Automation of a realtime effect's settings along the timeline, as a DAW's plug-in parameter lanes: a filter swept
 * open over a build-up, a reverb brought up for a chorus, an effect faded in by its dry/wet mix. A lane is a line of
 * points (timeline sample, place in the setting's range from 0 at its bottom to 1 at its top; a frequency's range is
 * spaced in octaves), straight between points and held flat before the first and after the last. The effect chain
 * reads it every CONTROL samples of the timeline, on the same grid in playback and in exports, so both hear the same
 * settings at the same samples.
 */
import type { TrackEffect, TrackEffectKind } from './effect-chain';
import { FILTER_HZ } from './filters';
import { THRESHOLD_DB } from './compressor';
import { DRIVE_DB } from './distortion';
import { MOD_DEPTH } from './modulation';
import { WET_DB } from './reverb';
import { WIDTH_PCT } from './stereo-width';

/** A point of a lane: `gain` is the setting's place in its range, 0 to 1 (the shape the studio's lines share). */
export interface AutomationPoint {
  at: number;
  gain: number;
}

export type AutomatableParam = 'hz' | 'thresholdDb' | 'wetDb' | 'depth' | 'dryWet' | 'driveDb' | 'widthPct';

/** An effect's lanes, by the setting each moves. */
export type EffectAutomation = Partial<Record<AutomatableParam, AutomationPoint[]>>;

/** How often (timeline samples, on a grid from sample 0) automated settings are read: Web Audio's render quantum. */
export const CONTROL = 128;

interface ParamRange {
  min: number;
  max: number;
  /** Spaced by ratio (octaves) rather than evenly. */
  log?: boolean;
  name: string;
  unit: string;
}

export const PARAM_RANGES: Readonly<Record<AutomatableParam, ParamRange>> = {
  hz: { ...FILTER_HZ, log: true, name: 'Frequency', unit: ' Hz' },
  thresholdDb: { ...THRESHOLD_DB, name: 'Threshold', unit: ' dBFS' },
  wetDb: { ...WET_DB, name: 'Level', unit: ' dB' },
  depth: { ...MOD_DEPTH, name: 'Depth', unit: '' },
  dryWet: { min: 0, max: 1, name: 'Mix', unit: '' },
  driveDb: { ...DRIVE_DB, name: 'Drive', unit: ' dB' },
  widthPct: { ...WIDTH_PCT, name: 'Width', unit: ' %' },
};

/** The settings of an effect of the kind that lanes can move. */
export function automatableParams(kind: TrackEffectKind): AutomatableParam[] {
  const own: Partial<Record<TrackEffectKind, AutomatableParam[]>> = {
    filter: ['hz'],
    compressor: ['thresholdDb'],
    reverb: ['wetDb'],
    convolver: ['wetDb'],
    tremolo: ['depth'],
    phaser: ['depth'],
    flanger: ['depth'],
    distortion: ['driveDb'],
    width: ['widthPct'],
  };
  return [...(own[kind] ?? []), ...(hasDryWet(kind) ? (['dryWet'] as const) : [])];
}

/** Whether an effect of the kind takes a dry/wet mix (echo, reverb, convolution reverb and chorus set their own
 * level). */
export const hasDryWet = (kind: TrackEffectKind): boolean =>
  kind !== 'echo' && kind !== 'reverb' && kind !== 'chorus' && kind !== 'convolver';

/** The setting at a place (0 to 1) in its range. */
export function paramValue(param: AutomatableParam, place: number): number {
  const { min, max, log } = PARAM_RANGES[param];
  const p = Math.max(0, Math.min(1, place));
  return log ? min * (max / min) ** p : min + p * (max - min);
}

/** Where a setting lies in its range, 0 to 1. */
export function paramPlace(param: AutomatableParam, value: number): number {
  const { min, max, log } = PARAM_RANGES[param];
  const p = log ? Math.log(value / min) / Math.log(max / min) : (value - min) / (max - min);
  return Math.max(0, Math.min(1, p));
}

/** A lane's place at timeline sample `at`: straight between points, held before the first and after the last. */
export function placeAt(points: readonly AutomationPoint[], at: number): number {
  if (at <= points[0].at) return points[0].gain;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    if (at <= b.at) return b.at === a.at ? b.gain : a.gain + ((at - a.at) / (b.at - a.at)) * (b.gain - a.gain);
  }
  return points[points.length - 1].gain;
}

/** The lanes that have points. */
export function lanesOf(effect: TrackEffect): [AutomatableParam, AutomationPoint[]][] {
  return Object.entries(effect.automation ?? {}).filter(
    (entry): entry is [AutomatableParam, AutomationPoint[]] => (entry[1]?.length ?? 0) > 0,
  );
}

/** The effect's settings at timeline sample `at`, each automated one read off its lane. */
export function settingsAt(effect: TrackEffect, at: number): TrackEffect {
  const lanes = lanesOf(effect);
  if (lanes.length === 0) return effect;
  const settings: Record<string, unknown> = { ...effect };
  for (const [param, points] of lanes) settings[param] = paramValue(param, placeAt(points, at));
  return settings as unknown as TrackEffect;
}

/** Why the effect's lanes cannot run (a setting of the kind no lane moves, points out of range or order), or null. */
export function automationProblem(effect: TrackEffect): string | null {
  if (effect.automation === undefined) return null;
  if (typeof effect.automation !== 'object' || effect.automation === null) return 'Its automation is no set of lanes.';
  const allowed = automatableParams(effect.kind);
  for (const [param, points] of Object.entries(effect.automation)) {
    if (!allowed.includes(param as AutomatableParam)) return `No lane can move the ${effect.kind}'s ${param}.`;
    if (!Array.isArray(points)) return `The ${param} lane has no points.`;
    let last = Number.NEGATIVE_INFINITY;
    for (const p of points) {
      if (!(Number.isFinite(p?.at) && p.at >= last && p.gain >= 0 && p.gain <= 1))
        return `A point of the ${param} lane is out of order or out of range.`;
      last = p.at;
    }
  }
  return null;
}

/** A setting's value in its own units, as a lane's point reads. */
export function describeParam(param: AutomatableParam, value: number): string {
  switch (param) {
    case 'hz':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} kHz` : `${Math.round(value)} Hz`;
    case 'thresholdDb':
      return `${value.toFixed(1)} dBFS`;
    case 'wetDb':
    case 'driveDb':
      return `${value.toFixed(1)} dB`;
    case 'widthPct':
      return `${Math.round(value)} %`;
    case 'depth':
      return value.toFixed(2);
    case 'dryWet':
      return `${Math.round(value * 100)} % wet`;
  }
}
