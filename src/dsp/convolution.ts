/**
 * Convolution reverb, as Space Designer, ReaVerb or Audition's Convolution Reverb: the sound as heard in the space (or
 * through the speaker cabinet) whose impulse response the user loads, or one of the built-in ones. The impulse is
 * scaled to unit energy, so `wetDb` sets the convolved sound's level against the dry sound however loud the file was
 * recorded (white noise comes out at `wetDb`), as the algorithmic reverb's level is set; the dry sound is kept under
 * it unless the effect is wet only (a cabinet, or a reverb on an effect bus).
 */
import { CONVOLVER_BLOCK, PartitionedConvolver } from './convolver';
import { seededRandom } from './dither';
import { dbToGain } from './gain';
import { toMono } from './channels';
import { BiquadState, butterworth } from './filters';
import { resample } from './resample';
import { WET_DB } from './reverb';

/** An impulse response the user loaded (an asset of the project, at its rate), or a built-in one. */
export type ImpulseSource = { builtIn: BuiltInImpulse } | { assetId: string; name: string; seconds: number };

export interface Convolution {
  impulse: ImpulseSource;
  /** Silence before the impulse, ms, as a reverb's pre-delay sets the walls apart from the source (absent: none). */
  predelayMs?: number;
  /** The reverb cut under this frequency (absent or 0: not) and over this one (absent, or over the rate's reach: not),
   * Hz, as a convolution reverb's low and high cut: a muddy tail thinned, a bright one darkened. */
  lowCutHz?: number;
  highCutHz?: number;
  /** The impulse played backwards, as Space Designer's Reverse: each sound swells up into silence. */
  reverse?: boolean;
  /** The convolved sound's level against the dry sound, dB (of the impulse scaled to unit energy), in the
   * algorithmic reverb's range. */
  wetDb: number;
  /** Only the convolved sound, the dry sound left out. */
  wetOnly?: boolean;
}

/** A loaded impulse's samples and their rate (the project's when it was loaded). */
export interface ImpulseSamples {
  rate: number;
  channels: readonly Float32Array[];
}

/** The loaded impulses by asset id. */
export type Impulses = ReadonlyMap<string, ImpulseSamples>;

/** The longest impulse taken, seconds: a cathedral's tail; longer files are cut there. */
export const IMPULSE_SECONDS = 10;
export const PREDELAY_MS = { min: 0, max: 250 } as const;
/** 0: no low cut. */
export const LOW_CUT_HZ = { min: 0, max: 1000 } as const;
export const HIGH_CUT_HZ = { min: 1000, max: 20000 } as const;

/** The built-in impulses: noise dying away by 60 dB in `decay` seconds (the highs faster: its low pass closes from
 * `brightHz` to `darkHz` over the tail), after `predelayMs` of silence, as a synthetic impulse of a convolution
 * reverb's library. */
export const BUILT_IN_IMPULSES = {
  room: { name: 'Room', seconds: 0.7, decay: 0.5, predelayMs: 8, brightHz: 9000, darkHz: 2500 },
  plate: { name: 'Plate', seconds: 2, decay: 1.6, predelayMs: 0, brightHz: 16000, darkHz: 7000 },
  hall: { name: 'Hall', seconds: 3.2, decay: 2.4, predelayMs: 25, brightHz: 8000, darkHz: 1500 },
} as const;

export type BuiltInImpulse = keyof typeof BUILT_IN_IMPULSES;

/** How long the impulse is, seconds. */
export const impulseSeconds = (impulse: ImpulseSource): number =>
  'builtIn' in impulse ? BUILT_IN_IMPULSES[impulse.builtIn].seconds : Math.min(IMPULSE_SECONDS, impulse.seconds);

/** How long the convolved sound goes on after the input stops, seconds: the impulse after its pre-delay. */
export const convolutionSeconds = (effect: Convolution): number =>
  (effect.predelayMs ?? 0) / 1000 + impulseSeconds(effect.impulse);

/** What the impulse is called in the studio. */
export const impulseName = (impulse: ImpulseSource): string =>
  'builtIn' in impulse ? `${BUILT_IN_IMPULSES[impulse.builtIn].name} (built in)` : impulse.name;

