/**
 * Pitch correction, as Audition's Automatic Pitch Correction and Auto-Tune's automatic mode: a sung or played line
 * (one voice at a time) is pulled to the nearest note of a scale. The pitch is tracked (src/dsp/pitch-track.ts); each
 * voiced frame's note is the scale's nearest, kept until the voice is 20 cents nearer another (so a note sung
 * between two does not flutter); the correction (cents, times the strength) moves towards it with the retune
 * speed's time constant (0 ms: at once, the robotic effect; 50-100 ms keeps slides and some vibrato) and back to none
 * where the voice stops. The correction is made by TD-PSOLA (src/dsp/psola.ts), so the voice keeps its formants, and
 * where none is made the recording comes back bit for bit.
 */
import { toMono } from './channels';
import { midiOf } from './notes';
import { between, type PitchTrack, trackPitch } from './pitch-track';
import { shiftPitchAlong } from './psola';

export type ScaleMode = 'major' | 'minor';

/** A key: its tonic (0: C to 11: B) and mode. */
export interface Key {
  tonic: number;
  mode: ScaleMode;
}

export interface PitchCorrection {
  /** The scale's tonic, 0 (C) to 11 (B); null: every semitone (chromatic). */
  tonic: number | null;
  mode: ScaleMode;
  /** How fast the correction follows, ms (a time constant); 0: at once. */
  speedMs: number;
  /** How much of the way to the note, 0 to 100 %. */
  strength: number;
  /** How much slower the correction follows on a held note (0 to 100 %, as Auto-Tune's Humanize): a long note keeps
   * its vibrato and drift while short ones still land; absent: 0. */
  humanize?: number;
  /** Corrected only where the voice is within this many cents of its note (as Auto-Tune's Flex-Tune: a slide, scoop
   * or bend further off is left as sung); absent or 0: everywhere. */
  withinCents?: number;
  /** The lowest note the tracker listens for, Hz, as Auto-Tune's input type: one of VOICE_RANGES' (absent: 60, any
   * voice). A higher one answers sooner as it plays (less latency) but cannot hear voices under it. */
  lowestHz?: number;
}

/** The ranges a corrector can listen in, by name, from their lowest note: any voice down to 60 Hz (a bass), or
 * tenors, altos and sopranos from 100 Hz (an insert then answers in 50 ms rather than 70). */
export const VOICE_RANGES: readonly { lowestHz: number; name: string }[] = [
  { lowestHz: 60, name: 'Any voice (from 60 Hz)' },
  { lowestHz: 100, name: 'Tenor, alto, soprano (from 100 Hz)' },
];

export const RETUNE_SPEED_MS = { min: 0, max: 400 } as const;
export const CORRECTION_STRENGTH = { min: 0, max: 100 } as const;
export const HUMANIZE = { min: 0, max: 100 } as const;
export const WITHIN_CENTS = { min: 0, max: 50 } as const;
/** At full Humanize, a note held HUMANIZE_AFTER_MS and more is followed this much more slowly, ms. */
const HUMANIZE_MS = 400;
const HUMANIZE_AFTER_MS = 150;
const HUMANIZE_FULL_MS = 400;

/** Why the correction's settings cannot run (the first such), or null. */
export function correctionProblem(c: PitchCorrection): string | null {
  if (!isScale(c)) return "Pitch correction's key must be one of the twelve notes, major or minor, or chromatic.";
  const checks: [number | undefined, { min: number; max: number }, string, string][] = [
    [c.speedMs, RETUNE_SPEED_MS, 'retune speed', ' ms'],
    [c.strength, CORRECTION_STRENGTH, 'strength', ' %'],
    [c.humanize ?? 0, HUMANIZE, 'humanize', ' %'],
    [c.withinCents ?? 0, WITHIN_CENTS, 'range (within)', ' cents'],
  ];
  for (const [value, { min, max }, name, unit] of checks)
    if (!(value !== undefined && value >= min && value <= max))
      return `Pitch correction's ${name} must be ${min} to ${max}${unit}.`;
  if (c.lowestHz !== undefined && !VOICE_RANGES.some((r) => r.lowestHz === c.lowestHz))
    return `Pitch correction listens from ${VOICE_RANGES.map((r) => r.lowestHz).join(', ')} Hz.`;
  return null;
}

/** The notes of a major and a (natural) minor scale, semitones over the tonic. */
export const SCALES: Record<ScaleMode, readonly number[]> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
};
const HOLD_SEMITONES = 0.1;
/** Corrections under this are none: the grains go back where they were. */
const NONE_CENTS = 0.5;

