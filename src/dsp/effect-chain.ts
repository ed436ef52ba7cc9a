/**
 * Realtime effects, as a DAW's insert slots or Audacity's realtime effects: an equalizer, filters, a compressor, a
 * multiband compressor, a limiter, a noise gate, a transient shaper, a de-esser, distortion, stereo width, tremolo,
 * phaser, chorus, flanger, echo, reverb and pitch correction that change how a track (or an effect bus, or the
 * master) sounds without changing its clips. One chain runs them in order over blocks of samples, carrying each
 * effect's memory from block to block; the player runs it in an AudioWorklet 128 frames at a time and the mixdown over
 * the whole range, the same code both ways, so an export sounds as playback did. The limiter, the gate and the
 * de-esser look ahead, distortion waits for its oversampler's reach, and pitch correction hears a voice's next
 * periods, so their sound comes out late: a chain says how late (`latency`), and the mixdown and the player feed it
 * that much early, as a DAW's delay compensation. A chain
 * knows which timeline sample it is at, so the modulation effects' LFOs and the automation lanes
 * (src/dsp/effect-automation.ts) are where the timeline puts them wherever playback starts and in the export. A keyed
 * compressor (a sidechain) hears another track's sound, given with each block.
 */
import { Compressor, RATIO, THRESHOLD_DB } from './compressor';
import {
  type Convolution,
  ConvolutionLine,
  convolutionLatency,
  convolutionProblem,
  type Impulses,
  convolutionSeconds,
} from './convolution';
import { type EqBand, eqProblem, eqSections } from './equalizer';
import { type Biquad, BiquadState, butterworth, FILTER_HZ, type FilterType } from './filters';
import { ECHO_DECAY, ECHO_DELAY_SECONDS, EchoLine, type Echoing } from './echo';
import { automationProblem, CONTROL, type EffectAutomation, hasDryWet, lanesOf, settingsAt } from './effect-automation';
import { type DeEssing, DEESS_HZ, DEESS_REDUCTION_DB, DEESS_THRESHOLD_DB } from './deess';
import { DeEssLine, deessLatency } from './deess-line';
import { DISTORTION_CURVES, DISTORTION_OUTPUT_DB, type Distortion, DRIVE_DB } from './distortion';
import { DistortionLine, distortionLatency } from './distortion-line';
import { type Multiband, MultibandLine, multibandProblem } from './multiband';
import { dbToGain } from './gain';
import { GATE_REDUCTION_DB, GATE_THRESHOLD_DB, type Gating, GateLine, gateLatency } from './gate';
import { CEILING_DB, type Limiting, RELEASE_MS } from './limiter';
import { LimiterLine, limiterLatency } from './limiter-line';
import {
  CHORUS_DEPTH_MS,
  type Chorus,
  ChorusLine,
  type Flanger,
  FlangerLine,
  MOD_DEPTH,
  MOD_RATE_HZ,
  type ModulationLine,
  PHASER_FEEDBACK,
  type Phaser,
  PhaserLine,
  type Tremolo,
  TremoloLine,
} from './modulation';
import { correctionProblem, type PitchCorrection } from './pitch-correct';
import { PitchCorrectLine, pitchLineLatency } from './pitch-line';
import { DECAY_SECONDS, impulseNorm, ReverbNetwork, type Reverberation, WET_DB } from './reverb';
import { type StereoWidth, WidthLine, widthProblem } from './stereo-width';
import { shapingProblem, TransientLine, type TransientShaping } from './transient';

interface Slot {
  id: string;
  /** Off: bypassed (kept with its settings, not heard). */
  on: boolean;
  /** The effect's share against the dry sound, 0 to 1 (absent: all effect), as a DAW's dry/wet knob: a compressor at
   * half is parallel compression. Not for echo, reverb and chorus, which set their own level. */
  dryWet?: number;
  /** Lanes moving some of its settings along the timeline (src/dsp/effect-automation.ts); they override the
   * settings they move. */
  automation?: EffectAutomation;
}

