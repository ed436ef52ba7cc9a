/**
 * Pitch correction, as Audition's Automatic Pitch Correction and Auto-Tune's automatic mode: a sung or played line
 * (one voice at a time) is pulled to the nearest note of a scale. The pitch is tracked (src/dsp/pitch-track.ts); each
 * voiced frame's note is the scale's nearest, kept until the voice is 20 cents nearer another (so a note sung
 * between two does not flutter); the correction (cents, times the strength) moves towards it with the retune
 * speed's time constant (0 ms: at once, the robotic effect; 50-100 ms keeps slides and some vibrato) and back to none
 * where the voice stops. The correction is made by TD-PSOLA: the recording is cut into grains one period long around
 * pitch marks a period apart, and each is laid again a corrected period apart, so the voice's formants (its vowel and
 * its character) stay where they were, as a tape would not leave them. Grains cross over in complementary raised-cosine
 * halves, so where no correction is made (unvoiced sound, silence, notes already in tune) the recording comes back
 * bit for bit. All channels share the marks and the grains' times.
 */
import { toMono } from './channels';
import { between, type PitchTrack, pitchAt, trackPitch } from './pitch-track';

export type ScaleMode = 'major' | 'minor';

export interface PitchCorrection {
  /** The scale's tonic, 0 (C) to 11 (B); null: every semitone (chromatic). */
  tonic: number | null;
  mode: ScaleMode;
  /** How fast the correction follows, ms (a time constant); 0: at once. */
  speedMs: number;
  /** How much of the way to the note, 0 to 100 %. */
  strength: number;
}

export const RETUNE_SPEED_MS = { min: 0, max: 400 } as const;
export const CORRECTION_STRENGTH = { min: 0, max: 100 } as const;

const A4_HZ = 440;
const SCALES: Record<ScaleMode, number[]> = { major: [0, 2, 4, 5, 7, 9, 11], minor: [0, 2, 3, 5, 7, 8, 10] };
const HOLD_SEMITONES = 0.1;
/** Corrections under this are none: the grains go back where they were. */
const NONE_CENTS = 0.5;
const UNVOICED_STEP_SECONDS = 0.005;

/** Whether the tonic is one of the twelve notes (or none: chromatic) and the mode one the corrector knows. */
export const isScale = ({ tonic, mode }: Pick<PitchCorrection, 'tonic' | 'mode'>) =>
  (tonic === null || (Number.isInteger(tonic) && tonic >= 0 && tonic < 12)) && Object.hasOwn(SCALES, mode);

/** A pitch in Hz as a MIDI note number (69: A4), fractional. */
export const midiOf = (hz: number) => 69 + 12 * Math.log2(hz / A4_HZ);

/** The scale's note nearest `midi`; with `held`, that note stays unless `midi` is clearly nearer another. */
export function nearestNote(midi: number, scale: PitchCorrection, held?: number): number {
  const allowed = (n: number) =>
    scale.tonic === null || SCALES[scale.mode].includes((((n - scale.tonic) % 12) + 12) % 12);
  let best = Number.NaN;
  for (let n = Math.floor(midi) - 2; n <= Math.ceil(midi) + 2; n++)
    if (allowed(n) && (Number.isNaN(best) || Math.abs(midi - n) < Math.abs(midi - best))) best = n;
  if (held === undefined || held === best) return best;
  const distance = (n: number) => Math.abs(midi - n);
  return distance(held) <= distance(best) + 2 * HOLD_SEMITONES ? held : best;
}

/** The correction of each frame of the track, cents. */
export function correctionCurve(track: PitchTrack, rate: number, settings: PitchCorrection): Float32Array {
  const cents = new Float32Array(track.hz.length);
  const frameMs = (1000 * track.hop) / rate;
  const follow = settings.speedMs <= 0 ? 1 : 1 - Math.exp(-frameMs / settings.speedMs);
  let held: number | undefined;
  let current = 0;
  for (let f = 0; f < cents.length; f++) {
    const hz = track.hz[f];
    let wanted = 0;
    if (hz > 0) {
      const midi = midiOf(hz);
      held = nearestNote(midi, settings, held);
      wanted = (held - midi) * settings.strength; // semitones * % = cents
    } else held = undefined;
    current += follow * (wanted - current);
    cents[f] = Math.abs(current) < NONE_CENTS ? 0 : current;
  }
  return cents;
}

/** The channels with their line pulled to the scale; the length kept. */
export function correctPitch(channels: Float32Array[], rate: number, settings: PitchCorrection): Float32Array[] {
  const track = trackPitch(toMono(channels), rate);
  const cents = correctionCurve(track, rate, settings);
  if (cents.every((c) => c === 0)) return channels.map((ch) => ch.slice());
  const ratioAt = (position: number) => 2 ** (centsAt(track, cents, position) / 1200);
  return shiftAlong(channels, rate, track, ratioAt);
}

function centsAt(track: PitchTrack, cents: Float32Array, position: number): number {
  return between(cents, (position - track.offset) / track.hop);
}

/** TD-PSOLA: the pitch at each position times `ratioAt(position)`. */
function shiftAlong(
  channels: Float32Array[],
  rate: number,
  track: PitchTrack,
  ratioAt: (position: number) => number,
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
  return channels.map((ch) => overlapGrains(ch, times, sources));
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
    exact = Math.max(exact + 1, expected - reach - 1 + best + fraction + (exact - m));
  }
  return marks;
}

/** Each grain of `x` around `sources[j]`, laid at `times[j]` under a raised-cosine rise from the previous time and
 * fall to the next: the windows of neighbouring grains add up to 1 everywhere. */
function overlapGrains(x: Float32Array, times: number[], sources: number[]): Float32Array {
  const out = new Float32Array(x.length);
  for (let j = 0; j < times.length; j++) {
    const [t, s] = [times[j], sources[j]];
    const left = j > 0 ? t - times[j - 1] : 0;
    const right = j + 1 < times.length ? times[j + 1] - t : x.length - t;
    for (let k = left > 0 ? 1 - left : 0; k < right; k++) {
      const w =
        k < 0 ? 0.5 - 0.5 * Math.cos((Math.PI * (k + left)) / left) : 0.5 + 0.5 * Math.cos((Math.PI * k) / right);
      const at = s + k;
      if (at >= 0 && at < x.length) out[t + k] += w * x[at];
    }
  }
  return out;
}

export interface Intonation {
  /** The median distance of the voiced frames from the scale's nearest notes, cents. */
  medianCents: number;
  /** The share of frames with a pitch, 0 to 1. */
  voiced: number;
}

/** How far the voiced frames sit from the scale's nearest notes; null where none has a pitch. */
export function intonation(track: PitchTrack, scale: PitchCorrection): Intonation | null {
  const off = [...track.hz]
    .filter((hz) => hz > 0)
    .map((hz) => Math.abs(100 * (midiOf(hz) - nearestNote(midiOf(hz), scale))));
  if (!off.length) return null;
  off.sort((a, b) => a - b);
  return { medianCents: off[Math.floor(off.length / 2)], voiced: off.length / track.hz.length };
}
