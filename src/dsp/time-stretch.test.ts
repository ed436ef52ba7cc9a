import { describe, expect, it } from 'vitest';
import { stretch, stretchAndShift, stretchAndShiftChannels, stretchChannels } from './time-stretch';

const RATE = 16000;
const tone = (hz: number, seconds: number) =>
  Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));

/** The frequency of a tone from its rising zero crossings over the middle half (away from the edges). */
function frequency(x: Float32Array): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  const crossings: number[] = [];
  for (let i = from + 1; i < to; i++) if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - x[i] / (x[i] - x[i - 1]));
  return (RATE * (crossings.length - 1)) / (crossings.at(-1)! - crossings[0]);
}

/** The RMS level of the component of `x` at `hz` over its middle half (a single-bin DFT). */
function level(x: Float32Array, hz: number): number {
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  let re = 0;
  let im = 0;
  for (let i = from; i < to; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / RATE);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return (2 * Math.hypot(re, im)) / (to - from) / Math.SQRT2;
}

/** A stereo recording of noise: a source heard in both channels and one of its own in each (correlation 0.86). */
function stereoNoise(seconds: number): Float32Array[] {
  let seed = 1;
  const noise = () =>
    Float32Array.from({ length: seconds * RATE }, () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647 - 0.5;
    });
  const [shared, left, right] = [noise(), noise(), noise()];
  return [shared.map((v, i) => v + 0.4 * left[i]), shared.map((v, i) => v + 0.4 * right[i])];
}

/** The correlation of two channels, away from their edges. */
function correlation([x, y]: Float32Array[]): number {
  let xy = 0;
  let xx = 0;
  let yy = 0;
  for (let i = RATE / 4; i < x.length - RATE / 4; i++) {
    xy += x[i] * y[i];
    xx += x[i] * x[i];
    yy += y[i] * y[i];
  }
  return xy / Math.sqrt(xx * yy);
}

describe('time stretch', () => {
  it('keeps the stereo image: the channels are stretched and shifted together', () => {
    const stereo = stereoNoise(2);
    expect(correlation(stereo)).toBeCloseTo(0.86, 2);
    // Each channel stretched alone comes out uncorrelated (about 0.0): a wide, hollow image.
    for (const out of [
      stretchChannels(stereo, 0.8, RATE),
      stretchChannels(stereo, 1.25, RATE),
      stretchAndShiftChannels(stereo, 1, 3, RATE),
      stretchAndShiftChannels(stereo, 1.25, -2, RATE),
    ]) {
      expect(out).toHaveLength(2);
      expect(correlation(out)).toBeGreaterThan(0.8);
    }
  });

  it('changes the length, keeps the pitch and the level', () => {
    for (const factor of [0.8, 1.25]) {
      const out = stretch(tone(440, 2), factor, RATE);
      expect(out.length).toBe(Math.round(2 * RATE * factor));
      expect(frequency(out)).toBeCloseTo(440, -0.3); // within ~1 Hz
      const middle = out.subarray(out.length / 4, (3 * out.length) / 4);
      const rms = Math.sqrt(middle.reduce((a, v) => a + v * v, 0) / middle.length);
      expect(rms).toBeGreaterThan(0.33);
      expect(rms).toBeLessThan(0.38);
    }
  });

  it('moves the pitch by semitones, with or without a change of length', () => {
    const out = stretchAndShift(tone(440, 2), 1, 2, RATE);
    expect(out.length).toBe(2 * RATE);
    expect(frequency(out) / (440 * 2 ** (2 / 12))).toBeCloseTo(1, 2);
    const slower = stretchAndShift(tone(440, 2), 1.2, -12, RATE);
    expect(slower.length).toBe(2.4 * RATE);
    expect(frequency(slower)).toBeCloseTo(220, -0.3);
  });

  it('moves every note of a chord, not only one period of it', () => {
    const chord = [261.63, 329.63, 392.0]; // C major
    const x = Float32Array.from({ length: 2 * RATE }, (_, i) =>
      chord.reduce((v, f) => v + 0.2 * Math.sin((2 * Math.PI * f * i) / RATE), 0),
    );
    const up = 2 ** (1 / 12);
    const out = stretchAndShift(x, 1, 1, RATE);
    for (const f of chord) {
      expect(level(out, f * up)).toBeGreaterThan(0.12); // each note a semitone up, near its level (0.14)
      expect(level(out, f)).toBeLessThan(0.02); // and none left where it was
    }
  });

  it('refuses a factor that is not a length', () => {
    expect(() => stretch(tone(440, 1), 0, RATE)).toThrow('positive');
  });
});