export type TrackEffect = Slot &
  (
    | { kind: 'eq'; bands: EqBand[] }
    | { kind: 'filter'; type: FilterType; hz: number }
    | {
        kind: 'compressor';
        thresholdDb: number;
        ratio: number;
        makeupDb: number;
        /** A sidechain: the track whose clips its detector hears instead of the sound it turns down (ducking). */
        key?: string;
      }
    | ({ kind: 'limiter' } & Pick<Limiting, 'ceilingDb' | 'releaseMs'>)
    | ({ kind: 'gate' } & Gating)
    | ({ kind: 'multiband' } & Multiband)
    | ({ kind: 'transient' } & TransientShaping)
    | ({ kind: 'deess' } & DeEssing & { listen?: boolean })
    | ({ kind: 'distortion' } & Distortion)
    | ({ kind: 'width' } & StereoWidth)
    | ({ kind: 'tremolo' } & Tremolo)
    | ({ kind: 'phaser' } & Phaser)
    | ({ kind: 'chorus' } & Chorus)
    | ({ kind: 'flanger' } & Flanger)
    | ({ kind: 'echo' } & Echoing & Wet)
    | ({ kind: 'reverb' } & Reverberation & Wet)
    /** A convolution reverb (src/dsp/convolution.ts): a loaded or built-in impulse response. */
    | ({ kind: 'convolver' } & Convolution)
    /** Pitch correction as it plays (src/dsp/pitch-line.ts), as Auto-Tune on an insert. */
    | ({ kind: 'tune' } & PitchCorrection)
  );

/** For an echo or a reverb on an effect bus (an aux return): `wetOnly` leaves out the dry sound, which the tracks
 * play themselves, so only the repeats or the tail come back. */
interface Wet {
  wetOnly?: boolean;
}

export type TrackEffectKind = TrackEffect['kind'];

export const MAKEUP_DB = { min: 0, max: 24 } as const;

export { hasDryWet };

/** Why the effect cannot run, or null: every setting inside its bounds. */
export function trackEffectProblem(effect: TrackEffect): string | null {
  if (effect.dryWet !== undefined) {
    if (!hasDryWet(effect.kind)) return `The ${effect.kind} sets its own level: it has no dry/wet mix.`;
    if (!(effect.dryWet >= 0 && effect.dryWet <= 1)) return `An effect's dry/wet mix must be 0 to 100 %.`;
  }
  return settingsProblem(effect) ?? automationProblem(effect);
}