/** Why the settings cannot run, or null. */
export function convolutionProblem(effect: Convolution): string | null {
  const { impulse, wetDb, wetOnly } = effect;
  const known =
    impulse && 'builtIn' in impulse
      ? Object.hasOwn(BUILT_IN_IMPULSES, impulse.builtIn)
      : typeof impulse?.assetId === 'string' && typeof impulse.name === 'string' && impulse.seconds > 0;
  if (!known) return 'A convolution reverb needs an impulse: a loaded file or a built-in one.';
  if (!(wetDb >= WET_DB.min && wetDb <= WET_DB.max))
    return `The convolution reverb's level must be ${WET_DB.min} to ${WET_DB.max} dB.`;
  if (wetOnly !== undefined && typeof wetOnly !== 'boolean') return "A convolution reverb's Wet only is on or off.";
  if (effect.reverse !== undefined && typeof effect.reverse !== 'boolean')
    return "A convolution reverb's Reverse is on or off.";
  const shaping: [keyof Convolution, { min: number; max: number }, string, string][] = [
    ['predelayMs', PREDELAY_MS, 'pre-delay', ' ms'],
    ['lowCutHz', LOW_CUT_HZ, 'low cut', ' Hz (0: off)'],
    ['highCutHz', HIGH_CUT_HZ, 'high cut', ' Hz'],
  ];
  for (const [key, { min, max }, name, unit] of shaping) {
    const v = effect[key] as number | undefined;
    if (v !== undefined && !(v >= min && v <= max))
      return `The convolution reverb's ${name} must be ${min} to ${max}${unit}.`;
  }
  return null;
}

/** The impulse as the settings shape it: backwards where reversed, `predelayMs` of silence before it, then filtered by
 * the low and high cut (fourth-order Butterworth: the reverb filtered, as the impulse's sound is the reverb's). */
function shaped(
  h: Float32Array,
  rate: number,
  { predelayMs, lowCutHz, highCutHz, reverse }: Convolution,
): Float32Array {
  const delay = Math.round(((predelayMs ?? 0) / 1000) * rate);
  const sections = [
    ...(lowCutHz ? butterworth('highpass', lowCutHz, rate) : []),
    ...(highCutHz && highCutHz < rate / 2 ? butterworth('lowpass', highCutHz, rate) : []),
  ];
  if (delay === 0 && sections.length === 0 && !reverse) return h;
  const out = new Float32Array(delay + h.length);
  out.set(h, delay);
  if (reverse) out.subarray(delay).reverse();
  for (const section of sections) new BiquadState(section).run(out.subarray(delay));
  return out;
}

/** Built-in impulses made so far, by name and rate: the audio thread makes each once, not at every playback. */
const builtIns = new Map<string, Float32Array[]>();

/** A built-in impulse at `rate`, left and right (two seeds: a wide tail). Its envelope and its low pass's corner fall
 * by a constant factor a sample (the corner's coefficient worked out every 32 samples): made in a few milliseconds,
 * on the audio thread where a chain starts. */
export function builtInImpulse(name: BuiltInImpulse, rate: number): Float32Array[] {
  const key = `${name}@${rate}`;
  const made = builtIns.get(key);
  if (made) return made;
  const { seconds, decay, predelayMs, brightHz, darkHz } = BUILT_IN_IMPULSES[name];
  const length = Math.round(seconds * rate);
  const start = Math.round((predelayMs / 1000) * rate);
  const fall = Math.exp((-Math.LN10 * 3) / (decay * rate)); // -60 dB at `decay`
  const darken = (darkHz / brightHz) ** (1 / (seconds * rate));
  const impulse = [1, 2].map((seed) => {
    const random = seededRandom(seed);
    const h = new Float32Array(length);
    let [low, level, hz, pole] = [0, 1, brightHz, 0];
    for (let i = start; i < length; i++) {
      if ((i - start) % 32 === 0) pole = 1 - Math.exp((-2 * Math.PI * Math.min(0.45 * rate, hz)) / rate);
      low += pole * (random() * 2 - 1 - low);
      h[i] = low * level;
      level *= fall;
      hz *= darken;
    }
    return h;
  });
  builtIns.set(key, impulse);
  return impulse;
}

/** The impulse's channels at `rate` (a loaded one resampled where it was loaded at another: a microphone's rate,
 * or a project that took its first file's), at most IMPULSE_SECONDS, or null where a loaded one is not in
 * `impulses`. */
