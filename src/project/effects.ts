/** Effects as plain data, so the same description runs in the analysis worker and in tests. */
import { attenuateToSurroundings, type SurroundingsProfile } from '../dsp/attenuate';
import { bandGain, describeBand, type FrequencyBand } from '../dsp/band';
import { type Compression, compress, RATIO, THRESHOLD_DB } from '../dsp/compressor';
import { declick, findClicks, SENSITIVITY } from '../dsp/declick';
import { declip } from '../dsp/declip';
import { type EqMatch, matchEq } from '../dsp/eq-match';
import { type Paulstretch, paulstretch, STRETCH_FACTOR, STRETCH_WINDOW_SECONDS } from '../dsp/paulstretch';
import { DISTORTION_CURVES, DISTORTION_OUTPUT_DB, type Distortion, DRIVE_DB, distort } from '../dsp/distortion';
import {
  CHORUS_DEPTH_MS,
  type Chorus,
  chorus,
  MOD_DEPTH,
  MOD_RATE_HZ,
  PHASER_FEEDBACK,
  type Phaser,
  phaser,
  type Tremolo,
  tremolo,
} from '../dsp/modulation';
import { ECHO_DECAY, ECHO_DELAY_SECONDS, type Echoing, echo } from '../dsp/echo';
import { CENTER_HZ, CENTER_OPERATIONS, type CenterExtraction, extractCenter } from '../dsp/center';
import { DEESS_HZ, DEESS_REDUCTION_DB, DEESS_THRESHOLD_DB, type DeEssing, deess } from '../dsp/deess';
import { dehum } from '../dsp/dehum';
import type { Hum } from '../dsp/find-hum';
import { CHANNEL_OPERATIONS, type ChannelOperation, channelOperation } from '../dsp/channels';
import { DUCK_AMOUNT_DB, duck } from '../dsp/duck';
import { BREATH_REDUCTION_DB, turnDownBreaths } from '../dsp/breaths';
import { GATE_REDUCTION_DB, GATE_THRESHOLD_DB, type Gating, gate } from '../dsp/gate';
import { LEVEL_MAX_GAIN_DB, LEVEL_TARGET_LUFS, type Leveling, level } from '../dsp/leveler';
import { type EqBand, eqProblem, equalize } from '../dsp/equalizer';
import { applyFade, type FadeCurve, type FadeDirection } from '../dsp/fades';
import { applyGain, dbToGain, peakNormalizeGain } from '../dsp/gain';
import { filter, type FilterType } from '../dsp/filters';
import { CEILING_DB, type Limiting, limit, RELEASE_MS } from '../dsp/limiter';
import { integratedLoudness } from '../dsp/loudness';
import { type NoiseProfile, type NoiseReduction, reduceNoise } from '../dsp/noise-reduction';
import { resample } from '../dsp/resample';
import { DECAY_SECONDS, type Reverberation, reverb, WET_DB } from '../dsp/reverb';
import { afterCuts, CROSSFADE_SECONDS, removeStretches } from '../dsp/silence';
import { stretchAndShiftChannels } from '../dsp/time-stretch';
import { shiftFormants, shiftVoice } from '../dsp/psola';
import { correctionProblem, correctPitch, type PitchCorrection } from '../dsp/pitch-correct';
import { PITCH_RANGE_HZ } from '../dsp/pitch-track';
import { PITCH_CLASSES } from '../dsp/key';
import { type NoteShift, shiftNotes } from '../dsp/pitch-notes';
import { doubleOf } from '../dsp/doubler';
import { alignPiece } from '../dsp/align';
import { type GuidePitch, MATCH_STRENGTH, matchPitch } from '../dsp/match-pitch';
import type { SampleRange } from './types';

