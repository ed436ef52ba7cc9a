import { describe, expect, it } from 'vitest';
import { loudness } from './loudness';
import { audioStatistics, DELIVERY_TARGETS, deliveryCheck } from './statistics';
import { truePeak } from './true-peak';

const RATE = 48000;

/** A sine at `amplitude`, faded in and out over 10 ms (no edge for the interpolator to ring at). */
function sine(hz: number, seconds: number, amplitude: number, phase = 0): Float32Array {
  const n = Math.round(seconds * RATE);
  const fade = 0.01 * RATE;
  return Float32Array.from({ length: n }, (_, i) => {
    const edge = Math.min(1, i / fade, (n - 1 - i) / fade);
    return amplitude * edge * Math.sin((2 * Math.PI * hz * i) / RATE + phase);
  });
}

describe('truePeak', () => {
  it('finds the peak between the samples of a quarter-rate sine sampled 45 degrees off its crests', () => {
    const x = sine(RATE / 4, 1, 1, Math.PI / 4);
    expect(Math.max(...x)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(20 * Math.log10(truePeak([x], RATE))).toBeCloseTo(0, 1);
  });

  it('reads a low sine at its sample peak', () => {
    expect(truePeak([sine(100, 1, 0.5)], RATE)).toBeCloseTo(0.5, 3);
  });
});

describe('loudness', () => {
  it('reads a 1 kHz sine at -20 dBFS as -20 LUFS momentary, short-term and integrated, with no range', () => {
    const x = sine(1000, 10, 0.1);
    const measured = loudness([x, x], RATE); // stereo: both channels count, so a sine in both reads 3 dB up
    expect(measured.integrated).toBeCloseTo(-20 + 3.01 - 3.01, 1);
    expect(measured.momentaryMax).toBeCloseTo(-20, 1);
    expect(measured.shortTermMax).toBeCloseTo(-20, 1);
    expect(measured.range).toBeCloseTo(0, 1);
  });

  it('gives the loudness range between a quiet and a loud part (EBU Tech 3342)', () => {
    // 20 s at -20 dBFS then 20 s at -30: the short-term loudness spends half its time at each, so the range is 10 LU.
    const x = new Float32Array(40 * RATE);
    x.set(sine(1000, 20, 0.1), 0);
    x.set(sine(1000, 20, 0.0316), 20 * RATE);
    const measured = loudness([x], RATE);
    expect(measured.range).toBeCloseTo(10, 0);
    expect(measured.shortTermMax).toBeCloseTo(-23, 0);
  });

  it('measures nothing in silence or in less than a window', () => {
    expect(loudness([new Float32Array(RATE)], RATE).integrated).toBe(-Infinity);
    expect(loudness([sine(1000, 0.2, 0.5)], RATE)).toEqual({
      integrated: -Infinity,
      momentaryMax: -Infinity,
      shortTermMax: -Infinity,
      range: -Infinity,
    });
  });
});

describe('audioStatistics', () => {
  it('gives peaks, RMS, DC offset and the samples at full scale', () => {
    const x = sine(1000, 2, 0.5).map((v) => v + 0.01);
    const clipped = x.map((v, i) => (i % 1000 === 0 ? 1 : v));
    const stats = audioStatistics([clipped], RATE);
    expect(stats.seconds).toBe(2);
    expect(stats.samplePeakDb).toBe(0);
    expect(stats.rmsDb).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 1);
    expect(audioStatistics([x], RATE).dcOffsetPercent).toBeCloseTo(1, 2);
    expect(stats.fullScaleSamples).toBe(96);
  });
});

describe('deliveryCheck', () => {
  const at = (integrated: number, truePeakDb: number) =>
    ({ loudness: { integrated }, truePeakDb }) as Parameters<typeof deliveryCheck>[0];
  const spotify = DELIVERY_TARGETS[0];
  it('says how far from the target the programme is, and whether its peak would go over there', () => {
    expect(deliveryCheck(at(-14.3, -3), spotify)).toBe('on target');
    expect(deliveryCheck(at(-20, -6), spotify)).toBe(
      '6.0 LU too quiet; at -14 LUFS its true peak would be 1.0 dB over -1 dBTP (Limit its true peaks first)',
    );
    expect(deliveryCheck(at(-10, -0.5), spotify)).toBe('4.0 LU too loud');
    expect(deliveryCheck(at(-Infinity, -Infinity), spotify)).toContain('nothing to measure');
  });
});