function settingsProblem(effect: TrackEffect): string | null {
  const outside = (v: number, { min, max }: { min: number; max: number }) => !(v >= min && v <= max);
  switch (effect.kind) {
    case 'eq':
      return eqProblem(effect.bands);
    case 'filter':
      if (effect.type !== 'highpass' && effect.type !== 'lowpass') return `A filter is high-pass or low-pass.`;
      return outside(effect.hz, FILTER_HZ)
        ? `A filter's frequency must be ${FILTER_HZ.min} to ${FILTER_HZ.max} Hz.`
        : null;
    case 'compressor':
      if (effect.key !== undefined && typeof effect.key !== 'string') return `A compressor's key is a track.`;
      if (outside(effect.thresholdDb, THRESHOLD_DB))
        return `The compressor's threshold must be ${THRESHOLD_DB.min} to ${THRESHOLD_DB.max} dBFS.`;
      if (outside(effect.ratio, RATIO)) return `The compressor's ratio must be ${RATIO.min} to ${RATIO.max}.`;
      if (outside(effect.makeupDb, MAKEUP_DB))
        return `The compressor's make-up gain must be ${MAKEUP_DB.min} to ${MAKEUP_DB.max} dB.`;
      return null;
    case 'limiter':
      return firstOutside(effect, [
        ['ceilingDb', CEILING_DB, "The limiter's ceiling", ' dBFS'],
        ['releaseMs', RELEASE_MS, "The limiter's release", ' ms'],
      ]);
    case 'gate':
      return firstOutside(effect, [
        ['thresholdDb', GATE_THRESHOLD_DB, "The gate's threshold", ' dBFS'],
        ['reductionDb', GATE_REDUCTION_DB, "The gate's reduction", ' dB'],
      ]);
    case 'multiband':
      return multibandProblem(effect);
    case 'transient':
      return shapingProblem(effect);
    case 'deess':
      if (effect.listen !== undefined && typeof effect.listen !== 'boolean') return "A de-esser's Listen is on or off.";
      return firstOutside(effect, [
        ['hz', DEESS_HZ, "The de-esser's frequency", ' Hz'],
        ['thresholdDb', DEESS_THRESHOLD_DB, "The de-esser's threshold", ' dBFS'],
        ['maxReductionDb', DEESS_REDUCTION_DB, "The de-esser's reduction", ' dB'],
      ]);
    case 'distortion':
      if (!DISTORTION_CURVES.includes(effect.curve)) return `Distortion's curve is ${DISTORTION_CURVES.join(', ')}.`;
      return firstOutside(effect, [
        ['driveDb', DRIVE_DB, "Distortion's drive", ' dB'],
        ['outputDb', DISTORTION_OUTPUT_DB, "Distortion's output", ' dBFS'],
      ]);
    case 'width':
      return widthProblem(effect);
    case 'tremolo':
      return firstOutside(effect, [
        ['rateHz', MOD_RATE_HZ, "The tremolo's rate", ' Hz'],
        ['depth', MOD_DEPTH, "The tremolo's depth", ''],
      ]);
    case 'phaser':
      return firstOutside(effect, [
        ['rateHz', MOD_RATE_HZ, "The phaser's rate", ' Hz'],
        ['depth', MOD_DEPTH, "The phaser's depth", ''],
        ['feedback', PHASER_FEEDBACK, "The phaser's feedback", ''],
      ]);
    case 'flanger':
      return firstOutside(effect, [
        ['rateHz', MOD_RATE_HZ, "The flanger's rate", ' Hz'],
        ['depth', MOD_DEPTH, "The flanger's depth", ''],
        ['feedback', PHASER_FEEDBACK, "The flanger's feedback", ''],
      ]);
    case 'chorus':
      return firstOutside(effect, [
        ['rateHz', MOD_RATE_HZ, "The chorus's rate", ' Hz'],
        ['depthMs', CHORUS_DEPTH_MS, "The chorus's depth", ' ms'],
        ['mix', MOD_DEPTH, "The chorus's mix", ''],
      ]);
    case 'echo':
      if (outside(effect.delaySeconds, ECHO_DELAY_SECONDS))
        return `The echo's delay must be ${ECHO_DELAY_SECONDS.min} to ${ECHO_DELAY_SECONDS.max} s.`;
      return outside(effect.decay, ECHO_DECAY)
        ? `The echo's decay must be ${ECHO_DECAY.min} to ${ECHO_DECAY.max}.`
        : null;
    case 'reverb':
      if (outside(effect.decaySeconds, DECAY_SECONDS))
        return `The reverb's decay must be ${DECAY_SECONDS.min} to ${DECAY_SECONDS.max} s.`;
      return outside(effect.wetDb, WET_DB) ? `The reverb's level must be ${WET_DB.min} to ${WET_DB.max} dB.` : null;
    case 'convolver':
      return convolutionProblem(effect);
    case 'tune':
      return correctionProblem(effect);
    default:
      return `A track effect is of no known kind (${(effect as { kind: unknown }).kind}).`;
  }
}

/** Why one of the settings is out of its bounds (the first such, as "X must be min to max unit"), or null. */
function firstOutside<T>(
  effect: T,
  checks: [keyof T & string, { min: number; max: number }, string, string][],
): string | null {
  for (const [key, { min, max }, name, unit] of checks) {
    const v = effect[key] as unknown as number;
    if (!(v >= min && v <= max)) return `${name} must be ${min} to ${max}${unit}.`;
  }
  return null;
}

/** The effects that are heard: those switched on. */
export const activeEffects = (effects: readonly TrackEffect[] | undefined): TrackEffect[] =>
  (effects ?? []).filter((e) => e.on);