/** Whether the tonic is one of the twelve notes (or none: chromatic) and the mode one the corrector knows. */
export const isScale = ({ tonic, mode }: Pick<PitchCorrection, 'tonic' | 'mode'>) =>
  (tonic === null || (Number.isInteger(tonic) && tonic >= 0 && tonic < 12)) && Object.hasOwn(SCALES, mode);

/** The scale's note nearest `midi`; with `held`, that note stays unless `midi` is clearly nearer another. */
export function nearestNote(midi: number, scale: PitchCorrection, held?: number): number {
  const allowed = (n: number) =>
    scale.tonic === null || SCALES[scale.mode].includes((((n - scale.tonic) % 12) + 12) % 12);
  let best = Number.NaN;
  for (let n = Math.floor(midi) - 2; n <= Math.ceil(midi) + 2; n++)
    if (allowed(n) && (Number.isNaN(best) || Math.abs(midi - n) < Math.abs(midi - best))) best = n;
  // A note held from before that is not in the scale (the key changed as it plays) is let go.
  if (held === undefined || held === best || !allowed(held)) return best;
  const distance = (n: number) => Math.abs(midi - n);
  return distance(held) <= distance(best) + 2 * HOLD_SEMITONES ? held : best;
}

/** The correction of each frame of the track, cents. */
export function correctionCurve(track: PitchTrack, rate: number, settings: PitchCorrection): Float32Array {
  const retuner = new Retuner(settings, (1000 * track.hop) / rate);
  return track.hz.map((hz) => retuner.next(hz));
}

/** The correction frame by frame, as the frames come (a realtime corrector's as well as the whole line's): the note
 * held, and the correction moving towards it with the retune speed (slower the longer a note is held, with Humanize;
 * none where the voice is further off than Flex-Tune's range, with a soft edge half as wide again). */
export class Retuner {
  private held: number | undefined;
  /** How long the note has been held, ms. */
  private heldMs = 0;
  private current = 0;

  constructor(
    private settings: PitchCorrection,
    private readonly frameMs: number,
  ) {}

  /** Takes new settings from the next frame on, the note held and the correction made so far kept. */
  retune(settings: PitchCorrection): void {
    this.settings = settings;
  }

  /** The next frame's correction, cents, from its pitch (Hz; 0: unvoiced). */
  next(hz: number): number {
    let wanted = 0;
    if (hz > 0) {
      const midi = midiOf(hz);
      const note = nearestNote(midi, this.settings, this.held);
      this.heldMs = note === this.held ? this.heldMs + this.frameMs : 0;
      this.held = note;
      const off = note - midi; // semitones
      wanted = off * this.settings.strength * this.reach(100 * off); // semitones * % = cents
    } else [this.held, this.heldMs] = [undefined, 0];
    this.current += this.follow() * (wanted - this.current);
    return Math.abs(this.current) < NONE_CENTS ? 0 : this.current;
  }

  /** How much of a correction `cents` off its note is made: all within the range, none past half as much again. */
  private reach(cents: number): number {
    const within = this.settings.withinCents ?? 0;
    if (within <= 0) return 1;
    return Math.min(1, Math.max(0, (1.5 * within - Math.abs(cents)) / (0.5 * within)));
  }

  /** The share of the way the correction moves this frame: its time constant the retune speed, lengthened on a held
   * note by Humanize. */
  private follow(): number {
    const held = Math.min(1, Math.max(0, (this.heldMs - HUMANIZE_AFTER_MS) / (HUMANIZE_FULL_MS - HUMANIZE_AFTER_MS)));
    const speedMs = this.settings.speedMs + ((this.settings.humanize ?? 0) / 100) * HUMANIZE_MS * held;
    return speedMs <= 0 ? 1 : 1 - Math.exp(-this.frameMs / speedMs);
  }
}

/** The channels with their line pulled to the scale; the length kept. */
export function correctPitch(channels: Float32Array[], rate: number, settings: PitchCorrection): Float32Array[] {
  const track = trackPitch(toMono(channels), rate, settings.lowestHz);
  const cents = correctionCurve(track, rate, settings);
  if (cents.every((c) => c === 0)) return channels.map((ch) => ch.slice());
  const ratioAt = (position: number) => 2 ** (centsAt(track, cents, position) / 1200);
  return shiftPitchAlong(channels, rate, track, ratioAt);
}

function centsAt(track: PitchTrack, cents: Float32Array, position: number): number {
  return between(cents, (position - track.offset) / track.hop);
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