export type EffectSpec =
  | { kind: 'fade'; direction: FadeDirection; curve: FadeCurve }
  /** In a frequency band where one is selected (src/dsp/band.ts). */
  | { kind: 'gain'; db: number; band?: FrequencyBand }
  | { kind: 'normalizePeak'; db: number }
  | { kind: 'normalizeLoudness'; lufs: number }
  | { kind: 'reverse' }
  /** Pitch moved by semitones (fractions are cents), the length kept: the phase vocoder, channels together; or, with
   * the formants kept, TD-PSOLA (one voice: src/dsp/psola.ts). */
  | { kind: 'pitch'; semitones: number; formants?: 'keep' }
  /** A voice's formants moved by semitones, its pitch kept (TD-PSOLA: src/dsp/psola.ts). */
  | { kind: 'formants'; semitones: number }
  /** A sung or played line pulled to the nearest notes of a scale (src/dsp/pitch-correct.ts). */
  | ({ kind: 'correctPitch' } & PitchCorrection)
  /** Notes of a line moved each on its own (the Pitch editor; src/dsp/pitch-notes.ts; timeline samples). */
  | { kind: 'shiftNotes'; shifts: NoteShift[] }
  /** A double of a line: slightly late and off in tune, drifting (src/dsp/doubler.ts); `seed` picks the drifts. */
  | { kind: 'double'; seed: number }
  /** A take read along a time map that puts it in time with a guide (src/dsp/align.ts): `readAt[k]`, the take's
   * time (s from timeline sample `from`) for the guide's at k x 10 ms. */
  | { kind: 'align'; from: number; readAt: number[] }
  /** A take moved onto a guide's pitch, in the octave it was sung in, by `strength` % (src/dsp/match-pitch.ts). */
  | { kind: 'matchPitch'; guide: GuidePitch; strength: number }
  /** Tempo changed by a percentage (+25: a quarter faster, so shorter), the pitch kept (WSOLA, channels together)
   * or moved by `semitones` in the same pass (the phase vocoder); what follows the range moves with its end. */
  | { kind: 'tempo'; percent: number; semitones?: number }
  /** Made `factor` times longer as a smeared texture, the pitch kept (src/dsp/paulstretch.ts). */
  | ({ kind: 'paulstretch' } & Paulstretch)
  /** Speed changed by a percentage, pitch with it, as a tape played faster or slower (resampled). */
  | { kind: 'speed'; percent: number }
  /** A high-pass or low-pass filter, 24 dB per octave (src/dsp/filters.ts). */
  | { kind: 'filter'; type: FilterType; hz: number }
  /** Stretches of silence found in the selection (src/dsp/silence.ts findPauses; timeline samples, in order) taken
   * out, each join crossfaded; what follows each moves back by what was cut before it. */
  | { kind: 'truncateSilence'; cuts: SampleRange[] }
  /** Turned down by `amountDb` under the spans (timeline samples) where another track's voice sounds
   * (src/dsp/duck.ts). */
  | { kind: 'duck'; spans: SampleRange[]; amountDb: number }
  /** Breaths between phrases (found by src/dsp/breaths.ts; timeline samples) turned down. */
  | { kind: 'debreath'; spans: SampleRange[]; reductionDb: number }
  /** A room's reverb added under the sound (src/dsp/reverb.ts). */
  | ({ kind: 'reverb' } & Reverberation)
  /** The sound coming back after a delay, each repeat quieter (src/dsp/echo.ts). */
  | ({ kind: 'echo' } & Echoing)
  /** The level swinging, notches sweeping, or a second voice swinging in time (src/dsp/modulation.ts). */
  | ({ kind: 'tremolo' } & Tremolo)
  | ({ kind: 'phaser' } & Phaser)
  | ({ kind: 'chorus' } & Chorus)
  /** The sound driven into a curve that holds it under full scale, at four times the rate (src/dsp/distortion.ts). */
  | ({ kind: 'distortion' } & Distortion)
  /** The selection made silent where it is, its length kept (Audacity's Silence Audio). */
  | { kind: 'silence' }
  /** Quiet stretches turned down by a noise gate (src/dsp/gate.ts). */
  | ({ kind: 'gate' } & Gating)
  /** Speech brought to one loudness, phrase by phrase (src/dsp/leveler.ts). */
  | ({ kind: 'level' } & Leveling)
  /** Sibilance turned down where it rises over a threshold (src/dsp/deess.ts). */
  | ({ kind: 'deess' } & DeEssing)
  /** The centre of a stereo recording (a voice panned there) taken out or kept alone (src/dsp/center.ts). */
  | ({ kind: 'center' } & CenterExtraction)
  /** Stereo to mono, left and right swapped, or the polarity inverted (src/dsp/channels.ts). */
  | { kind: 'channels'; operation: ChannelOperation }
  /** A reference's tonal balance given to the selection (src/dsp/eq-match.ts). */
  | ({ kind: 'eqMatch' } & EqMatch)
  /** A parametric equalizer's bands (src/dsp/equalizer.ts). */
  | { kind: 'eq'; bands: EqBand[] }
  /** Noise taken down by a profile of it (src/dsp/noise-reduction.ts). */
  | ({ kind: 'denoise'; profile: NoiseProfile } & NoiseReduction)
  /** What rises over the bed heard around the range brought down to it, in a frequency band where one is selected
   * (src/dsp/attenuate.ts). */
  | { kind: 'attenuate'; profile: SurroundingsProfile; levelDb: number; band?: FrequencyBand }
  /** Clipped tops drawn again from the audio around them (src/dsp/declip.ts). */
  | { kind: 'declip' }
  /** Clicks found (src/dsp/declick.ts, sensitivity 1 to 10) drawn again from the audio either side of them. */
  | { kind: 'declick'; sensitivity: number }
  /** Peaks held under a ceiling by a look-ahead limiter (src/dsp/limiter.ts). */
  | ({ kind: 'limit' } & Limiting)
  /** What rises over a threshold turned down by a ratio (src/dsp/compressor.ts). */
  | ({ kind: 'compress' } & Compression)
  /** Mains hum found in the selection (src/dsp/find-hum.ts) taken out, its harmonics one by one (src/dsp/dehum.ts). */
  | { kind: 'dehum'; hum: Hum };

