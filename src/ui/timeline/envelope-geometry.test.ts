import { describe, expect, it } from 'vitest';
import { dbToGain } from '../../dsp/gain';
import { clipAt } from '../../project/clip.fixture';
import { clipGainAt, envelopeLine, gainForY, scalePeaks, yForGain } from './envelope-geometry';

describe('envelope geometry', () => {
  it('maps gain to height and back on a decibel scale, silence at the bottom', () => {
    const h = 99;
    expect(yForGain(dbToGain(12), h)).toBeCloseTo(0, 9);
    expect(yForGain(1, h)).toBeCloseTo(24, 9); // 0 dB a quarter down the 96 px above the silent strip
    expect(yForGain(0, h)).toBe(h);
    for (const db of [-30, -6, 0, 6]) expect(gainForY(yForGain(dbToGain(db), h), h)).toBeCloseTo(dbToGain(db), 9);
    expect(gainForY(h - 1, h)).toBe(0);
    expect(gainForY(-20, h)).toBeCloseTo(dbToGain(12), 9);
  });

  it('scales each bucket of a waveform by the gain at its middle', () => {
    const peaks = Float32Array.from([1, -1, 1, -1]);
    const fall = [
      { at: 0, gain: 1 },
      { at: 100, gain: 0 },
    ];
    const clip = { ...clipAt('c', 'a', 0, 100), envelope: fall };
    expect(Array.from(scalePeaks(peaks, clipGainAt(clip), 0, 100))).toEqual([0.75, -0.75, 0.25, -0.25]);
    expect(scalePeaks(peaks, clipGainAt(clipAt('c', 'a', 0, 100)), 0, 100)).toBe(peaks);
    const faded = { ...clipAt('c', 'a', 0, 100), fadeIn: { length: 100, curve: 'linear' as const } };
    expect(Array.from(scalePeaks(new Float32Array([1, -1, 1, -1]), clipGainAt(faded), 0, 100))).toEqual([
      0.25, -0.25, 0.75, -0.75,
    ]);
  });

  it('draws a vertex at every point so a corner stays sharp', () => {
    const corner = [
      { at: 0, gain: 1 },
      { at: 33, gain: 0 },
      { at: 66, gain: 1 },
    ];
    const line = envelopeLine(corner, 0, 100, 10, 99).split(' ');
    expect(line).toContain(`3.3,${yForGain(0, 99).toFixed(1)}`);
    expect(line[0]).toBe(`0.0,${yForGain(1, 99).toFixed(1)}`);
  });
});
