import { describe, expect, it } from 'vitest';
import { loopFade, seamJump, seamlessLoop } from './loop';

const RATE = 16000;
/** A tone gliding from 300 to 700 Hz over four seconds: cut as it is, its loop jumps back down at the seam. */
const glide = Float32Array.from({ length: 4 * RATE }, (_, i) => {
  const t = i / RATE;
  return 0.5 * Math.sin(2 * Math.PI * (300 * t + (400 * t * t) / 8));
});

describe('seamless loop', () => {
  it('is shorter by its crossfade, its start rising from what followed its end, the rest untouched', () => {
    const fade = loopFade(glide.length, RATE);
    expect(fade).toBe(RATE / 2);
    const [loop] = seamlessLoop([glide], fade);
    expect(loop.length).toBe(glide.length - fade);
    expect(loop.subarray(fade)).toEqual(glide.subarray(fade, glide.length - fade));
    // Across the wrap, the loop continues as the recording did: its last sample, then (nearly) the next one.
    expect(Math.abs(loop[0] - glide[loop.length])).toBeLessThan(0.01);
  });

  it('wraps without the jump a plain cut has', () => {
    const cut = glide.subarray(0, glide.length - RATE / 2);
    const plain = seamJump(cut);
    const [loop] = seamlessLoop([glide], RATE / 2);
    const seamless = seamJump(loop);
    // A plain cut jumps at the wrap six times as much as the sound changes from frame to frame; the crossfaded loop
    // about half as much as the cut, like a frame inside its crossfade.
    expect(plain.seam).toBeGreaterThan(5 * plain.within);
    expect(seamless.seam).toBeLessThan(plain.seam / 2);
  });

  it('refuses a selection too short for its crossfade', () => {
    expect(() => seamlessLoop([new Float32Array(10)], 6)).toThrow('more than twice its crossfade');
  });
});
