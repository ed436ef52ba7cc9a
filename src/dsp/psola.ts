/**
 * TD-PSOLA (time-domain pitch-synchronous overlap-add), the pitch shifter of Correct pitch and the Pitch editor: the
 * recording is cut into grains one period long around pitch marks a period apart, and each is laid again a changed
 * period apart, so a voice keeps its formants (its vowel and character) where a tape-style shift would move them.
 * Grains cross over in complementary raised-cosine halves, so where the ratio is 1 (unvoiced sound, silence, notes left
 * alone) the recording comes back bit for bit. All channels share the marks and the grains' times.
 */
import { toMono } from './channels';
import { type PitchTrack, pitchAt, trackPitch } from './pitch-track';

export const UNVOICED_STEP_SECONDS = 0.005;

/** Whether Change pitch moves the formants with the pitch (any sound) or keeps them (one voice). */
export const PITCH_FORMANTS = ['move', 'keep'] as const;
export type PitchFormants = (typeof PITCH_FORMANTS)[number];

/** A voice moved by `semitones`, its formants kept (Change pitch for one voice): what has no pitch (breath,
 * consonants, silence) is left as it was. */
export function shiftVoice(channels: Float32Array[], rate: number, semitones: number): Float32Array[] {
  if (semitones === 0) return channels.map((ch) => ch.slice());
  const ratio = 2 ** (semitones / 12);
  return shiftPitchAlong(channels, rate, trackPitch(toMono(channels), rate), () => ratio);
}

/** A voice's formants moved by `semitones` (up: a smaller throat, a child's or a cartoon's; down: a larger one), its
 * pitch kept, as Melodyne's formant tool and Little AlterBoy: each grain is read faster or slower, so the resonances
 * inside it move, while the grains stay a period apart. */
export function shiftFormants(channels: Float32Array[], rate: number, semitones: number): Float32Array[] {
  if (semitones === 0) return channels.map((ch) => ch.slice());
  return shiftPitchAlong(channels, rate, trackPitch(toMono(channels), rate), () => 1, 2 ** (semitones / 12));
}

/** The pitch at each position times `ratioAt(position)` (1 exactly: left as it was), and the formants times
 * `formantRatio` (each grain read that much faster); the length kept. */
export function shiftPitchAlong(
  channels: Float32Array[],
  rate: number,
  track: PitchTrack,
  ratioAt: (position: number) => number,
  formantRatio = 1,
): Float32Array[] {
  const length = channels[0]?.length ?? 0;
  const unvoicedStep = Math.round(UNVOICED_STEP_SECONDS * rate);
  const periodAt = (p: number) => {
    const hz = pitchAt(track, p);
    return hz > 0 ? rate / hz : 0;
  };
  const marks = pitchMarks(toMono(channels), periodAt, unvoicedStep);
  // Synthesis marks a corrected period apart; where nothing is corrected they fall back onto the analysis marks.
  const times: number[] = [0];
  const sources: number[] = [0];
  let nearest = 0;
  // Kept between samples so that rounding each period does not put the pitch off (half a sample a period is cents).
  for (let exact = 0; exact < length; ) {
    const ratio = ratioAt(exact);
    const period = periodAt(exact);
    if (ratio === 1 || period === 0) {
      while (nearest < marks.length && marks[nearest] <= exact) nearest++;
      if (nearest === marks.length) break;
      exact = marks[nearest];
    } else exact += period / ratio;
    const t = Math.round(exact);
    if (t >= length) break;
    while (nearest + 1 < marks.length && Math.abs(marks[nearest + 1] - t) <= Math.abs(marks[nearest] - t)) nearest++;
    while (nearest > 0 && Math.abs(marks[nearest - 1] - t) < Math.abs(marks[nearest] - t)) nearest--;
    times.push(t);
    sources.push(marks[nearest]);
  }
  return channels.map((ch) => overlapGrains(ch, times, sources, formantRatio));
}

/** Analysis marks a period apart where the voice sounds, each moved (by up to a quarter period) to where the cycle
 * around it looks most like the cycle around the last mark: the grains are then cut at the same point of each cycle
 * as a real voice's periods wander from the tracker's smoothed one. A few ms apart elsewhere. */