/** One effect running: its settings as written (to tell a change) and its processing with its memory. */
interface Stage {
  settings: string;
  /** Its settings less those it takes in place. */
  fixed: string;
  run: Run;
  /** What a meter shows of it now: a compressor's, a limiter's, a gate's or a de-esser's gain reduction, dB; a
   * transient shaper's gain, dB; pitch correction's correction, cents; stereo width's correlation, -1 to 1. */
  reading?: () => number;
  /** Where an effect has a meter for each of its parts (a multiband compressor's bands), their readings, in order. */
  parts?: () => number[];
  /** How many samples late its output comes (its look-ahead). */
  latency: number;
  /** How long what it holds sounds on after its input stops, samples (a reverb's tail, an echo's repeats; else 0). */
  rings: number;
  /** Where it has lanes: takes their settings at timeline sample `at` (what reaches it now). */
  automate?: (at: number) => void;
  /** Takes the effect's lanes as they are now (edited while it runs: its memory goes on). */
  relane?: (automation: EffectAutomation | undefined) => void;
  /** Where an effect takes other settings as it runs (pitch correction, which would fall silent for its look-ahead
   * if started anew): takes them (those in TAKEN), its memory kept. */
  take?: (effect: TrackEffect) => void;
}

/** Runs a track's effects, in order, over successive blocks of its `channels` channels (in place). */
export class EffectChain {
  private stages = new Map<string, Stage>();
  private order: Stage[] = [];

  /** The timeline sample of the next input: where a modulation effect started now has its LFO. */
  private position: number;
  /** Whether any stage has lanes: blocks are then run in pieces on the CONTROL grid. */
  private automated = false;
  /** Where the effects made with the chain reckon their input from (see the constructor); null once it runs. */
  private origin: number | null;

  /** `at`: the timeline sample of the first input (an LFO's phase follows it). `origin`: the timeline sample the
   * input is reckoned from, silence before it (playback's chain starts on the silence before the clips; an export's
   * is fed from its look-ahead before the range): pitch correction, whose sound depends on where it starts hearing,
   * then hears the same stream either way. `impulses`: the samples of the loaded impulses its convolution reverbs
   * play, by asset id. */
  constructor(
    effects: readonly TrackEffect[],
    private readonly rate: number,
    private readonly channels: number,
    at = 0,
    origin = at,
    private impulses: Impulses = NO_IMPULSES,
  ) {
    this.position = at;
    this.origin = origin;
    this.retune(effects);
  }

  /** Takes new settings as it runs: an effect whose settings are unchanged keeps its memory (an echo's repeats, a
   * reverb's tail go on through another effect's change), as does one that takes the changed ones in place (pitch
   * correction's own settings); another changed or new one starts from rest, what a changed echo or reverb held
   * ringing on beside it. `impulses`: those of the new
   * settings' convolution reverbs, where they changed. */
  retune(effects: readonly TrackEffect[], impulses?: Impulses): void {
    if (impulses) this.impulses = impulses;
    const stages = new Map<string, Stage>();
    let before = 0; // the look-ahead of the stages before: what reaches this one is that much behind the input
    for (const effect of activeEffects(effects)) {
      // A lane edited is taken by the running stage; another setting changed starts it anew.
      const settings = settingsOf(effect);
      const kept = this.stages.get(effect.id);
      const at = this.position - before;
      // Set while playing, an effect starts hearing where it is put in.
      const from = this.origin === null ? at : this.origin - before;
      const fixed = settingsOf(effect, TAKEN[effect.kind]);
      const taken = kept?.take && kept.settings !== settings && kept.fixed === fixed;
      if (taken) kept.take?.(effect);
      const next =
        kept?.settings === settings || taken
          ? { ...kept, settings }
          : this.replacing(kept, {
              settings,
              fixed,
              rings: Math.round(tailSeconds(effect) * this.rate),
              ...stage(effect, this.rate, this.channels, at, from, this.impulses),
            });
      next.relane?.(effect.automation);
      stages.set(effect.id, next);
      before += next.latency;
    }
    this.stages = stages;
    this.order = [...stages.values()];
    this.automated = this.order.some((s) => s.automate);
  }

  /** A stage made anew for changed settings, where the one it replaces is as late: beside the old one ringing on,
   * where it holds sound, else crossfaded from it (a filter started from rest mid-stream would click). */
  private replacing(old: Stage | undefined, made: Stage): Stage {
    if (!old || old.latency !== made.latency) return made;
    if (old.rings) return { ...made, run: ringingOut(made.run, old.run, old.rings) };
    return { ...made, run: crossfading(made.run, old.run, made.latency, Math.round(CROSSFADE_SECONDS * this.rate)) };
  }

  /** How many samples late the chain's output comes: its stages' look-aheads added up. */
  get latency(): number {
    return this.order.reduce((sum, s) => sum + s.latency, 0);
  }