function impulseChannels(impulse: ImpulseSource, rate: number, impulses: Impulses): readonly Float32Array[] | null {
  const loaded = 'builtIn' in impulse ? null : impulses.get(impulse.assetId);
  const channels =
    'builtIn' in impulse
      ? builtInImpulse(impulse.builtIn, rate)
      : loaded?.channels.map((h) => (loaded.rate === rate ? h : resample(h, loaded.rate, rate)));
  return channels?.map((h) => h.subarray(0, IMPULSE_SECONDS * rate)) ?? null;
}

/** Each of `channels` channels' impulse: the impulse's own channel, its one channel, or (a mono track) its mean. */
function impulsesFor(channels: number, impulse: readonly Float32Array[]): Float32Array[] {
  if (impulse.length === 1 || channels > 1)
    return Array.from({ length: channels }, (_, c) => impulse[c % impulse.length]);
  return [toMono([...impulse])];
}

/** The gain that gives the impulse heard unit energy (mean over its channels: a mono track's mean of a stereo impulse
 * as loud as the stereo one); 0 for a silent one. */
function unitEnergy(impulse: readonly Float32Array[]): number {
  let energy = 0;
  for (const h of impulse) for (let i = 0; i < h.length; i++) energy += h[i] * h[i];
  return energy > 0 ? 1 / Math.sqrt(energy / impulse.length) : 0;
}

/** The impulse as a chain on `channels` channels hears it, each channel's, shaped by the settings (channels that
 * share one share the array), and the gain that gives it unit energy; null where a loaded one is missing. */
export function heardImpulse(
  effect: Convolution,
  rate: number,
  channels: number,
  impulses: Impulses,
): { channels: Float32Array[]; norm: number } | null {
  const impulse = impulseChannels(effect.impulse, rate, impulses);
  if (!impulse) return null;
  const heard = impulsesFor(channels, impulse);
  // The level is the impulse's as it is: a cut takes its share of the reverb away, as an EQ after it would.
  const norm = unitEnergy([...new Set(heard)]);
  const shapes = new Map([...new Set(heard)].map((h) => [h, shaped(h, rate, effect)]));
  return { channels: heard.map((h) => shapes.get(h)!), norm };
}

/** The impulse's level over its length in `columns` steps, dB under its peak, -60 at the least: its picture. */
export function impulseEnvelopeDb(h: Float32Array, columns: number): Float32Array {
  const peaks = new Float32Array(columns);
  for (let i = 0; i < h.length; i++) {
    const c = Math.min(columns - 1, Math.floor((i * columns) / h.length));
    peaks[c] = Math.max(peaks[c], Math.abs(h[i]));
  }
  const top = Math.max(...peaks);
  return peaks.map((p) => (top > 0 && p > 0 ? Math.max(-60, 20 * Math.log10(p / top)) : -60));
}

/** The convolution reverb block by block (in place), CONVOLVER_BLOCK samples late; its level taken as it runs. */
export class ConvolutionLine {
  private readonly convolver: PartitionedConvolver;
  private readonly norm: number;
  private wet = 0;
  private dry = 1;

  constructor(rate: number, channels: number, effect: Convolution, impulses: Impulses) {
    // A loaded impulse the project no longer holds (the effect's fields say so): the dry sound alone goes through.
    const heard = heardImpulse(effect, rate, channels, impulses);
    this.convolver = new PartitionedConvolver(heard?.channels ?? Array(channels).fill(new Float32Array(1)));
    this.norm = heard?.norm ?? 0;
    this.retune(effect);
  }

  retune({ wetDb, wetOnly }: Convolution): void {
    this.wet = dbToGain(wetDb) * this.norm;
    this.dry = wetOnly ? 0 : 1;
  }

  run(block: Float32Array[]): void {
    this.convolver.run(block, this.wet, this.dry);
  }
}

export const convolutionLatency = (): number => CONVOLVER_BLOCK;

/** The asset ids of the loaded impulses among `effects` (switched on or not: all are the project's). */
export const impulseAssetIds = (effects: readonly { kind: string; impulse?: ImpulseSource }[] | undefined): string[] =>
  (effects ?? []).flatMap((e) =>
    e.kind === 'convolver' && e.impulse && 'assetId' in e.impulse ? [e.impulse.assetId] : [],
  );