/** The bounds the studio offers (beyond them a stretch or a shift is heard as an artefact more than as music). */
export const PITCH_SEMITONES = { min: -12, max: 12 } as const;
export const TEMPO_PERCENT = { min: -50, max: 100 } as const;

type Retiming = Extract<EffectSpec, { kind: 'tempo' | 'speed' | 'paulstretch' }>;

/** Whether the effect changes the range's length (a tempo or speed change, Paulstretch). */
export const retimes = (spec: EffectSpec): spec is Retiming =>
  spec.kind === 'tempo' || spec.kind === 'speed' || spec.kind === 'paulstretch';

/** How many times longer a retiming effect makes the range. */
export const retimeFactor = (spec: Retiming) =>
  spec.kind === 'paulstretch' ? spec.factor : 100 / (100 + spec.percent);

/** The longest Paulstretch makes, s: fifty times a minute would not fit in memory. */
export const STRETCH_MAX_SECONDS = 30 * 60;

/** Where a timeline position lands after the effect: inside the range a tempo or speed change scales it from the
 * range's start, after the range it moves with the range's end; truncated silence moves it back by what was cut
 * before it; every other effect leaves time where it is. */
export function timeMap(spec: EffectSpec, range: SampleRange): (t: number) => number {
  if (spec.kind === 'truncateSilence') return afterCuts(spec.cuts);
  if (!retimes(spec)) return (t) => t;
  const factor = retimeFactor(spec);
  const inside = (t: number) => range.start + Math.round((t - range.start) * factor);
  const shift = inside(range.end) - range.end;
  return (t) => (t <= range.start ? t : t <= range.end ? inside(t) : t + shift);
}

/** A piece of a clip inside the range: its timeline position and a private copy of its samples. */
export interface PieceData {
  start: number;
  length: number;
  channels: Float32Array[];
}

/** What an effect that changes each piece on its own (its length kept) makes of a piece's channels; `start` is where
 * the piece sits on the timeline. */
type PieceProcessor<K extends EffectSpec['kind']> = (
  channels: Float32Array[],
  rate: number,
  spec: Extract<EffectSpec, { kind: K }>,
  start: number,
) => Float32Array[];

