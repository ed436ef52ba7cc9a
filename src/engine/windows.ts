/** Long audio: windows of the pack's length joined with equal-power crossfades, as the reference app does (11 s + 1 s). */
import { crossfadeRise } from '../dsp/fades';

export interface Window {
  /** First sample of the window in the whole result. */
  start: number;
  length: number;
}

/** Windows covering `total` samples, each at most `window` long, overlapping by `overlap`. */
export function planWindows(total: number, window: number, overlap: number): Window[] {
  if (total <= window) return [{ start: 0, length: total }];
  const hop = window - overlap;
  if (hop <= 0) throw new RangeError(`the crossfade (${overlap}) must be shorter than the window (${window})`);
  const windows: Window[] = [];
  for (let start = 0; ; start += hop) {
    const length = Math.min(window, total - start);
    windows.push({ start, length });
    if (start + length >= total) break;
  }
  // A window exists only past the end of the one before, so each is longer than the crossfade.
  return windows;
}

/** Adds `piece` into `out` at `start`, fading it in over the first `fadeIn` samples and out over the last `fadeOut`. */
export function overlapAdd(
  out: Float32Array,
  piece: Float32Array,
  start: number,
  fadeIn: number,
  fadeOut: number,
): void {
  for (let i = 0; i < piece.length && start + i < out.length; i++) {
    let gain = 1;
    if (i < fadeIn) gain *= crossfadeRise(i, fadeIn);
    const fromEnd = piece.length - 1 - i;
    if (fromEnd < fadeOut) gain *= crossfadeRise(fromEnd, fadeOut);
    out[start + i] += piece[i] * gain;
  }
}
