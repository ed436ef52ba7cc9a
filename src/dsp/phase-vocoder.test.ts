import { describe, expect, it } from 'vitest';
import { phaseVocoderStretch } from './phase-vocoder';

const RATE = 16000;
const tone = (hz: number, seconds: number) =>
  Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));

/** Frequency from rising zero crossings and RMS, over the middle half (away from the edges). */
function heard(x: Float32Array) {
  const middle = x.subarray(Math.floor(x.length / 4), Math.floor((3 * x.length) / 4));
  const crossings: number[] = [];
  for (let i = 1; i < middle.length; i++)
    if (middle[i - 1] < 0 && middle[i] >= 0) crossings.push(i - middle[i] / (middle[i] - middle[i - 1]));
  return {
    hz: (RATE * (crossings.length - 1)) / (crossings.at(-1)! - crossings[0]),
    rms: Math.sqrt(middle.reduce((a, v) => a + v * v, 0) / middle.length),
  };
}

describe('phase vocoder', () => {
  it('changes the length and keeps the pitch and the level', () => {
    for (const factor of [0.79, 1, 1.26]) {
      const out = phaseVocoderStretch(tone(440, 2), factor);
      expect(out.length).toBe(Math.round(2 * RATE * factor));
      const { hz, rms } = heard(out);
      expect(hz).toBeCloseTo(440, 0);
      expect(rms).toBeGreaterThan(0.34);
      expect(rms).toBeLessThan(0.37);
    }
  });

  it('refuses a factor that is not a length', () => {
    expect(() => phaseVocoderStretch(tone(440, 1), -1)).toThrow('positive');
  });
});
