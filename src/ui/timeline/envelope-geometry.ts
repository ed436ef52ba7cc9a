/** Where a clip's volume envelope is drawn: gain against height on a decibel scale, and its waveform scaled by it. */
import { dbToGain, gainToDb } from '../../dsp/gain';
import { clipFadeGainAt } from '../../project/clip-fades';
import { envelopeGainAt, type GainPoint } from '../../project/envelope';
import type { LineKind } from '../../app/project-commands';
import type { Clip } from '../../project/types';

/** The top of a clip's waveform is +12 dB, its bottom silence; 0 dB a quarter of the way down. */
export const ENVELOPE_TOP_DB = 12;
export const ENVELOPE_RANGE_DB = 48;
/** Pixels at the bottom that mean silence, so a point dragged down there mutes. */
const SILENT_PX = 3;

/** The height (from the top, in pixels of `height`) that shows `gain`. */
export function yForGain(gain: number, height: number): number {
  if (gain <= dbToGain(ENVELOPE_TOP_DB - ENVELOPE_RANGE_DB)) return height;
  const db = Math.min(ENVELOPE_TOP_DB, gainToDb(gain));
  return ((ENVELOPE_TOP_DB - db) / ENVELOPE_RANGE_DB) * (height - SILENT_PX);
}

/** The gain a point dragged to `y` pixels from the top gets (0 at the bottom). */
export function gainForY(y: number, height: number): number {
  if (y >= height - SILENT_PX) return 0;
  const db = ENVELOPE_TOP_DB - (Math.max(0, y) / (height - SILENT_PX)) * ENVELOPE_RANGE_DB;
  return dbToGain(db);
}

/** Where a line's values are drawn (height from the top, in pixels of `height`) and what a slider reads for them. */
export interface LineY {
  yFor: (value: number, height: number) => number;
  valueFor: (y: number, height: number) => number;
  aria: { min: number; max: number; now: (value: number) => number };
}

export const LINE_Y: Record<LineKind, LineY> = {
  gain: {
    yFor: yForGain,
    valueFor: gainForY,
    aria: {
      min: ENVELOPE_TOP_DB - ENVELOPE_RANGE_DB,
      max: ENVELOPE_TOP_DB,
      now: (gain) => Math.max(ENVELOPE_TOP_DB - ENVELOPE_RANGE_DB, gainToDb(gain)),
    },
  },
  // Left at the top, right at the bottom, the centre halfway; a slider reads -100 to 100.
  pan: {
    yFor: (pan, height) => ((1 + pan) / 2) * height,
    valueFor: (y, height) => Math.max(-1, Math.min(1, (2 * y) / height - 1)),
    aria: { min: -100, max: 100, now: (pan) => Math.round(pan * 100) },
  },
  // An effect setting's range, its top at the top; a slider reads 0 to 100 %.
  amount: {
    yFor: (place, height) => (1 - place) * height,
    valueFor: (y, height) => Math.max(0, Math.min(1, 1 - y / height)),
    aria: { min: 0, max: 100, now: (place) => Math.round(place * 100) },
  },
};

/** The clip's gain at a sample of its asset: its volume envelope times its fades; null where it has neither. */
export function clipGainAt(clip: Clip): ((at: number) => number) | null {
  if (!clip.envelope?.length && !clip.fadeIn && !clip.fadeOut) return null;
  return (at) => envelopeGainAt(clip.envelope, at) * clipFadeGainAt(clip, at - clip.offset);
}

/** A waveform's [max, min] buckets over asset samples [from, to), each scaled by the clip's gain at its middle
 * (`clipGainAt`): the clip as it will sound. */
export function scalePeaks(peaks: Float32Array, gainAt: ((at: number) => number) | null, from: number, to: number) {
  if (!gainAt || peaks.length < 2) return peaks;
  const buckets = peaks.length / 2;
  const out = new Float32Array(peaks.length);
  for (let b = 0; b < buckets; b++) {
    const gain = gainAt(from + ((b + 0.5) * (to - from)) / buckets);
    out[2 * b] = peaks[2 * b] * gain;
    out[2 * b + 1] = peaks[2 * b + 1] * gain;
  }
  return out;
}

/** An SVG polyline of the line over `widthPx` pixels that show samples [from, to), a vertex every 2 px and at every
 * point in between (so corners stay sharp); heights as `yFor` draws its values (a gain's by default); with no points,
 * flat at `rest` (unity gain; a pan lane's track pan). */
export function envelopeLine(
  points: readonly GainPoint[],
  from: number,
  to: number,
  widthPx: number,
  height: number,
  yFor: (value: number, height: number) => number = yForGain,
  rest = 1,
): string {
  if (!points.length) return `0,${yFor(rest, height).toFixed(1)} ${widthPx},${yFor(rest, height).toFixed(1)}`;
  const perPx = (to - from) / Math.max(1, widthPx);
  const xs = new Set<number>();
  for (let x = 0; x <= widthPx; x += 2) xs.add(x);
  xs.add(widthPx);
  for (const p of points) if (p.at > from && p.at < to) xs.add((p.at - from) / perPx);
  return [...xs]
    .sort((a, b) => a - b)
    .map((x) => `${x.toFixed(1)},${yFor(envelopeGainAt(points, from + x * perPx), height).toFixed(1)}`)
    .join(' ');
}
