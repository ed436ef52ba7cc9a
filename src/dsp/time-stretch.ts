/**
 * Tempo and pitch changed apart, by WSOLA (Verhelst and Roelands, 1993): the output is built from overlapping Hann
 * windowed frames of the input, each read near where the tempo says it should be, moved within a small tolerance to
 * where it best continues the output so far (the highest cross-correlation), so periodic sound keeps its pitch and
 * no phase cancels. A pitch shift is a stretch by the frequency ratio, resampled back to the stretched length; its
 * stretch is the phase vocoder's (src/dsp/phase-vocoder.ts), which keeps every note of a chord where WSOLA keeps one
 * period: a conformed take is then heard in the key it was moved to (63 of 71 sketch takes against 56). Channels are
 * stretched together (each frame read at the same place in every channel, chosen on their sum), so a stereo image
 * stays where it was.
 */
import { phaseVocoderStretchChannels } from './phase-vocoder';
import { resample } from './resample';
import { hann } from './spectrogram';

const FRAME_SECONDS = 0.04;
const TOLERANCE_SECONDS = 0.01;

/** `x` lasting `factor` times as long (2: half the tempo), its pitch unchanged. */
export function stretch(x: Float32Array, factor: number, rate: number): Float32Array {
  return stretchChannels([x], factor, rate)[0];
}

/** Every channel lasting `factor` times as long, pitch unchanged, each frame read at the same place in all. */
export function stretchChannels(channels: readonly Float32Array[], factor: number, rate: number): Float32Array[] {
  if (!(factor > 0)) throw new Error(`A stretch factor must be positive (got ${factor}).`);
  const length = channels[0]?.length ?? 0;
  const outLength = Math.round(length * factor);
  if (Math.abs(factor - 1) < 1e-6) return channels.map((x) => fitLength(x, outLength));
  return warpChannels(channels, outLength, (at) => at / factor, rate);
}

/** Every channel read along a time map, as WSOLA reads a stretch: output sample `at` (of `outLength`) comes from
 * about input sample `readAt(at)`, each frame moved within 10 ms to where it best continues the output (so a voice
 * aligned to another take, or stretched, keeps its pitch); the channels together. */
export function warpChannels(
  channels: readonly Float32Array[],
  outLength: number,
  readAt: (at: number) => number,
  rate: number,
): Float32Array[] {
  const length = channels[0]?.length ?? 0;
  const frame = 2 * Math.round((FRAME_SECONDS * rate) / 2);
  const hop = frame / 2;
  const tolerance = Math.round(TOLERANCE_SECONDS * rate);
  const step = Math.max(1, Math.round(rate / 16000));
  if (length < frame) return channels.map((x) => fitLength(x, outLength));
  const sum = channels.length === 1 ? channels[0] : sumOf(channels);
  const window = hann(frame);
  const outs = channels.map(() => new Float32Array(outLength + frame));
  const norm = new Float32Array(outLength + frame);
  // Where the previous frame, read on by one hop, would have continued: the next frame should resemble it.
  let natural = 0;
  for (let at = 0; at < outLength; at += hop) {
    const ideal = Math.round(readAt(at));
    const from =
      at === 0 ? Math.max(0, Math.min(ideal, length - 1)) : bestOffset(sum, ideal, natural, frame, tolerance, step);
    const count = Math.min(frame, length - from);
    channels.forEach((x, c) => {
      const out = outs[c];
      for (let i = 0; i < count; i++) out[at + i] += x[from + i] * window[i];
    });
    for (let i = 0; i < count; i++) norm[at + i] += window[i];
    natural = from + hop;
  }
  return outs.map((out) => {
    for (let i = 0; i < outLength; i++) if (norm[i] > 1e-3) out[i] /= norm[i];
    return out.subarray(0, outLength).slice();
  });
}

/** `x` lasting `factor` times as long and moved by `semitones` in pitch, in one pass: stretched by both (by the phase
 * vocoder), then played faster by the pitch ratio (so the beat is smeared once, not twice). */
export function stretchAndShift(x: Float32Array, factor: number, semitones: number, rate: number): Float32Array {
  return stretchAndShiftChannels([x], factor, semitones, rate)[0];
}

/** Every channel stretched and shifted as `stretchAndShift` does one, the channels together. */
export function stretchAndShiftChannels(
  channels: readonly Float32Array[],
  factor: number,
  semitones: number,
  rate: number,
): Float32Array[] {
  if (semitones === 0) return stretchChannels(channels, factor, rate);
  const ratio = 2 ** (semitones / 12);
  const length = Math.round((channels[0]?.length ?? 0) * factor);
  return phaseVocoderStretchChannels(channels, factor * ratio).map((y) =>
    fitLength(resample(y, rate * ratio, rate), length),
  );
}

function sumOf(channels: readonly Float32Array[]): Float32Array {
  const sum = new Float32Array(channels[0].length);
  for (const x of channels) for (let i = 0; i < sum.length; i++) sum[i] += x[i];
  return sum;
}

/** The read position within `tolerance` of `ideal` whose frame best matches the input that follows `natural`. The
 * candidates are tried every `step` samples (one per sample at 16 kHz, where the music conform runs; about every third
 * at 44.1 kHz), their frames compared on every 2 x `step`-th sample, then the best refined sample by sample: at a
 * recording's rate this is what keeps a tempo change of a song to seconds. */
function bestOffset(
  x: Float32Array,
  ideal: number,
  natural: number,
  frame: number,
  tolerance: number,
  step: number,
): number {
  const lo = Math.max(0, ideal - tolerance);
  const hi = Math.min(x.length - frame, ideal + tolerance);
  if (hi <= lo || natural + frame > x.length) return Math.max(0, Math.min(ideal, x.length - 1));
  const score = (candidate: number, stride: number) => {
    let sum = 0;
    for (let i = 0; i < frame; i += stride) sum += x[candidate + i] * x[natural + i];
    return sum;
  };
  const best = (from: number, to: number, every: number, stride: number) => {
    let found = from;
    let top = -Infinity;
    for (let candidate = from; candidate <= to; candidate += every) {
      const value = score(candidate, stride);
      if (value > top) {
        top = value;
        found = candidate;
      }
    }
    return found;
  };
  const coarse = best(lo, hi, step, 2 * step);
  return step === 1 ? coarse : best(Math.max(lo, coarse - step + 1), Math.min(hi, coarse + step - 1), 1, 2);
}

/** `x` cut or padded with silence to `length` samples. */
function fitLength(x: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  out.set(x.subarray(0, Math.min(length, x.length)));
  return out;
}