  /** Processes one block in place; every channel has the same length. `keys`: what keyed compressors hear, by the
   * key track's id, over the same samples (one missing: the compressor hears its own sound). */
  process(block: Float32Array[], keys: Keys = NO_KEYS): void {
    const length = block[0]?.length ?? 0;
    this.origin = null;
    if (!this.automated) {
      for (const { run } of this.order) run(block, keys);
      this.position += length;
      return;
    }
    // Each piece ends on the timeline's CONTROL grid; the lanes are read where the grid cell it lies in starts (what
    // reaches each stage is behind the input by the look-ahead of the stages before it).
    for (let from = 0; from < length; ) {
      const at = this.position + from;
      const to = Math.min(length, from + CONTROL - (((at % CONTROL) + CONTROL) % CONTROL));
      const piece = block.map((channel) => channel.subarray(from, to));
      const pieceKeys = keys.size
        ? new Map([...keys].map(([id, key]) => [id, key.map((c) => c.subarray(from, to))]))
        : keys;
      let before = 0;
      for (const { run, automate, latency } of this.order) {
        automate?.(onGrid(at - before));
        run(piece, pieceKeys);
        before += latency;
      }
      from = to;
    }
    this.position += length;
  }

  /** The effects' meter readings now, by effect id (compressors, limiters, gates, de-essers: gain reduction, dB; a
   * transient shaper: its gain, dB; pitch correction: cents; stereo width: correlation), and a multiband compressor's
   * bands' gain reductions by `partReading`. */
  readings(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, { reading, parts }] of this.stages) {
      if (reading) out[id] = reading();
      parts?.().forEach((v, k) => {
        out[partReading(id, k)] = v;
      });
    }
    return out;
  }
}

/** The key of the reading of an effect's part `k` (a multiband compressor's band) among a chain's readings. */
export const partReading = (effectId: string, k: number): string => `${effectId}/${k}`;

/** Sidechain keys: a track's sound over a block, by the track's id. */
export type Keys = ReadonlyMap<string, readonly Float32Array[]>;
const NO_KEYS: Keys = new Map();
const NO_IMPULSES: Impulses = new Map();

type Run = (block: Float32Array[], keys?: Keys) => void;

/** The tracks whose clips the effects' sidechains hear (those switched on). */
export const keyTracks = (effects: readonly TrackEffect[] | undefined): string[] => [
  ...new Set(activeEffects(effects).flatMap((e) => (e.kind === 'compressor' && e.key ? [e.key] : []))),
];

/** The start of the CONTROL grid cell that timeline sample `at` lies in. */
const onGrid = (at: number) => Math.floor(at / CONTROL) * CONTROL;

/** How long the heard ones of `effects` go on sounding after their input stops, to -90 dB, seconds: a reverb's decay
 * half again, an echo's repeats, a quarter second for the rest (a compressor's release, a filter's ring); 60 at most. */
export function ringOutSeconds(effects: readonly TrackEffect[] | undefined): number {
  return Math.min(60, 0.25 + activeEffects(effects).reduce((sum, e) => sum + tailSeconds(e), 0));
}

/** How long an effect that holds sound goes on after its input stops, to -90 dB, seconds (a reverb, a convolution
 * reverb, an echo); 0 for the rest. */
function tailSeconds(e: TrackEffect): number {
  if (e.kind === 'reverb') return 1.5 * e.decaySeconds;
  if (e.kind === 'convolver') return convolutionSeconds(e);
  if (e.kind === 'echo' && e.decay > 0)
    return e.delaySeconds * Math.ceil(Math.log(10 ** (-90 / 20)) / Math.log(e.decay));
  return 0;
}

/** How long a changed effect's old stage fades into its new one, seconds. */
const CROSSFADE_SECONDS = 0.01;

/** `run`, crossfaded from `old` (the stage it replaces, fed the same sound) over `samples` once `latency` have passed
 * (until then the new one, started from rest, gives the silence it held), in straight lines: both play the same
 * sound, so its level holds, and what the new one does starting from rest is faded out of hearing. */
