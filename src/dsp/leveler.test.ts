import { describe, expect, it } from 'vitest';
import { seededRandom } from './dither';
import { level, levelingCurve } from './leveler';
import { integratedLoudness } from './loudness';

const RATE = 16000;
const random = seededRandom(11);

/** Speech-like sound: noise through a 4 Hz syllable envelope, `seconds` long at `gain`. */
function phrase(seconds: number, gain: number): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => {
    const syllable = 0.55 + 0.45 * Math.sin((2 * Math.PI * 4 * i) / RATE);
    return gain * syllable * (random() * 2 - 1);
  });
}

const join = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};
const lufs = (x: Float32Array) => integratedLoudness([x], RATE);
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);
const part = (x: Float32Array, from: number, to: number) => x.subarray(from * RATE, to * RATE);

describe('speech volume leveler', () => {
  const loud = phrase(4, 0.3);
  const quiet = phrase(4, 0.02); // 23.5 dB quieter
  const room = phrase(2, 0.0003);
  const input = join(loud, room, quiet);
  const leveling = { targetLufs: -20, maxGainDb: 24 };
  const [out] = level([input], RATE, leveling).channels;

  it('brings a loud and a quiet phrase to the target, within 1 LU of each other', () => {
    expect(lufs(part(input, 0.5, 3.5)) - lufs(part(input, 6.5, 9.5))).toBeGreaterThan(20);
    expect(Math.abs(lufs(part(out, 0.5, 3.5)) + 20)).toBeLessThan(1);
    expect(Math.abs(lufs(part(out, 6.5, 9.5)) + 20)).toBeLessThan(1);
  });

  it("keeps a phrase's syllables (the 4 Hz swell is not flattened)", () => {
    const swing = (x: Float32Array) => {
      // Levels of 50 ms slices at the swell's crests and troughs, across the phrase's middle.
      const slice = (t: number) => rmsDb(x.subarray(Math.round(t * RATE), Math.round((t + 0.05) * RATE)));
      const crests = [1.05, 1.55, 2.05].map(slice); // sin peaks at 1/16 s + k/4
      const troughs = [1.18, 1.68, 2.18].map(slice);
      return crests.reduce((s, c, i) => s + c - troughs[i], 0) / 3;
    };
    expect(Math.abs(swing(out) - swing(input))).toBeLessThan(1);
  });

  it('holds the gain through a pause instead of pulling the room noise up to the target', () => {
    const gain = (from: number, to: number) => rmsDb(part(out, from, to)) - rmsDb(part(input, from, to));
    const roomGain = gain(4.4, 5.6);
    const gains = [gain(0.5, 3.5), gain(6.5, 9.5)];
    expect(roomGain).toBeGreaterThan(Math.min(...gains) - 1);
    expect(roomGain).toBeLessThan(Math.max(...gains) + 1);
  });

  it('raises or lowers no more than the most it may', () => {
    const curve = levelingCurve([quiet], RATE, { targetLufs: -20, maxGainDb: 6 });
    expect(Math.max(...curve.gainsDb)).toBeCloseTo(6, 5);
  });

  it('hears nothing to level in silence or in noise under -70 LUFS, and leaves it as it was', () => {
    const silent = level([new Float32Array(RATE * 3)], RATE, leveling);
    expect(silent.curve.heard).toBe(false);
    expect(silent.channels[0].every((v) => v === 0)).toBe(true);
    expect(levelingCurve([room], RATE, leveling).heard).toBe(false);
  });
});
