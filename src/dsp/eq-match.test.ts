import { describe, expect, it } from 'vitest';
import { matchEq, matchExtremes, matchGains } from './eq-match';
import { meanSpectrum } from './noise-reduction';
import { noise as pinkish } from './signals';
import { noise } from './noise.fixture';

const RATE = 16000;

/** A band's power in dB (the mean spectrum's bins between lo and hi Hz). */
function bandDb(channels: Float32Array[], lo: number, hi: number): number {
  const { power, size } = meanSpectrum(channels, RATE);
  const from = Math.ceil((lo * size) / RATE);
  const to = Math.floor((hi * size) / RATE);
  return 10 * Math.log10(power.slice(from, to + 1).reduce((s, p) => s + p, 0));
}

describe('EQ match', () => {
  it("gives white noise pink noise's tonal balance, its power kept", () => {
    const white = [noise(4 * RATE, 0.1, 3)];
    const pink = [pinkish('pink', 0.1, 4 * RATE, 9)];
    const m = matchGains(meanSpectrum(pink, RATE), meanSpectrum(white, RATE));
    const out = matchEq(white, RATE, m);
    const shape = (x: Float32Array[]) => bandDb(x, 1000, 2000) - bandDb(x, 125, 250); // pink: 0 dB, white: +9 dB
    expect(shape(white)).toBeCloseTo(9, 0);
    expect(Math.abs(shape(out) - shape(pink))).toBeLessThan(1);
    const power = (x: Float32Array[]) => x[0].reduce((s, v) => s + v * v, 0);
    expect(10 * Math.log10(power(out) / power(white))).toBeCloseTo(0, 0);
    const { raiseDb, lowerDb, lowerHz } = matchExtremes(m);
    expect(raiseDb).toBeGreaterThan(5); // the lows come up
    expect(lowerDb).toBeLessThan(-5); // and the highs down
    expect(lowerHz).toBeGreaterThan(4000);
  });

  it('asks for a reference taken at the same rate', () => {
    const a = meanSpectrum([noise(RATE, 0.1)], RATE);
    const b = meanSpectrum([noise(2 * RATE, 0.1)], 2 * RATE);
    expect(() => matchGains(a, b)).toThrow(/take it again/);
  });
});