function crossfading(run: Run, old: Run, latency: number, samples: number): Run {
  let [done, fading, before] = [0, old as Run | null, [] as Float32Array[]];
  return (block, keys) => {
    if (!fading) return run(block, keys);
    const length = block[0]?.length ?? 0;
    if (before.length !== block.length || before[0].length !== length)
      before = block.map(() => new Float32Array(length));
    block.forEach((channel, c) => before[c].set(channel));
    fading(before, keys);
    run(block, keys);
    block.forEach((channel, c) => {
      for (let i = 0; i < length; i++) {
        const share = Math.min(1, Math.max(0, (done + i - latency) / samples));
        channel[i] = before[c][i] + share * (channel[i] - before[c][i]);
      }
    });
    done += length;
    if (done >= latency + samples) fading = null;
  };
}

/** `run`, and beside it `old` (the stage it replaces) fed silence, added in until `samples` have passed: what the old
 * one held (an echo's repeats, a reverb's tail) dies away as it would have, while what comes in now goes through the
 * new settings, as turning a hardware reverb's knob does (no cut, no click). */
function ringingOut(run: Run, old: Run, samples: number): Run {
  let [left, ringing, quiet] = [samples, old as Run | null, [] as Float32Array[]];
  return (block, keys) => {
    run(block, keys);
    if (!ringing) return;
    const length = block[0]?.length ?? 0;
    if (quiet.length !== block.length || quiet[0].length !== length) quiet = block.map(() => new Float32Array(length));
    else for (const channel of quiet) channel.fill(0);
    ringing(quiet, keys);
    block.forEach((channel, c) => {
      for (let i = 0; i < length; i++) channel[i] += quiet[c][i];
    });
    left -= length;
    if (left <= 0) ringing = null; // gone quiet: let it go
  };
}

/** The settings a running stage of the kind takes in place (`Stage.take`), its memory kept. */
const TAKEN: Partial<Record<TrackEffectKind, readonly string[]>> = {
  tune: ['tonic', 'mode', 'speedMs', 'strength', 'humanize', 'withinCents'],
  multiband: ['bands', 'makeupDb', 'solo'],
  transient: ['attackPct', 'sustainPct'],
  deess: ['thresholdDb', 'maxReductionDb', 'listen'],
  distortion: ['driveDb', 'outputDb'],
  width: ['widthPct', 'monoBelowHz'],
  convolver: ['wetDb', 'wetOnly'],
};

/** An effect's settings as written, to tell a change (its lanes by the settings they move: a lane's points are read
 * as it runs), less the `left` ones. */
function settingsOf(effect: TrackEffect, left: readonly string[] = []): string {
  const kept = Object.entries(effect).filter(([key]) => !left.includes(key));
  return JSON.stringify({ ...Object.fromEntries(kept), automation: lanesOf(effect).map(([param]) => param) });
}

/** How many samples late the heard ones of `effects` make a chain's output at `rate`. */
export function effectsLatency(effects: readonly TrackEffect[] | undefined, rate: number): number {
  return activeEffects(effects).reduce((sum, effect) => sum + latencyOf(effect, rate), 0);
}

function latencyOf(effect: TrackEffect, rate: number): number {
  switch (effect.kind) {
    case 'limiter':
      return limiterLatency(rate);
    case 'gate':
      return gateLatency(rate);
    case 'deess':
      return deessLatency(rate, effect.hz);
    case 'distortion':
      return distortionLatency();
    case 'convolver':
      return convolutionLatency();
    case 'tune':
      return pitchLineLatency(rate, effect.lowestHz);
    default:
      return 0;
  }
}

function stage(
  effect: TrackEffect,
  rate: number,
  channels: number,
  at: number,
  from: number,
  impulses: Impulses,
): Omit<Stage, 'settings' | 'fixed' | 'rings'> {
  const latency = latencyOf(effect, rate);
  let lanes = effect.automation;
  let now = settingsAt(effect, at);
  const { run, reading, parts, update, take } = runner(now, { rate, channels, at, from, impulses });
  const mix = { share: now.dryWet ?? 1 };
  const mixing = lanes?.dryWet?.length || mix.share < 1;
  const mixed = mixing ? dryWet(run, mix, latency) : run;
  if (lanesOf(effect).length === 0) return { latency, run: mixed, reading, parts, take };
  const automate = (at: number) => {
    const next = settingsAt({ ...effect, automation: lanes } as TrackEffect, at);
    const moved = lanesOf(next).some(([param]) => next[param as keyof TrackEffect] !== now[param as keyof TrackEffect]);
    if (!moved) return;
    now = next;
    mix.share = now.dryWet ?? 1;
    update?.(now);
  };
  return { latency, run: mixed, reading, parts, take, automate, relane: (automation) => (lanes = automation) };
}

