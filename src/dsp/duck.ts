/**
 * Auto duck, as Audacity's: music (or any bed) turned down wherever a voice on another track speaks. The voice is heard
 * where its RMS over 50 ms rises over a threshold; pauses shorter than a second stay ducked (the music does not pump
 * up between two phrases); the gain goes down over the half second before the voice, so it is down when the voice
 * starts, and back up over the half second after it, moving evenly in decibels.
 */
import type { SampleRange } from '../project/types';

export const DUCK_AMOUNT_DB = { min: -40, max: -1 } as const;
export const DUCK_THRESHOLD_DB = { min: -60, max: -10 } as const;

const FRAME_SECONDS = 0.05;
const PAUSE_SECONDS = 1;
export const DUCK_FADE_SECONDS = 0.5;

/** Where the control (the voice) sounds over `thresholdDb` (RMS over 50 ms, every channel together), pauses under a
 * second joined; samples from the control's start, in order. */
export function voiceSpans(control: Float32Array[], rate: number, thresholdDb: number): SampleRange[] {
  const frame = Math.max(1, Math.round(FRAME_SECONDS * rate));
  const length = control[0]?.length ?? 0;
  const threshold = 10 ** (thresholdDb / 10) * control.length; // mean square summed over channels
  const spans: SampleRange[] = [];
  for (let start = 0; start < length; start += frame) {
    const end = Math.min(start + frame, length);
    let power = 0;
    for (const ch of control) for (let i = start; i < end; i++) power += ch[i] * ch[i];
    if (power / (end - start) <= threshold) continue;
    const last = spans.at(-1);
    if (last && start - last.end < PAUSE_SECONDS * rate) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}

/** The channels (whose first sample is at `offset` on the spans' clock) turned down under the spans (new arrays),
 * easing over `fadeSeconds` either side of each. */
export function duck(
  channels: Float32Array[],
  offset: number,
  spans: readonly SampleRange[],
  rate: number,
  amountDb: number,
  fadeSeconds = DUCK_FADE_SECONDS,
): Float32Array[] {
  const fade = Math.max(1, Math.round(fadeSeconds * rate));
  const length = channels[0]?.length ?? 0;
  // How far down (0: not at all, 1: the full amount) each sample is: full inside a span, easing over the fade either
  // side of it, the deepest where two fades meet.
  const depth = new Float32Array(length);
  for (const { start, end } of spans) {
    const from = Math.max(0, start - fade - offset);
    const to = Math.min(length, end + fade - offset);
    for (let i = from; i < to; i++) {
      const t = offset + i;
      const away = t < start ? start - t : t < end ? 0 : t - end + 1;
      depth[i] = Math.max(depth[i], 1 - away / fade);
    }
  }
  return channels.map((ch) => ch.map((v, i) => (depth[i] === 0 ? v : v * 10 ** ((amountDb * depth[i]) / 20))));
}
