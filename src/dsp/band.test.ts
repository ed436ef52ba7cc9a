import { describe, expect, it } from 'vitest';
import { bandGain, bandWeights, describeBand } from './band';
import { toneLevelDb } from './noise.fixture';

const RATE = 44100;
const tone = (hz: number) =>
  Float32Array.from({ length: RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * hz * i) / RATE));
const levelAt = (x: Float32Array, hz: number) => toneLevelDb(x, hz, RATE);

describe('a frequency band', () => {
  it("eases a band's edges out over a sixth of an octave", () => {
    const size = 2048;
    const weight = (hz: number) =>
      bandWeights({ lowHz: 1000, highHz: 2000 }, size, RATE)[Math.round((hz * size) / RATE)];
    expect(weight(1500)).toBe(1);
    expect(weight(500)).toBe(0);
    expect(weight(4000)).toBe(0);
    expect(weight(2100)).toBeGreaterThan(0);
    expect(weight(2100)).toBeLessThan(1);
    expect(bandWeights(undefined, size, RATE).every((w) => w === 1)).toBe(true);
    expect(() => bandWeights({ lowHz: 2000, highHz: 1000 }, size, RATE)).toThrow(/lower to a higher/);
  });

  it('takes a gain inside it and leaves the other frequencies as they were', () => {
    const low = tone(1000);
    const high = tone(5000);
    const both = low.map((v, i) => v + high[i]);
    const [made] = bandGain([both], RATE, { lowHz: 3000, highHz: 8000 }, -12);
    expect(levelAt(both, 5000) - levelAt(made, 5000)).toBeCloseTo(12, 0);
    expect(Math.abs(levelAt(both, 1000) - levelAt(made, 1000))).toBeLessThan(0.2);
    expect(made[0]).toBe(both[0]); // eased in at the selection's start
    expect(describeBand({ lowHz: 250, highHz: 2500 })).toBe('250 Hz–2.5 kHz');
  });
});