/** A stage's sound mixed with the dry sound (held back by the stage's look-ahead, so the two line up): `mix` of the
 * one, 1 - `mix` of the other. */
function dryWet(run: Run, mix: { share: number }, latency: number): Run {
  let held: Float32Array[] = [];
  let at = 0;
  return (block, keys) => {
    const dry = block.map((channel) => channel.slice());
    run(block, keys);
    if (held.length !== block.length) held = block.map(() => new Float32Array(latency));
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++, at++) {
      block.forEach((channel, c) => {
        let d = dry[c][i];
        if (latency > 0) {
          const slot = at % latency;
          [d, held[c][slot]] = [held[c][slot], d];
        }
        channel[i] = mix.share * channel[i] + (1 - mix.share) * d;
      });
    }
  };
}

/** A stage's processing, its meter, and, for the settings lanes move, how it takes new ones with its memory kept. */
interface Runner extends Pick<Stage, 'run' | 'reading' | 'parts' | 'take'> {
  update?: (effect: TrackEffect) => void;
}

/** Where a stage runs: at `rate` on `channels` channels, its first input timeline sample `at`; `from`: the timeline
 * sample a stage whose sound depends on where it starts hearing (pitch correction) reckons its input from (the input
 * is taken to have been silence since then, or what comes before it is left out); `impulses`: the loaded impulses. */
interface Place {
  rate: number;
  channels: number;
  at: number;
  from: number;
  impulses: Impulses;
}

function runner(effect: TrackEffect, { rate, channels, at, from, impulses }: Place): Runner {
  switch (effect.kind) {
    case 'eq':
      return sectionsStage(eqSections(effect.bands, rate), channels);
    case 'filter': {
      // At or over the Nyquist frequency the rate holds nothing for the filter to act on: it passes all.
      const sections = (e: { type: FilterType; hz: number }) =>
        e.hz < rate / 2 ? butterworth(e.type, e.hz, rate) : [];
      const filtering = sectionsStage(sections(effect), channels);
      return { ...filtering, update: (e) => e.kind === 'filter' && filtering.retune(sections(e)) };
    }
    case 'compressor': {
      const compressor = new Compressor(rate, effect, dbToGain(effect.makeupDb));
      const { key } = effect;
      return {
        run: (block, keys) => compressor.run(block, (key && keys?.get(key)) || block),
        reading: () => compressor.reductionDb,
        update: (e) => e.kind === 'compressor' && compressor.retune(e),
      };
    }
    case 'limiter': {
      const limiter = new LimiterLine(rate, effect);
      return { run: (block) => limiter.run(block), reading: () => limiter.reductionDb };
    }
    case 'gate': {
      const gate = new GateLine(rate, effect);
      return { run: (block) => gate.run(block), reading: () => -gate.gainDb };
    }
    case 'multiband': {
      const line = new MultibandLine(rate, effect);
      const take = (e: TrackEffect) => e.kind === 'multiband' && line.retune(e);
      return {
        run: (block) => line.run(block),
        reading: () => Math.max(...line.reductionsDb),
        parts: () => line.reductionsDb,
        take,
      };
    }
    case 'transient': {
      const line = new TransientLine(rate, effect);
      const take = (e: TrackEffect) => e.kind === 'transient' && line.retune(e);
      return { run: (block) => line.run(block), reading: () => line.gainDb, take };
    }
    case 'deess': {
      const line = new DeEssLine(rate, effect);
      const take = (e: TrackEffect) => e.kind === 'deess' && line.retune(e);
      return { run: (block) => line.run(block), reading: () => line.reductionDb, take };
    }
    case 'distortion': {
      const line = new DistortionLine(rate, effect);
      const take = (e: TrackEffect) => e.kind === 'distortion' && line.retune(e);
      return { run: (block) => line.run(block), take, update: take };
    }
    case 'width': {
      const line = new WidthLine(rate, effect);
      const take = (e: TrackEffect) => e.kind === 'width' && line.retune(e);
      return { run: (block) => line.run(block), reading: () => line.correlation, take, update: take };
    }
    case 'tremolo':
      return modulationStage(new TremoloLine(rate, effect, at));
    case 'phaser':
      return modulationStage(new PhaserLine(rate, effect, at));
    case 'chorus':
      return modulationStage(new ChorusLine(rate, effect, at));
    case 'flanger':
      return modulationStage(new FlangerLine(rate, effect, at));
    case 'echo': {
      const lines = Array.from({ length: channels }, () => new EchoLine(rate, effect));
      const echoes: Run = (block) => block.forEach((channel, c) => lines[c].run(channel));
      return { run: effect.wetOnly ? wetOnly(echoes) : echoes };
    }
    case 'reverb':
      return reverbStage(effect, rate);
    case 'convolver': {
      const line = new ConvolutionLine(rate, channels, effect, impulses);
      const take = (e: TrackEffect) => e.kind === 'convolver' && line.retune(e);
      return { run: (block) => line.run(block), take, update: take };
    }
    case 'tune': {
      const line = new PitchCorrectLine(rate, channels, effect, at - from);
      return {
        run: (block) => line.run(block),
        reading: () => line.correctionCents,
        take: (e) => e.kind === 'tune' && line.retune(e),
      };
    }
  }
}

