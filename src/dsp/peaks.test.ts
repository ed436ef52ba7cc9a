import { describe, expect, it } from 'vitest';
import { computePeakLevels, dbScalePeaks, envelope, FULL_SCALE, fullScaleRuns, peaksForRange } from './peaks';

describe('peaks', () => {
  it('takes max and min over buckets and over channels', () => {
    const a = new Float32Array([0.1, -0.2, 0.3, 0.0, 0.5]);
    const b = new Float32Array([0.0, -0.4, 0.0, 0.9, 0.0]);
    expect(Array.from(envelope([a, b], 2))).toEqual([0.1, -0.4, 0.9, 0, 0.5, 0].map((v) => Math.fround(v)));
  });
  it('builds coarser levels that agree with computing from the samples directly', () => {
    const x = Float32Array.from({ length: 10000 }, (_, i) => (Math.sin(i * 0.37) * (i % 97)) / 97);
    const levels = computePeakLevels([x], [4, 16, 64]);
    expect(Array.from(levels[2].data)).toEqual(Array.from(envelope([x], 64)));
    expect(levels[1].data.length).toBe(2 * Math.ceil(10000 / 16));
  });
  it('reads a range from the coarsest level that is fine enough, or from the samples when zoomed in', () => {
    const x = Float32Array.from({ length: 4096 }, (_, i) => (i % 256) / 256);
    const levels = computePeakLevels([x], [16, 128]);
    expect(peaksForRange(levels, [x], 0, 4096, 32).length).toBe(64); // 128 samples per bucket -> level 2
    expect(peaksForRange(levels, [x], 0, 4096, 256).length).toBe(512); // 16 per bucket -> level 1
    expect(peaksForRange(levels, [x], 0, 64, 64).length).toBe(128); // 1 per bucket -> raw samples
  });
});

describe('the waveform in decibels', () => {
  it('puts -60 dB on the centre line and full scale on the edge, signs kept', () => {
    const scaled = dbScalePeaks(Float32Array.from([1, -1, 0.1, -0.001, 0, 0.0001, 2]));
    expect([...scaled].map((v) => Math.round(v * 1000) / 1000)).toEqual([1, -1, 0.667, -0, 0, 0, 1]);
  });
});

describe('clipping marks', () => {
  it("finds the buckets at full scale either way (a 16-bit file's 32767 or -32768, or past it), run by run", () => {
    const x = new Float32Array(64).map((_, i) => 0.5 * Math.sin(i));
    x[3] = 32767 / 32768; // buckets of 4: bucket 0
    x[9] = -1; // bucket 2
    x[12] = 1.5; // bucket 3, next to it
    x[60] = 0.9999; // under full scale: not marked
    const peaks = envelope([x], 4);
    expect(fullScaleRuns(peaks)).toEqual([
      [0, 1],
      [2, 4],
    ]);
    expect(fullScaleRuns(envelope([x.map((v) => v * 0.99)], 4))).toEqual([[3, 4]]);
    expect(FULL_SCALE).toBeCloseTo(0.99997, 5);
  });
});
