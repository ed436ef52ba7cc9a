/**
 * A speech volume leveler, as Audition's Speech Volume Leveler, RX's Leveler and Auphonic's adaptive leveler: a
 * speaker who leans back from the microphone, or a quiet guest beside a loud host, is brought to one level, phrase by
 * phrase, without the pumping of a compressor. The loudness is measured as EBU R128's momentary loudness (400 ms,
 * K-weighted) every 100 ms; where it is speech (over a gate 25 LU under the selection's loudest speech, its 95th
 * percentile, and over -70 LUFS), the gain that would bring it to
 * the target (held within +/- `maxGainDb`) is averaged over the 3 s around, so syllables keep their shape and only the
 * level of phrases moves; through pauses the gain is held, so room noise is not pulled up. The gain moves in straight
 * lines in decibels between the 100 ms steps.
 */
import { momentarySeries } from './loudness';

export interface Leveling {
  /** The momentary loudness speech is brought to, LUFS. */
  targetLufs: number;
  /** The most it raises or lowers, dB. */
  maxGainDb: number;
}

export const LEVEL_TARGET_LUFS = { min: -40, max: -10 } as const;
export const LEVEL_MAX_GAIN_DB = { min: 1, max: 40 } as const;

/** Windows this much under the selection's loud speech (or under -70 LUFS) are pauses: the gain is held through them. */
const GATE_UNDER_SPEECH_LU = 25;
const ABSOLUTE_GATE_LUFS = -70;
/** The gain is the mean of what the windows within this many seconds either side ask. */
const SMOOTHING_SECONDS = 1.5;

export interface LevelingCurve {
  /** Gain (dB) at the middle of each 100 ms step's window, and where that middle lies (samples). */
  gainsDb: Float32Array;
  centres: Float64Array;
  /** Whether any window was loud enough to count as speech. */
  heard: boolean;
}

/** The leveler's gain at each step. */
export function levelingCurve(channels: Float32Array[], rate: number, leveling: Leveling): LevelingCurve {
  const { loudness, hop, window } = momentarySeries(channels, rate);
  const gate = speechGate(loudness);
  const asked = Array.from(loudness, (l) =>
    l > gate ? Math.max(-leveling.maxGainDb, Math.min(leveling.maxGainDb, leveling.targetLufs - l)) : Number.NaN,
  );
  return smoothedCurve(asked, { hop, window }, Math.round((SMOOTHING_SECONDS * rate) / hop));
}

/** A curve from the gains (dB) each momentary window asks (NaN: a pause, where the gain is held): each the mean of
 * those within `reach` windows either side. */
export function smoothedCurve(
  asked: number[],
  { hop, window }: { hop: number; window: number },
  reach: number,
): LevelingCurve {
  const smoothed = asked.map((_, k) => meanOfNumbers(asked.slice(Math.max(0, k - reach), k + reach + 1)));
  const gainsDb = Float32Array.from(heldThroughGaps(smoothed));
  const centres = Float64Array.from(gainsDb, (_, k) => k * hop + window / 2);
  return { gainsDb, centres, heard: asked.some((g) => !Number.isNaN(g)) };
}

/** The loudness under which a window is a pause: 25 LU under the loud speech (the 95th percentile of the windows over
 * the absolute gate). */
export function speechGate(loudness: Float32Array): number {
  const sounding = [...loudness].filter((l) => l > ABSOLUTE_GATE_LUFS).sort((a, b) => a - b);
  if (!sounding.length) return Infinity;
  return Math.max(ABSOLUTE_GATE_LUFS, sounding[Math.floor(0.95 * (sounding.length - 1))] - GATE_UNDER_SPEECH_LU);
}

/** The mean of the values that are numbers (NaN where none are). */
function meanOfNumbers(values: number[]): number {
  const numbers = values.filter((v) => !Number.isNaN(v));
  return numbers.length ? numbers.reduce((s, v) => s + v, 0) / numbers.length : Number.NaN;
}

/** NaN stretches filled by a straight line between the values either side (held at the ends): a pause keeps the
 * gain the speech around it had. All NaN: all 0. */
function heldThroughGaps(values: number[]): number[] {
  const out = [...values];
  let before = -1;
  for (let i = 0; i <= values.length; i++) {
    if (i < values.length && Number.isNaN(values[i])) continue;
    // A gap (before, i): a line between its two sides, or either side held where the other is missing.
    for (let j = before + 1; j < i; j++) {
      if (before < 0 && i === values.length) out[j] = 0;
      else if (before < 0) out[j] = values[i];
      else if (i === values.length) out[j] = values[before];
      else out[j] = values[before] + ((values[i] - values[before]) * (j - before)) / (i - before);
    }
    before = i;
  }
  return out;
}

/** The curve's gain in dB at every sample: straight lines between the steps' middles, held before and after. */
export function curveGainsDb({ gainsDb, centres }: LevelingCurve, length: number): Float32Array {
  const out = new Float32Array(length);
  if (!gainsDb.length) return out;
  let k = 0;
  for (let i = 0; i < length; i++) {
    while (k < centres.length - 1 && centres[k + 1] <= i) k++;
    if (i <= centres[0]) out[i] = gainsDb[0];
    else if (k === centres.length - 1) out[i] = gainsDb[k];
    else out[i] = gainsDb[k] + ((gainsDb[k + 1] - gainsDb[k]) * (i - centres[k])) / (centres[k + 1] - centres[k]);
  }
  return out;
}

/** The channels levelled (new arrays), with the curve that did it. */
export function level(
  channels: Float32Array[],
  rate: number,
  leveling: Leveling,
): { channels: Float32Array[]; curve: LevelingCurve } {
  const curve = levelingCurve(channels, rate, leveling);
  const gains = curveGainsDb(curve, channels[0]?.length ?? 0).map((db) => 10 ** (db / 20));
  return { channels: channels.map((ch) => ch.map((v, i) => v * gains[i])), curve };
}
