import { describe, expect, it } from 'vitest';
import { limit } from './limiter';
import { interSampleLevels, truePeak } from './true-peak';
import { programme } from './dehum.fixture';

const RATE = 44100;
const peakOf = (channels: Float32Array[]) =>
  Math.max(...channels.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));

/** The programme (peaks near 0.5) with hits up to 2 (+6 dBFS) every quarter second, in two channels. */
function hot(): Float32Array[] {
  const x = programme(2, RATE);
  for (let at = Math.round(RATE / 8); at < x.length - RATE / 10; at += Math.round(RATE / 4))
    for (let n = 0; n < RATE / 20; n++) x[at + n] += 1.5 * Math.exp(-n / (RATE * 0.01)) * Math.sin(0.2 * n);
  return [x, x.map((v) => 0.7 * v)];
}

describe('limiter', () => {
  it('draws the points between samples only where they could pass the floor, and the same there', () => {
    const x = hot();
    const all = interSampleLevels(x, RATE, 0, x[0].length);
    const floored = interSampleLevels(x, RATE, 0, x[0].length, 0.9);
    let over = 0;
    for (let i = 0; i < all.length; i++) {
      if (all[i] > 0.9) {
        over++;
        expect(floored[i]).toBe(all[i]);
      } else expect(floored[i]).toBeLessThanOrEqual(0.9);
    }
    expect(over).toBeGreaterThan(500); // the hits over 0.9
  });

  it('in true-peak mode holds the peaks between samples under the ceiling too', () => {
    // A tone at a quarter of the rate whose samples fall half way between its crests: they read 3 dB under its peak.
    const quarter = Float32Array.from({ length: RATE }, (_, n) => 1.2 * Math.sin((Math.PI / 2) * n + Math.PI / 4));
    const ceiling = 10 ** (-1 / 20);
    expect(peakOf([quarter])).toBeLessThan(ceiling); // under the ceiling as samples: sample mode leaves it
    expect(limit([quarter], RATE, { ceilingDb: -1, releaseMs: 100 }).reductionDb).toBe(0);
    expect(truePeak([quarter], RATE)).toBeGreaterThan(1.19);
    for (const x of [[quarter], hot()]) {
      const { channels, reductionDb } = limit(x, RATE, { ceilingDb: -1, releaseMs: 100, truePeak: true });
      expect(truePeak(channels, RATE)).toBeLessThanOrEqual(ceiling * 1.001); // within 0.01 dB
      expect(truePeak(channels, RATE)).toBeGreaterThan(ceiling * 0.99); // and not much under it
      expect(reductionDb).toBeGreaterThan(0);
    }
  });

  it('holds every sample of every channel at or under the ceiling', () => {
    const x = hot();
    expect(peakOf(x)).toBeGreaterThan(1.5);
    for (const ceilingDb of [-1, -6, 0]) {
      const { channels, reductionDb } = limit(x, RATE, { ceilingDb, releaseMs: 100 });
      expect(peakOf(channels)).toBeLessThanOrEqual(10 ** (ceilingDb / 20) + 1e-7);
      expect(reductionDb).toBeGreaterThan(-ceilingDb);
    }
  });

  it('turns the channels down together and smoothly, without cutting the tops flat', () => {
    const x = hot();
    const { channels } = limit(x, RATE, { ceilingDb: -1, releaseMs: 100 });
    const gain = (n: number) => channels[0][n] / x[0][n];
    let largestStep = 0;
    let samplesAtCeiling = 0;
    let apart = 0; // between the channels' gains
    const ceiling = 10 ** (-1 / 20);
    for (let n = 1; n < x[0].length; n++) {
      if (Math.abs(x[0][n]) > 1e-3 && Math.abs(x[0][n - 1]) > 1e-3)
        largestStep = Math.max(largestStep, Math.abs(gain(n) - gain(n - 1)));
      if (Math.abs(channels[0][n]) > ceiling - 1e-6) samplesAtCeiling++;
      if (Math.abs(x[1][n]) > 1e-3) apart = Math.max(apart, Math.abs(channels[1][n] / x[1][n] - gain(n)));
    }
    expect(apart).toBeLessThan(1e-4);
    // The gain moves less than 1 % from one sample to the next; a clipper would hold many samples at the ceiling.
    expect(largestStep).toBeLessThan(0.01);
    expect(samplesAtCeiling).toBeLessThan(10);
  });

  it('leaves what is already under the ceiling as it was, and the gain comes back after a peak', () => {
    const x = [programme(1, RATE)];
    const under = limit(x, RATE, { ceilingDb: 0, releaseMs: 100 });
    expect(under.reductionDb).toBe(0);
    expect(Array.from(under.channels[0])).toEqual(Array.from(x[0]));
    const y = x[0].map((v, n) => (n === RATE / 4 ? 2 : v));
    const { channels } = limit([y], RATE, { ceilingDb: 0, releaseMs: 20 });
    // 0.2 s after the peak (ten release times) the programme is back to its own level.
    const at = RATE / 4 + RATE / 5;
    expect(channels[0][at] / y[at]).toBeCloseTo(1, 3);
    expect(channels[0][RATE / 4]).toBeCloseTo(1, 5);
  });

  it('gives the same, worked on in small pieces (as it works through a long recording)', () => {
    const x = hot();
    const whole = limit(x, RATE, { ceilingDb: -3, releaseMs: 50 });
    const pieces = limit(x, RATE, { ceilingDb: -3, releaseMs: 50 }, 1000);
    expect(pieces.reductionDb).toBeCloseTo(whole.reductionDb, 6);
    let apart = 0;
    whole.channels.forEach((c, ch) =>
      c.forEach((v, n) => (apart = Math.max(apart, Math.abs(v - pieces.channels[ch][n])))),
    );
    expect(apart).toBeLessThan(1e-6);
  });
});