/** The effects that change each piece on its own, the length kept: most of them. */
const PER_PIECE = {
  pitch: (c, rate, s) =>
    s.formants === 'keep' ? shiftVoice(c, rate, s.semitones) : stretchAndShiftChannels(c, 1, s.semitones, rate),
  correctPitch: (c, rate, s) => correctPitch(c, rate, s),
  formants: (c, rate, s) => shiftFormants(c, rate, s.semitones),
  shiftNotes: (c, rate, s, start) => shiftNotes(c, rate, s.shifts, start),
  double: (c, rate, s) => doubleOf(c, rate, s.seed),
  align: (c, rate, s, start) => alignPiece(c, rate, s.readAt, start - s.from),
  matchPitch: (c, rate, s, start) => matchPitch(c, rate, s.guide, s.strength, start),
  denoise: (c, rate, s) => reduceNoise(c, rate, s.profile, s),
  attenuate: (c, rate, s) => attenuateToSurroundings(c, rate, s.profile, s).channels,
  filter: (c, rate, s) => c.map((ch) => filter(ch, s.type, s.hz, rate)),
  reverb,
  echo,
  tremolo,
  phaser,
  chorus,
  distortion: distort,
  eqMatch: matchEq,
  silence: (c) => c.map((ch) => new Float32Array(ch.length)),
  gate: (c, rate, s) => gate(c, rate, s).channels,
  level: (c, rate, s) => level(c, rate, s).channels,
  deess,
  channels: (c, _rate, s) => channelOperation(c, s.operation),
  center: extractCenter,
  duck: (c, rate, s, start) => duck(c, start, s.spans, rate, s.amountDb),
  debreath: (c, rate, s, start) => turnDownBreaths(c, start, s.spans, rate, s.reductionDb),
  eq: (c, rate, s) => equalize(c, rate, s.bands),
  declip: (c) => declip(c),
  dehum: (c, rate, s) => dehum(c, rate, s.hum),
  declick: (c, rate, s) => declick(c, rate, findClicks(c, rate, s.sensitivity)),
  limit: (c, rate, s) => limit(c, rate, s).channels,
  compress: (c, rate, s) => compress(c, rate, s).channels,
} satisfies { [K in EffectSpec['kind']]?: PieceProcessor<K> };

type PerPiece = Extract<EffectSpec, { kind: keyof typeof PER_PIECE }>;
const isPerPiece = (spec: EffectSpec): spec is PerPiece => spec.kind in PER_PIECE;

/** Changes the pieces' samples (all pieces of one track together; a tempo change gives them new lengths); returns
 * their new timeline starts. */
export function applyEffect(spec: EffectSpec, pieces: PieceData[], range: SampleRange, sampleRate: number): number[] {
  checkSpec(spec);
  const starts = pieces.map((p) => p.start);
  if (isPerPiece(spec)) {
    const process = PER_PIECE[spec.kind] as PieceProcessor<PerPiece['kind']>;
    for (const p of pieces) p.channels = process(p.channels, sampleRate, spec as never, p.start);
    return starts;
  }
  const scaleAll = (gain: number) => pieces.forEach((p) => p.channels.forEach((ch) => applyGain(ch, gain)));
  switch (spec.kind) {
    case 'fade':
      for (const p of pieces)
        p.channels.forEach((ch) =>
          applyFade(ch, spec.direction, spec.curve, p.start - range.start, range.end - range.start),
        );
      return starts;
    case 'gain':
      if (spec.band) for (const p of pieces) p.channels = bandGain(p.channels, sampleRate, spec.band, spec.db);
      else scaleAll(dbToGain(spec.db));
      return starts;
    case 'normalizePeak':
      // The loudest sample of the track's selection goes to the target.
      scaleAll(
        peakNormalizeGain(
          pieces.flatMap((p) => p.channels),
          spec.db,
        ),
      );
      return starts;
    case 'normalizeLoudness': {
      const measured = integratedLoudness(joinPieces(pieces, range), sampleRate);
      if (Number.isFinite(measured)) scaleAll(dbToGain(spec.lufs - measured)); // silence is left alone
      return starts;
    }
    case 'reverse':
      // Each piece plays backwards and is mirrored within the range.
      for (const p of pieces) p.channels.forEach((ch) => ch.reverse());
      return pieces.map((p) => range.start + range.end - (p.start + p.length));
    case 'truncateSilence': {
      const at = timeMap(spec, range);
      const fade = Math.round(CROSSFADE_SECONDS * sampleRate);
      return pieces.map((p) => {
        const start = at(p.start);
        const own = spec.cuts.map((c) => ({ start: c.start - p.start, end: c.end - p.start }));
        p.channels = p.channels.map((ch) => removeStretches(ch, own, fade));
        p.length = p.channels[0].length;
        return start;
      });
    }
    case 'tempo':
    case 'speed':
    case 'paulstretch': {
      const at = timeMap(spec, range);
      if (at(range.end) - at(range.start) > STRETCH_MAX_SECONDS * sampleRate)
        throw new Error(`That would be longer than ${STRETCH_MAX_SECONDS / 60} minutes: select less, or stretch less.`);
      return pieces.map((p) => {
        const start = at(p.start);
        const length = at(p.start + p.length) - start;
        p.channels =
          spec.kind === 'speed'
            ? p.channels.map((ch) => resample(ch, (sampleRate * p.length) / length, sampleRate))
            : spec.kind === 'paulstretch'
              ? paulstretch(p.channels, sampleRate, spec, length)
              : stretchAndShiftChannels(p.channels, length / p.length, spec.semitones ?? 0, sampleRate);
        p.length = length;
        return start;
      });
    }
  }
}

