/** MP3 encoding through lamejs (the maintained @breezystack fork), in blocks so memory stays flat. */
import { Mp3Encoder } from '@breezystack/lamejs';
import { concatBytes } from './bytes';
import { quantize } from './wav';

/** The rates MPEG-1/2/2.5 layer III can carry. */
export const MP3_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000] as const;

/** The MP3 rate closest to `rate` (MP3 cannot store 96 kHz, for example). */
export function nearestMp3Rate(rate: number): number {
  return MP3_RATES.reduce((best, r) => (Math.abs(r - rate) < Math.abs(best - rate) ? r : best), MP3_RATES[0]);
}

const toInt16 = (x: Float32Array) => Int16Array.from(x, (v) => quantize(v, 32768));

/** Encodes one or two channels; `sampleRate` must be one of MP3_RATES. */
export function encodeMp3(channels: Float32Array[], sampleRate: number, kbps: number): Uint8Array<ArrayBuffer> {
  if (!MP3_RATES.includes(sampleRate as (typeof MP3_RATES)[number]))
    throw new Error(`MP3 cannot store ${sampleRate} Hz.`);
  const stereo = channels.length > 1;
  const encoder = new Mp3Encoder(stereo ? 2 : 1, sampleRate, kbps);
  const parts: Uint8Array[] = [];
  const block = 1152 * 64;
  for (let at = 0; at < channels[0].length; at += block) {
    const left = toInt16(channels[0].subarray(at, at + block));
    parts.push(
      stereo ? encoder.encodeBuffer(left, toInt16(channels[1].subarray(at, at + block))) : encoder.encodeBuffer(left),
    );
  }
  parts.push(encoder.flush());
  return concatBytes(parts);
}
