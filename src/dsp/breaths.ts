/**
 * Breaths between phrases, found to be turned down, as RX's Breath Control and Waves' DeBreath do for a voice-over or
 * a vocal: a breath is a stretch without pitch (src/dsp/pitch-track.ts) between 0.15 and 0.8 s long, inside a pause
 * of at least 0.25 s, quieter than the voice by 8 dB or more (its median level over the voiced frames) and louder
 * than the room (the quietest tenth of what has no pitch) by 6 dB or more: the longest such run in the pause, ending
 * at most 0.3 s before the voice starts again (an inhale comes before a phrase; a sound in the bed after the last word
 * is no breath). Consonants are not breaths: they are short,
 * inside words, and about as loud as the vowels around them.
 */
import type { SampleRange } from '../project/types';
import { toMono } from './channels';
import { duck } from './duck';
import { trackPitch } from './pitch-track';

export const BREATH_REDUCTION_DB = { min: 3, max: 40 } as const;
/** Breaths are turned down with fades this long inside their edges. */
export const BREATH_FADE_SECONDS = 0.02;

const MIN_PAUSE_SECONDS = 0.25;
const BREATH_SECONDS = { min: 0.15, max: 0.8 } as const;
const UNDER_VOICE_DB = 8;
const OVER_ROOM_DB = 6;
const LEVEL_SECONDS = 0.02;
const BEFORE_PHRASE_SECONDS = 0.3;

/** The breaths in `channels` (samples from their start), in order. */
export function findBreaths(channels: Float32Array[], rate: number): SampleRange[] {
  const mono = toMono(channels);
  const track = trackPitch(mono, rate);
  const levels = frameLevels(mono, rate, track.offset, track.hop, track.hz.length);
  const voiced = levels.filter((_, f) => track.hz[f] > 0).sort((a, b) => a - b);
  if (!voiced.length) return [];
  const voice = voiced[Math.floor(voiced.length / 2)];
  const unvoiced = levels.filter((_, f) => track.hz[f] === 0).sort((a, b) => a - b);
  const room = unvoiced[Math.floor(unvoiced.length / 10)] ?? Number.NEGATIVE_INFINITY;
  const isBreath = (f: number) => levels[f] < voice - UNDER_VOICE_DB && levels[f] > room + OVER_ROOM_DB;
  const frames = (seconds: number) => (seconds * rate) / track.hop;
  const breaths: SampleRange[] = [];
  for (let f = 0; f < track.hz.length; ) {
    if (track.hz[f] > 0) {
      f++;
      continue;
    }
    let end = f;
    while (end < track.hz.length && track.hz[end] === 0) end++;
    if (end - f >= frames(MIN_PAUSE_SECONDS)) {
      const [first, length] = longestRun(f, end, isBreath);
      // An inhale comes before a phrase: the voice starts again soon after it (the pause ends on a voiced frame).
      const beforePhrase = end < track.hz.length && end - (first + length) <= frames(BEFORE_PHRASE_SECONDS);
      if (beforePhrase && length >= frames(BREATH_SECONDS.min) && length <= frames(BREATH_SECONDS.max))
        breaths.push({
          start: Math.max(0, Math.round(track.offset + (first - 0.5) * track.hop)),
          end: Math.min(mono.length, Math.round(track.offset + (first + length - 0.5) * track.hop)),
        });
    }
    f = end;
  }
  return breaths;
}

/** The channels (their first sample at `offset` on the spans' clock) with each breath turned down by `reductionDb`,
 * easing in and out over 20 ms inside its edges; the rest bit for bit. */
export function turnDownBreaths(
  channels: Float32Array[],
  offset: number,
  breaths: readonly SampleRange[],
  rate: number,
  reductionDb: number,
): Float32Array[] {
  const fade = Math.round(BREATH_FADE_SECONDS * rate);
  const inset = breaths.map((b) => ({ start: b.start + fade, end: b.end - fade })).filter((b) => b.end > b.start);
  return duck(channels, offset, inset, rate, -reductionDb, BREATH_FADE_SECONDS);
}

/** The longest run of frames in [from, to) that `holds`: its first frame and its length (0 where none holds). */
function longestRun(from: number, to: number, holds: (frame: number) => boolean): [number, number] {
  let best: [number, number] = [from, 0];
  for (let f = from; f < to; ) {
    if (!holds(f)) {
      f++;
      continue;
    }
    let end = f;
    while (end < to && holds(end)) end++;
    if (end - f > best[1]) best = [f, end - f];
    f = end;
  }
  return best;
}

/** Each frame's RMS level over 20 ms around its centre, dB (-Infinity in digital silence). */
function frameLevels(x: Float32Array, rate: number, offset: number, hop: number, count: number): number[] {
  const half = Math.round((LEVEL_SECONDS * rate) / 2);
  return Array.from({ length: count }, (_, f) => {
    const centre = Math.round(offset + f * hop);
    const [from, to] = [Math.max(0, centre - half), Math.min(x.length, centre + half)];
    let sum = 0;
    for (let i = from; i < to; i++) sum += x[i] * x[i];
    return 10 * Math.log10(sum / Math.max(1, to - from));
  });
}
