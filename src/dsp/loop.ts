/**
 * Seamless loops: a selection's last stretch is crossfaded (equal power) into its first, so the loop is that much
 * shorter and, played over and over, its end flows into its start without a click or a jump in the sound.
 */
import { correlatedCrossfade } from './fades';
import { framesToDb } from './spectrogram';

/** The loop of `channels` with a crossfade of `fade` samples at the seam: `length - fade` samples long. */
export function seamlessLoop(channels: Float32Array[], fade: number): Float32Array[] {
  return channels.map((x) => {
    const n = x.length - fade;
    if (fade < 1 || n < fade)
      throw new Error(`A loop needs more than twice its crossfade (${x.length} < ${2 * fade}).`);
    const out = x.slice(0, n);
    // The start rises from the end's continuation (x[n + i] is what followed x[n - 1] in the recording).
    out.set(correlatedCrossfade(x.subarray(n, n + fade), x.subarray(0, fade)));
    return out;
  });
}

/** The loop's crossfade: a quarter of the selection, at most half a second, so short loops keep most of themselves. */
export const loopFade = (length: number, rate: number) =>
  Math.max(1, Math.min(Math.round(rate / 2), Math.floor(length / 4)));

const FRAME = 1024;

/** How much the sound jumps where the loop wraps: the spectral change (dB, RMS over bins) between the frames just
 * before and just after the seam, and the median of the same between neighbouring frames inside the loop. A seam
 * that sounds like the rest of the clip has `seam` near `within`. */
export function seamJump(loop: Float32Array): { seam: number; within: number } {
  const twice = new Float32Array(2 * loop.length);
  twice.set(loop);
  twice.set(loop, loop.length);
  const starts: number[] = [];
  for (let at = 0; at + FRAME <= loop.length; at += FRAME) starts.push(at);
  const frames = new Float32Array((starts.length + 2) * FRAME);
  starts.forEach((at, k) => frames.set(twice.subarray(at, at + FRAME), k * FRAME));
  // The two frames that meet at the seam: the loop's last FRAME samples and its first.
  frames.set(twice.subarray(loop.length - FRAME, loop.length), starts.length * FRAME);
  frames.set(twice.subarray(loop.length, loop.length + FRAME), (starts.length + 1) * FRAME);
  const db = framesToDb(frames, FRAME);
  // Bins more than 60 dB under the loudest count as that floor: inaudible detail should not decide.
  const floor = Math.max(...db.map((f) => Math.max(...f))) - 60;
  const change = (a: Float32Array, b: Float32Array) =>
    Math.sqrt(a.reduce((acc, v, i) => acc + (Math.max(v, floor) - Math.max(b[i], floor)) ** 2, 0) / a.length);
  const inside = starts.slice(1).map((_, k) => change(db[k], db[k + 1]));
  inside.sort((a, b) => a - b);
  return { seam: change(db[starts.length], db[starts.length + 1]), within: inside[Math.floor(inside.length / 2)] ?? 0 };
}