type Bounds = { readonly min: number; readonly max: number };

/** Each effect's numeric settings: the field, its bounds, and how a message names it and its unit. */
const SETTINGS: { [K in EffectSpec['kind']]?: [field: string, bounds: Bounds, name: string, unit: string][] } = {
  pitch: [['semitones', PITCH_SEMITONES, 'A pitch change', ' semitones']],
  matchPitch: [['strength', MATCH_STRENGTH, "Match pitch's strength", ' %']],
  formants: [['semitones', PITCH_SEMITONES, 'A formant shift', ' semitones']],
  tempo: [
    ['percent', TEMPO_PERCENT, 'A tempo change', ' %'],
    ['semitones', PITCH_SEMITONES, 'A pitch change', ' semitones'],
  ],
  speed: [['percent', TEMPO_PERCENT, 'A speed change', ' %']],
  reverb: [
    ['decaySeconds', DECAY_SECONDS, "A reverb's decay", ' s'],
    ['wetDb', WET_DB, "A reverb's level", ' dB'],
  ],
  paulstretch: [
    ['factor', STRETCH_FACTOR, "Paulstretch's factor", ' times'],
    ['windowSeconds', STRETCH_WINDOW_SECONDS, "Paulstretch's window", ' s'],
  ],
  tremolo: [
    ['rateHz', MOD_RATE_HZ, "A tremolo's rate", ' Hz'],
    ['depth', MOD_DEPTH, "A tremolo's depth", ''],
  ],
  phaser: [
    ['rateHz', MOD_RATE_HZ, "A phaser's rate", ' Hz'],
    ['depth', MOD_DEPTH, "A phaser's depth", ''],
    ['feedback', PHASER_FEEDBACK, "A phaser's feedback", ''],
  ],
  chorus: [
    ['rateHz', MOD_RATE_HZ, "A chorus's rate", ' Hz'],
    ['depthMs', CHORUS_DEPTH_MS, "A chorus's depth", ' ms'],
    ['mix', MOD_DEPTH, "A chorus's mix", ''],
  ],
  distortion: [
    ['driveDb', DRIVE_DB, "Distortion's drive", ' dB'],
    ['outputDb', DISTORTION_OUTPUT_DB, "Distortion's output level", ' dBFS'],
  ],
  echo: [
    ['delaySeconds', ECHO_DELAY_SECONDS, "An echo's delay", ' s'],
    ['decay', ECHO_DECAY, "An echo's decay", ''],
  ],
  gate: [
    ['thresholdDb', GATE_THRESHOLD_DB, "A noise gate's threshold", ' dBFS'],
    ['reductionDb', GATE_REDUCTION_DB, "A noise gate's reduction", ' dB'],
  ],
  duck: [['amountDb', DUCK_AMOUNT_DB, "Auto duck's amount", ' dB']],
  debreath: [['reductionDb', BREATH_REDUCTION_DB, "De-breath's reduction", ' dB']],
  level: [
    ['targetLufs', LEVEL_TARGET_LUFS, "The leveler's target", ' LUFS'],
    ['maxGainDb', LEVEL_MAX_GAIN_DB, "The leveler's most gain", ' dB'],
  ],
  deess: [
    ['hz', DEESS_HZ, "A de-esser's frequency", ' Hz'],
    ['thresholdDb', DEESS_THRESHOLD_DB, "A de-esser's threshold", ' dBFS'],
    ['maxReductionDb', DEESS_REDUCTION_DB, "A de-esser's reduction", ' dB'],
  ],
  center: [
    ['lowHz', CENTER_HZ, "Vocal reduction's lowest frequency", ' Hz'],
    ['highHz', CENTER_HZ, "Vocal reduction's highest frequency", ' Hz'],
  ],
  declick: [['sensitivity', SENSITIVITY, "De-click's sensitivity", '']],
  compress: [
    ['thresholdDb', THRESHOLD_DB, "A compressor's threshold", ' dBFS'],
    ['ratio', RATIO, "A compressor's ratio", ''],
  ],
  limit: [
    ['ceilingDb', CEILING_DB, "A limiter's ceiling", ' dBFS'],
    ['releaseMs', RELEASE_MS, "A limiter's release", ' ms'],
  ],
};

