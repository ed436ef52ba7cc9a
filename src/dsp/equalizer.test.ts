import { describe, expect, it } from 'vitest';
import {
  type EqBand,
  EQ_PRESETS,
  eqChanges,
  eqProblem,
  eqResponseDb,
  equalize,
  FLAT_EQ,
  presetBands,
} from './equalizer';

const RATE = 44100;

function sine(hz: number, seconds = 1): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => 0.25 * Math.sin((2 * Math.PI * hz * i) / RATE));
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

/** The gain a sine gets, in dB, once the sections have settled (the first half second left out). */
function measuredDb(bands: EqBand[], hz: number): number {
  const x = sine(hz, 1);
  const [y] = equalize([x], RATE, bands);
  const half = RATE / 2;
  return 20 * Math.log10(rms(y.subarray(half)) / rms(x.subarray(half)));
}

const withGains = (...gains: number[]) => FLAT_EQ.map((b, i) => ({ ...b, gainDb: gains[i] ?? 0 }));

describe('equalize', () => {
  it('keeps every sample of a flat equalizer bit for bit', () => {
    const x = sine(440);
    const [y] = equalize([x], RATE, FLAT_EQ);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(eqChanges(FLAT_EQ, RATE)).toBe(false);
  });

  it('raises a bell by its gain at its frequency and leaves frequencies far from it alone', () => {
    const bell: EqBand[] = [{ type: 'peak', hz: 1000, gainDb: 12, q: 2 }];
    expect(measuredDb(bell, 1000)).toBeCloseTo(12, 1);
    expect(Math.abs(measuredDb(bell, 100))).toBeLessThan(0.1);
    expect(Math.abs(measuredDb(bell, 10000))).toBeLessThan(0.1);
  });

  it('shelves reach their gain past their frequency and half of it at the frequency', () => {
    const low: EqBand[] = [{ type: 'lowShelf', hz: 200, gainDb: -12, q: Math.SQRT1_2 }];
    const high: EqBand[] = [{ type: 'highShelf', hz: 4000, gainDb: 9, q: Math.SQRT1_2 }];
    expect(eqResponseDb(low, RATE, 20)).toBeCloseTo(-12, 0);
    expect(eqResponseDb(low, RATE, 200)).toBeCloseTo(-6, 1);
    expect(Math.abs(eqResponseDb(low, RATE, 5000))).toBeLessThan(0.1);
    expect(eqResponseDb(high, RATE, 20000)).toBeCloseTo(9, 0);
    expect(eqResponseDb(high, RATE, 4000)).toBeCloseTo(4.5, 1);
    expect(Math.abs(eqResponseDb(high, RATE, 100))).toBeLessThan(0.1);
  });

  it('draws the curve it applies: the response matches what sines measure through the filter', () => {
    const bands = withGains(-6, 4, -3, 5, 8);
    for (const hz of [50, 150, 300, 700, 1000, 2500, 3000, 6000, 12000])
      expect(measuredDb(bands, hz)).toBeCloseTo(eqResponseDb(bands, RATE, hz), 1);
  });

  it('leaves a band at or over the Nyquist frequency out', () => {
    const air: EqBand[] = [{ type: 'highShelf', hz: 8000, gainDb: 6, q: Math.SQRT1_2 }];
    expect(eqChanges(air, 16000)).toBe(false);
    expect(eqChanges(air, RATE)).toBe(true);
  });

  it('filters every channel the same way', () => {
    const x = sine(300);
    const [left, right] = equalize([x, x.slice()], RATE, withGains(0, 6));
    expect(right).toEqual(left);
    expect(rms(left)).toBeGreaterThan(1.8 * rms(x));
  });

  it('refuses a band outside its bounds, naming it', () => {
    const loud = withGains(0, 0, 30);
    expect(eqProblem(loud)).toBe("Equalizer band 3's gain must be -24 to +24 dB.");
    expect(() => equalize([sine(100)], RATE, loud)).toThrow("Equalizer band 3's gain");
    expect(eqProblem([{ ...FLAT_EQ[0], hz: 5 }])).toContain("band 1's frequency must be 20 to 20000 Hz");
    expect(eqProblem([{ ...FLAT_EQ[1], q: 0 }])).toContain("band 1's Q must be 0.1 to 18");
  });

  it('offers presets inside the bounds, each changing something but Flat', () => {
    for (const name of Object.keys(EQ_PRESETS)) {
      const bands = presetBands(name);
      expect(eqProblem(bands)).toBeNull();
      expect(eqChanges(bands, RATE)).toBe(name !== 'Flat');
    }
    expect(eqResponseDb(presetBands('Telephone'), RATE, 50)).toBeLessThan(-20);
    expect(eqResponseDb(presetBands('Bass boost'), RATE, 40)).toBeGreaterThan(5);
  });
});
