/**
 * Truncate silence, as Audacity's: every pause (all channels under a threshold) longer than the longest pause wanted is
 * shortened to it, half of what is kept on either side of the cut, so a voice keeps its breath of room tone before and
 * after each phrase. The two sides of each cut are joined by a 10 ms equal-power crossfade inside that kept room
 * tone (as Audacity blends its cuts), so no join clicks even where the "silence" is a noise floor.
 */
import type { SampleRange } from '../project/types';

export interface PauseSettings {
  /** Quieter than this (dBFS, the peak over 10 ms of every channel) is silence. */
  thresholdDb: number;
  /** A pause longer than this (seconds) is shortened to it. */
  pauseSeconds: number;
}

export const SILENCE_THRESHOLD_DB = { min: -80, max: -10 } as const;
export const PAUSE_SECONDS = { min: 0.05, max: 10 } as const;

const FRAME_SECONDS = 0.01;
export const CROSSFADE_SECONDS = 0.01;

/** The stretches to cut (samples from the audio's start, in order): the middle of every pause longer than wanted. */
export function findPauses(channels: Float32Array[], sampleRate: number, settings: PauseSettings): SampleRange[] {
  const { thresholdDb, pauseSeconds } = settings;
  const length = channels[0]?.length ?? 0;
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
  const threshold = 10 ** (thresholdDb / 20);
  const keep = Math.round(pauseSeconds * sampleRate);
  const cuts: SampleRange[] = [];
  let silentFrom = -1;
  for (let start = 0; start <= length; start += frame) {
    const silent = start < length && framePeak(channels, start, Math.min(start + frame, length)) < threshold;
    if (silent && silentFrom < 0) silentFrom = start;
    if (silent || silentFrom < 0) continue;
    const end = Math.min(start, length);
    if (end - silentFrom > keep)
      cuts.push({ start: silentFrom + Math.floor(keep / 2), end: end - Math.ceil(keep / 2) });
    silentFrom = -1;
  }
  return cuts;
}

/** The sounds between the pauses (samples from the audio's start, in order), as Audacity's Label Sounds finds them:
 * every stretch where some channel rises over the threshold (the peak over 10 ms), sounds less than `pauseSeconds`
 * apart joined into one. */
export function findSounds(channels: Float32Array[], sampleRate: number, settings: PauseSettings): SampleRange[] {
  const length = channels[0]?.length ?? 0;
  const frame = Math.max(1, Math.round(FRAME_SECONDS * sampleRate));
  const threshold = 10 ** (settings.thresholdDb / 20);
  const gap = Math.round(settings.pauseSeconds * sampleRate);
  const sounds: SampleRange[] = [];
  for (let start = 0; start < length; start += frame) {
    const end = Math.min(start + frame, length);
    if (framePeak(channels, start, end) < threshold) continue;
    const last = sounds.at(-1);
    if (last && start - last.end < gap) last.end = end;
    else sounds.push({ start, end });
  }
  return sounds;
}

function framePeak(channels: Float32Array[], start: number, end: number): number {
  let peak = 0;
  for (const ch of channels) for (let i = start; i < end; i++) peak = Math.max(peak, Math.abs(ch[i]));
  return peak;
}

/** `x` without the stretches `cuts` (relative to x, in order, not overlapping; clipped to x), each join crossfaded
 * over up to `crossfade` samples centred on it: the audio before the cut fading out into the cut's first samples as
 * the audio after it fades in from the cut's last ones, so exactly the cut's length goes (a new array). */
export function removeStretches(x: Float32Array, cuts: readonly SampleRange[], crossfade: number): Float32Array {
  const inside = cuts
    .map((c) => ({ start: Math.max(0, c.start), end: Math.min(x.length, c.end) }))
    .filter((c) => c.end > c.start);
  const removed = inside.reduce((sum, c) => sum + c.end - c.start, 0);
  const out = new Float32Array(x.length - removed);
  let read = 0; // where the audio still to copy starts in x
  let write = 0;
  for (const [i, cut] of inside.entries()) {
    const after = (inside[i + 1]?.start ?? x.length) - cut.end;
    const half = Math.min(Math.floor(crossfade / 2), cut.start - read, after);
    out.set(x.subarray(read, cut.start - half), write);
    write += cut.start - half - read;
    for (let k = 0; k < 2 * half; k++) {
      const angle = (Math.PI / 2) * ((k + 0.5) / (2 * half));
      out[write + k] = x[cut.start - half + k] * Math.cos(angle) + x[cut.end - half + k] * Math.sin(angle);
    }
    write += 2 * half;
    read = cut.end + half;
  }
  out.set(x.subarray(read), write);
  return out;
}

/** Where a position lands once `cuts` are taken out: moved back by what was cut before it (inside a cut: its start). */
export function afterCuts(cuts: readonly SampleRange[]): (t: number) => number {
  return (t) => t - cuts.reduce((sum, c) => sum + Math.min(Math.max(t - c.start, 0), c.end - c.start), 0);
}