function checkSpec(spec: EffectSpec): void {
  for (const [field, { min, max }, name, unit] of SETTINGS[spec.kind] ?? []) {
    const value = (spec as unknown as Record<string, number | undefined>)[field] ?? 0; // an optional setting is 0
    if (!(value >= min && value <= max)) throw new Error(`${name} must be ${min} to ${max}${unit}.`);
  }
  if (spec.kind === 'distortion' && !DISTORTION_CURVES.includes(spec.curve))
    throw new Error(`Distortion's curve must be one of ${DISTORTION_CURVES.join(', ')}.`);
  if (spec.kind === 'pitch' && spec.formants !== undefined && spec.formants !== 'keep')
    throw new Error("Change pitch's formants are kept or moved.");
  if (spec.kind === 'shiftNotes' && !spec.shifts.every((s) => Math.abs(s.cents) <= 100 * PITCH_SEMITONES.max))
    throw new Error(`A note can move at most ${PITCH_SEMITONES.max} semitones.`);
  if (spec.kind === 'shiftNotes' && !spec.shifts.every((s) => (s.straighten ?? 0) >= 0 && (s.straighten ?? 0) <= 100))
    throw new Error('A note is straightened by 0 to 100 %.');
  const correction = spec.kind === 'correctPitch' ? correctionProblem(spec) : null;
  if (correction) throw new Error(correction);
  if (spec.kind === 'center' && !(spec.lowHz < spec.highHz))
    throw new Error("Vocal reduction's lowest frequency must be under its highest.");
  const eq = spec.kind === 'eq' ? eqProblem(spec.bands) : null;
  if (eq) throw new Error(eq);
}

/** The range as one signal (gaps silent), with as many channels as the widest piece. */
function joinPieces(pieces: PieceData[], range: SampleRange): Float32Array[] {
  const channelCount = Math.max(...pieces.map((p) => p.channels.length));
  const out = Array.from({ length: channelCount }, () => new Float32Array(range.end - range.start));
  for (const p of pieces)
    out.forEach((ch, c) => ch.set(p.channels[Math.min(c, p.channels.length - 1)], p.start - range.start));
  return out;
}

