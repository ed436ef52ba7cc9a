import { describe, expect, it } from 'vitest';
import { declip, findClipping } from './declip';
import { clip, RATE, sdr, tones } from './declip.fixture';

describe('findClipping', () => {
  it('finds both sides of a recording cut at full scale, and how many samples were cut', () => {
    const clean = tones(1.5);
    const cut = clean.filter((v) => Math.abs(v) >= 1).length;
    const found = findClipping([clip(clean, 1)]);
    expect(found.levels[0].high).toBeCloseTo(1, 2);
    expect(found.levels[0].low).toBeCloseTo(-1, 2);
    expect(found.samples).toBeGreaterThanOrEqual(cut);
    expect(found.samples).toBeLessThan(cut * 1.1);
    expect(found.runs).toBeGreaterThan(0);
  });

  it('finds clipping under full scale and on one side only (a recording cut, then turned down)', () => {
    const found = findClipping([clip(tones(1), 0.5, -2).map((v) => v * 0.8)]);
    expect(found.levels[0].high).toBeCloseTo(0.4, 2);
    expect(found.levels[0].low).toBeNull();
  });

  it('finds none in an unclipped recording, a pure 16-bit sine, or digital silence', () => {
    const sine = new Float32Array(RATE).map(
      (_, i) => Math.round(1600 * Math.sin((2 * Math.PI * 50 * i) / RATE)) / 32768,
    );
    for (const x of [tones(0.9), sine, new Float32Array(RATE)]) {
      const found = findClipping([x]);
      expect(found.samples).toBe(0);
      expect(found.levels[0]).toEqual({ high: null, low: null });
    }
  });
});

describe('declip', () => {
  it('draws the cut tops again close to the waveform they lost, beyond the level they were cut at', () => {
    const clean = tones(2);
    const clipped = clip(clean, 1);
    const [restored] = declip([clipped]);
    expect(sdr(restored, clean) - sdr(clipped, clean)).toBeGreaterThan(10);
    clipped.forEach((v, i) => {
      if (Math.abs(v) < 0.999)
        expect(restored[i]).toBe(v); // the rest kept bit for bit
      else expect(Math.abs(restored[i])).toBeGreaterThanOrEqual(Math.abs(v) * 0.999);
    });
  });

  it('returns an unclipped channel as it was, beside a clipped one that it restores', () => {
    const clean = tones(0.9);
    const clipped = clip(tones(1.6), 1);
    const [kept, restored] = declip([clean, clipped]);
    expect(kept).toBe(clean);
    expect(restored).not.toBe(clipped);
  });
});
