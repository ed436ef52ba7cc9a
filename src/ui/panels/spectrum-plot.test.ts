import { describe, expect, it } from 'vitest';
import { averageSpectrum } from '../../dsp/spectrum';
import { spectrumPath, spectrumText, topDb, xToHz } from './spectrum-plot';
import { hzToX } from './eq-curve';

const RATE = 44100;
const view = { width: 400, height: 180, sampleRate: RATE };
const tone = Float32Array.from({ length: RATE }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 1000 * i) / RATE));

describe('spectrum plot', () => {
  const spectrum = averageSpectrum([tone], RATE)!;

  it('tops out at the loudest bin rounded up to 10 dB, and draws the tone at the top at its frequency', () => {
    expect(topDb(spectrum)).toBe(0);
    const points = spectrumPath(spectrum, view)
      .split(' ')
      .map((p) => p.slice(1).split(',').map(Number));
    const highest = points.reduce((a, b) => (b[1] < a[1] ? b : a));
    expect(highest[0]).toBeCloseTo(hzToX(1000, view), -1);
    // -6 dB under a top of 0 (12 px), less up to 1.4 dB where the tone falls between two bins.
    expect(highest[1]).toBeGreaterThan(11.5);
    expect(highest[1]).toBeLessThan(15);
  });

  it('maps x back to the frequency it shows', () => {
    expect(xToHz(hzToX(1234, view), view)).toBeCloseTo(1234, 6);
  });

  it('exports frequency and level by tabs under a header, without the 0 Hz bin', () => {
    const lines = spectrumText(spectrum).split('\n');
    expect(lines[0]).toBe('Frequency (Hz)\tLevel (dB)');
    expect(lines).toHaveLength(4096);
    expect(Number(lines[1].split('\t')[0])).toBeCloseTo(RATE / 8192, 4);
  });
});