/** The label an effect gets in the undo history. */
export function effectLabel(spec: EffectSpec): string {
  switch (spec.kind) {
    case 'fade':
      return `Fade ${spec.direction} (${spec.curve})`;
    case 'gain':
      return `Gain (${spec.db} dB${spec.band ? `, ${describeBand(spec.band)}` : ''})`;
    case 'normalizePeak':
      return `Normalize peak (${spec.db} dBFS)`;
    case 'normalizeLoudness':
      return `Normalize loudness (${spec.lufs} LUFS)`;
    case 'reverse':
      return 'Reverse';
    case 'pitch':
      return `Change pitch (${signed(spec.semitones)} semitone${Math.abs(spec.semitones) === 1 ? '' : 's'}${spec.formants === 'keep' ? ', formants kept' : ''})`;
    case 'formants':
      return `Shift formants (${signed(spec.semitones)} semitone${Math.abs(spec.semitones) === 1 ? '' : 's'})`;
    case 'correctPitch':
      return `Correct pitch (${correctionText(spec)})`;
    case 'double':
      return 'Double';
    case 'align':
      return 'Align to guide';
    case 'matchPitch':
      return `Match pitch to guide (${spec.strength} %)`;
    case 'shiftNotes': {
      const moved = spec.shifts.filter((s) => s.cents !== 0).length;
      const straighten = spec.shifts[0]?.straighten;
      const parts = [
        moved ? `${moved} note${moved === 1 ? '' : 's'} moved` : '',
        straighten ? `straightened ${straighten} %` : '',
      ];
      return `Edit pitch (${parts.filter(Boolean).join(', ')})`;
    }
    case 'tempo':
      return `Change tempo (${signed(spec.percent)} %${spec.semitones ? `, ${signed(spec.semitones)} semitones` : ''})`;
    case 'speed':
      return `Change speed (${signed(spec.percent)} %)`;
    case 'denoise':
      return `Reduce noise (${spec.reductionDb} dB)`;
    case 'attenuate':
      return `Attenuate to surroundings (${signed(spec.levelDb)} dB${spec.band ? `, ${describeBand(spec.band)}` : ''})`;
    case 'declip':
      return 'De-clip';
    case 'declick':
      return `De-click (sensitivity ${spec.sensitivity})`;
    case 'limit':
      return `Limit (${spec.ceilingDb} ${spec.truePeak ? 'dBTP' : 'dBFS'})`;
    case 'compress':
      return `Compress (${spec.thresholdDb} dBFS, ${spec.ratio}:1)`;
    case 'level':
      return `Level speech (${spec.targetLufs} LUFS, up to ${spec.maxGainDb} dB)`;
    case 'dehum':
      return `De-hum (${spec.hum.hz.toFixed(1)} Hz)`;
    case 'truncateSilence':
      return `Truncate silence (${spec.cuts.length} pause${spec.cuts.length === 1 ? '' : 's'})`;
    case 'reverb':
      return `Reverb (${spec.decaySeconds} s, ${spec.wetDb} dB)`;
    case 'echo':
      return `Echo (${spec.delaySeconds} s, decay ${spec.decay})`;
    case 'silence':
      return 'Silence';
    case 'eqMatch':
      return 'Match EQ';
    case 'paulstretch':
      return `Paulstretch (${spec.factor}x, ${spec.windowSeconds} s window)`;
    case 'tremolo':
      return `Tremolo (${spec.rateHz} Hz, depth ${spec.depth})`;
    case 'phaser':
      return `Phaser (${spec.rateHz} Hz, depth ${spec.depth}, feedback ${spec.feedback})`;
    case 'chorus':
      return `Chorus (${spec.rateHz} Hz, ${spec.depthMs} ms, mix ${spec.mix})`;
    case 'distortion':
      return `Distortion (${spec.curve}, ${spec.driveDb} dB drive, ${spec.outputDb} dBFS)`;
    case 'gate':
      return `Noise gate (${spec.thresholdDb} dBFS, ${spec.reductionDb} dB)`;
    case 'deess':
      return `De-ess (over ${spec.hz} Hz, ${spec.thresholdDb} dBFS)`;
    case 'channels':
      return CHANNEL_OPERATIONS[spec.operation];
    case 'center':
      return `${CENTER_OPERATIONS[spec.operation]} (${spec.lowHz}-${spec.highHz} Hz)`;
    case 'duck':
      return `Auto duck (${spec.amountDb} dB)`;
    case 'debreath':
      return `De-breath (${spec.spans.length} breath${spec.spans.length === 1 ? '' : 's'}, -${spec.reductionDb} dB)`;
    case 'eq':
      return `Equalizer (${describeEq(spec.bands)})`;
    case 'filter':
      return `${spec.type === 'highpass' ? 'High-pass' : 'Low-pass'} (${spec.hz} Hz)`;
  }
}

const signed = (v: number) => (v > 0 ? `+${v}` : `${v}`);

/** A correction's settings in words: "C major, 20 ms", with the strength, Humanize and range where they are set. */
export function correctionText(c: PitchCorrection): string {
  const parts = [scaleName(c), `${c.speedMs} ms`];
  if (c.strength < 100) parts.push(`${c.strength} %`);
  if (c.humanize) parts.push(`humanize ${c.humanize} %`);
  if (c.withinCents) parts.push(`within ${c.withinCents}¢`);
  if (c.lowestHz && c.lowestHz !== PITCH_RANGE_HZ.min) parts.push(`from ${c.lowestHz} Hz`);
  return parts.join(', ');
}

/** "A minor", or "chromatic" where every semitone is a note. */
export const scaleName = (scale: Pick<PitchCorrection, 'tonic' | 'mode'>) =>
  scale.tonic === null ? 'chromatic' : `${PITCH_CLASSES[scale.tonic]} ${scale.mode}`;

const BAND_NAMES = { lowShelf: 'low shelf', peak: 'bell', highShelf: 'high shelf' } as const;

/** The bands that change something, in words ("low shelf 100 Hz -6 dB, bell 3 kHz +3 dB"). */
function describeEq(bands: EqBand[]): string {
  const hz = (v: number) => (v >= 1000 ? `${+(v / 1000).toFixed(2)} kHz` : `${Math.round(v)} Hz`);
  const active = bands.filter((b) => b.gainDb !== 0);
  return active.length
    ? active.map((b) => `${BAND_NAMES[b.type]} ${hz(b.hz)} ${signed(b.gainDb)} dB`).join(', ')
    : 'flat';
}
