import { describe, expect, it } from 'vitest';
import { momentaryLoudness } from './loudness';

const sine = (freq: number, rate: number, seconds: number, amp: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate));

describe('momentaryLoudness (EBU R128)', () => {
  it("reads the last 400 ms of what a meter's buffer holds", () => {
    // A 997 Hz sine at full scale in one channel reads -3.01 LUFS; the buffer's quiet start is only pre-roll.
    const rate = 44100;
    const quietThenLoud = new Float32Array(32768);
    quietThenLoud.set(sine(997, rate, 0.5, 1), 32768 - 22050);
    expect(momentaryLoudness([quietThenLoud], rate)).toBeCloseTo(-3.01, 1);
    expect(momentaryLoudness([new Float32Array(32768)], rate)).toBe(-Infinity);
    expect(momentaryLoudness([new Float32Array(1000)], rate)).toBe(-Infinity); // shorter than 400 ms
  });
});
