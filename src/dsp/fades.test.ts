import { describe, expect, it } from 'vitest';
import { applyFade, correlatedCrossfade, crossfadeRise, FADE_CURVES, fadeInGain } from './fades';

describe('fades', () => {
  it('every curve runs from 0 to 1 and never decreases', () => {
    for (const curve of FADE_CURVES) {
      expect(fadeInGain(curve, 0)).toBe(0);
      expect(fadeInGain(curve, 1)).toBeCloseTo(1, 12);
      for (let x = 0; x < 1; x += 0.01)
        expect(fadeInGain(curve, x + 0.01)).toBeGreaterThanOrEqual(fadeInGain(curve, x));
    }
  });
  it('equal-power keeps the summed power of a crossfade constant; linear keeps the summed amplitude', () => {
    for (const x of [0.1, 0.25, 0.5, 0.8]) {
      expect(fadeInGain('equal-power', x) ** 2 + fadeInGain('equal-power', 1 - x) ** 2).toBeCloseTo(1, 12);
      expect(fadeInGain('linear', x) + fadeInGain('linear', 1 - x)).toBeCloseTo(1, 12);
    }
    expect(fadeInGain('equal-power', 0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(fadeInGain('exponential', 0.5)).toBeCloseTo(10 ** (-30 / 20), 12);
  });
  it('applies a linear fade-in and fade-out to reference values', () => {
    const a = new Float32Array(5).fill(1);
    applyFade(a, 'in', 'linear', 0, 5);
    expect(Array.from(a)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const b = new Float32Array(5).fill(1);
    applyFade(b, 'out', 'linear', 0, 5);
    expect(Array.from(b)).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  it('a fade split over two pieces equals the fade applied at once', () => {
    const whole = new Float32Array(10).fill(0.5);
    applyFade(whole, 'out', 'equal-power', 0, 10);
    const first = new Float32Array(4).fill(0.5);
    const second = new Float32Array(6).fill(0.5);
    applyFade(first, 'out', 'equal-power', 0, 10);
    applyFade(second, 'out', 'equal-power', 4, 10);
    expect([...first, ...second]).toEqual(Array.from(whole));
  });

  it("a crossfade's two sides keep the power at every sample and meet in the middle", () => {
    for (const n of [1, 2, 7, 882]) {
      for (let i = 0; i < n; i++)
        expect(crossfadeRise(i, n) ** 2 + crossfadeRise(n - 1 - i, n) ** 2).toBeCloseTo(1, 12);
      expect(crossfadeRise(0, n)).toBeGreaterThan(0); // sample-centred: never exactly silent, never exactly full
      expect(crossfadeRise(n - 1, n)).toBeLessThan(1);
    }
  });

  it('a correlated crossfade holds the level of a tone continued in phase, where equal power swells it by 3 dB', () => {
    const n = 400;
    const tone = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 5));
    const peak = (x: ArrayLike<number>) => Math.max(...Array.from(x, Math.abs));
    expect(peak(correlatedCrossfade(tone, tone))).toBeLessThan(1.001);
    const equalPower = tone.map((v, i) => v * (crossfadeRise(i, n) + crossfadeRise(n - 1 - i, n)));
    expect(20 * Math.log10(peak(equalPower))).toBeGreaterThan(2.9);
  });

  it('a correlated crossfade of unrelated sounds is the equal-power one; of sounds in opposite phase too', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 2 - 1;
    };
    const noise = () => Float32Array.from({ length: 2000 }, next);
    const [a, b] = [noise(), noise()];
    const mixed = correlatedCrossfade(a, b);
    const plain = (x: Float32Array, y: Float32Array, i: number) =>
      x[i] * crossfadeRise(2000 - 1 - i, 2000) + y[i] * crossfadeRise(i, 2000);
    // Two draws of noise correlate a little either way; the scale stays within a percent of one.
    for (const i of [0, 500, 1000, 1999]) expect(mixed[i]).toBeCloseTo(plain(a, b, i), 1);
    const inverted = b.map((v) => -v);
    const opposite = correlatedCrossfade(b, inverted);
    for (const i of [0, 1000, 1999]) expect(opposite[i]).toBeCloseTo(plain(b, inverted, i), 6);
  });
});