function pitchMarks(x: Float32Array, periodAt: (p: number) => number, unvoicedStep: number): number[] {
  const marks: number[] = [];
  // Kept between samples: a mark put on the nearest sample to the last would drift by the period's fraction each cycle.
  for (let exact = 0; exact < x.length; ) {
    const m = Math.round(exact);
    marks.push(m);
    const period = periodAt(m);
    if (!period) {
      exact += unvoicedStep;
      continue;
    }
    exact = markAfter(x, exact, period);
  }
  return marks;
}

/** Where the mark after the one at `exact` (kept between samples) falls, the period there being `period`: a period
 * on, moved to where the cycle looks most like the one at `exact`. Reads `x` from half a period before the mark to
 * `markReach(period)` after it. */
export function markAfter(x: Float32Array, exact: number, period: number): number {
  const m = Math.round(exact);
  const expected = Math.round(exact + period);
  const [reach, half] = [Math.floor(period / 4), Math.floor(period / 2)];
  const likeness = (at: number) => {
    let sum = 0;
    for (let k = -half; k < half; k++) sum += (x[m + k] ?? 0) * (x[at + k] ?? 0);
    return sum;
  };
  const scores = new Float64Array(2 * reach + 3).map((_, i) => likeness(expected - reach - 1 + i));
  let best = 1;
  for (let i = 2; i < scores.length - 1; i++) if (scores[i] > scores[best]) best = i;
  const [a, b, c] = [scores[best - 1], scores[best], scores[best + 1]];
  const curve = a - 2 * b + c;
  const fraction = curve < 0 ? (0.5 * (a - c)) / curve : 0;
  return Math.max(exact + 1, expected - reach - 1 + best + fraction + (exact - m));
}

/** How far after a mark `markAfter` reads, samples. */
export const markReach = (period: number): number =>
  Math.round(period) + 2 + Math.floor(period / 4) + Math.floor(period / 2);

/** Each grain of `x` around `sources[j]`, laid at `times[j]` and read `speed` times as fast (between samples, drawn
 * straight): between two grains' times the first falls and the next rises in complementary raised-cosine halves, so
 * they add up to 1 everywhere; where both grains lie where they were taken from and are read as they are, the
 * recording itself is copied (bit for bit, which the weighted sum is not quite), and after the last grain's time its
 * grain goes on to the end. */
function overlapGrains(x: Float32Array, times: number[], sources: number[], speed = 1): Float32Array {
  const out = new Float32Array(x.length);
  for (let j = 0; j < times.length; j++) {
    const last = j + 1 === times.length;
    const [next, nextSource] = last ? [x.length, Number.NaN] : [times[j + 1], sources[j + 1]];
    layGrains(out, times[j], x, times[j], next, sources[j], nextSource, speed);
  }
  return out;
}

/** `out` from `outAt` on, for `x`'s times `t` to `next` (a grain's time and the next's): the grain of `x` around `source` falling as the one around
 * `nextSource` rises, each read `speed` times as fast; where both lie where they were taken from and are read as
 * they are, `x` itself; with no next grain (NaN), the grain alone. */
export function layGrains(
  out: Float32Array,
  outAt: number,
  x: Float32Array,
  t: number,
  next: number,
  source: number,
  nextSource: number,
  speed: number,
): void {
  const sample = (i: number) => (i >= 0 && i < x.length ? x[i] : 0);
  // Read as it is (the pitch moved alone) without the cost of drawing between samples.
  const read =
    speed === 1
      ? sample
      : (at: number) => {
          const i = Math.floor(at);
          return sample(i) + (sample(i + 1) - sample(i)) * (at - i);
        };
  const span = next - t;
  if (speed === 1 && source === t && nextSource === next) out.set(x.subarray(t, next), outAt);
  else if (Number.isNaN(nextSource)) for (let k = 0; k < span; k++) out[outAt + k] = read(source + k * speed);
  else
    for (let k = 0; k < span; k++) {
      const fall = 0.5 + 0.5 * Math.cos((Math.PI * k) / span);
      out[outAt + k] = fall * read(source + k * speed) + (1 - fall) * read(nextSource + (k - span) * speed);
    }
}
