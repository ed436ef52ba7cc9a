/** Effects as plain data, so the same description runs in the analysis worker and in tests. */
import { applyFade, type FadeCurve, type FadeDirection } from '../dsp/fades';
import { applyGain, dbToGain, peakNormalizeGain } from '../dsp/gain';
import { integratedLoudness } from '../dsp/loudness';
import type { SampleRange } from './types';

export type EffectSpec =
  | { kind: 'fade'; direction: FadeDirection; curve: FadeCurve }
  | { kind: 'gain'; db: number }
  | { kind: 'normalizePeak'; db: number }
  | { kind: 'normalizeLoudness'; lufs: number }
  | { kind: 'reverse' };

/** A piece of a clip inside the range: its timeline position and a private copy of its samples. */
export interface PieceData {
  start: number;
  length: number;
  channels: Float32Array[];
}

/** Changes the pieces' samples in place (all pieces of one track together); returns their new timeline starts. */
export function applyEffect(spec: EffectSpec, pieces: PieceData[], range: SampleRange, sampleRate: number): number[] {
  const starts = pieces.map((p) => p.start);
  const scaleAll = (gain: number) => pieces.forEach((p) => p.channels.forEach((ch) => applyGain(ch, gain)));
  switch (spec.kind) {
    case 'fade':
      for (const p of pieces)
        p.channels.forEach((ch) =>
          applyFade(ch, spec.direction, spec.curve, p.start - range.start, range.end - range.start),
        );
      return starts;
    case 'gain':
      scaleAll(dbToGain(spec.db));
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
  }
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
      return `Gain (${spec.db} dB)`;
    case 'normalizePeak':
      return `Normalize peak (${spec.db} dBFS)`;
    case 'normalizeLoudness':
      return `Normalize loudness (${spec.lufs} LUFS)`;
    case 'reverse':
      return 'Reverse';
  }
}