const modulationStage = (line: ModulationLine): Runner => ({
  run: (block) => line.run(block),
  update: (e) => line.retune(e),
});

/** A stage that adds to the dry sound, made to give what it adds alone. */
function wetOnly(run: (block: Float32Array[]) => void): (block: Float32Array[]) => void {
  return (block) => {
    const dry = block.map((channel) => channel.slice());
    run(block);
    block.forEach((channel, c) => {
      for (let i = 0; i < channel.length; i++) channel[i] -= dry[c][i];
    });
  };
}

/** The reverb added under the dry sound, as `reverb` adds it (or in its place, wet only): the network fed the
 * channels' mean, its left tail on a mono track, left and right on a stereo one. */
function reverbStage({ decaySeconds, wetDb, wetOnly }: Reverberation & Wet, rate: number): Runner {
  const network = new ReverbNetwork(rate, decaySeconds);
  const norm = impulseNorm(rate, decaySeconds);
  let scale = dbToGain(wetDb) * norm;
  // Working arrays only ever grow: a block cut on the automation grid is shorter than the last.
  let [monoAll, leftAll, rightAll] = [new Float32Array(0), new Float32Array(0), new Float32Array(0)];
  const update = (e: TrackEffect) => {
    if (e.kind === 'reverb') scale = dbToGain(e.wetDb) * norm;
  };
  const run: Run = (block) => {
    const length = block[0]?.length ?? 0;
    if (monoAll.length < length) [monoAll, leftAll, rightAll] = [0, 1, 2].map(() => new Float32Array(length));
    const [mono, left, right] = [monoAll, leftAll, rightAll].map((a) => a.subarray(0, length));
    for (let i = 0; i < length; i++) mono[i] = block.reduce((sum, channel) => sum + channel[i], 0) / block.length;
    network.run(mono, left, right);
    block.forEach((channel, c) => {
      const tail = block.length === 1 || c % 2 === 0 ? left : right;
      if (wetOnly) channel.fill(0);
      for (let i = 0; i < length; i++) channel[i] += scale * tail[i];
    });
  };
  return { run, update };
}

/** Each channel through the sections, each channel with its own memory; retuned to new sections, the memory goes on
 * (a swept filter, as its frequency moves). */
function sectionsStage(sections: Biquad[], channels: number): { run: Run; retune: (sections: Biquad[]) => void } {
  let states = Array.from({ length: channels }, () => sections.map((s) => new BiquadState(s)));
  return {
    run: (block) =>
      block.forEach((channel, c) => {
        for (const state of states[c]) state.run(channel);
      }),
    retune: (next) => {
      if (next.length !== states[0]?.length)
        states = Array.from({ length: channels }, () => next.map((s) => new BiquadState(s)));
      else for (const channel of states) channel.forEach((state, k) => state.retune(next[k]));
    },
  };
}
