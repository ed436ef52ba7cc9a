import { describe, expect, it } from 'vitest';
import { FLAT_EQ, presetBands } from '../../dsp/equalizer';
import { curvePath, dbToY, hzToX, topHz } from './eq-curve';

const view = { width: 400, height: 120, sampleRate: 44100 };

/** The path's points as [x, y] pairs. */
const points = (path: string) => path.split(' ').map((p) => p.slice(1).split(',').map(Number));

describe('curvePath', () => {
  it('draws a flat equalizer along the middle, from 20 Hz to 20 kHz', () => {
    const drawn = points(curvePath(FLAT_EQ, view));
    expect(drawn).toHaveLength(200);
    expect(drawn.every(([, y]) => y === 60)).toBe(true);
    expect(drawn[0][0]).toBe(0);
    expect(drawn.at(-1)![0]).toBe(400);
  });

  it('draws a bass boost high at the left and flat at the right', () => {
    const drawn = points(curvePath(presetBands('Bass boost'), view));
    expect(drawn[0][1]).toBeCloseTo(dbToY(6, view), 0);
    expect(drawn.at(-1)![1]).toBeCloseTo(60, 0);
  });

  it('ends at the Nyquist frequency of a low rate', () => {
    const low = { ...view, sampleRate: 16000 };
    expect(topHz(16000)).toBe(8000);
    expect(hzToX(8000, low)).toBeCloseTo(400);
    expect(dbToY(40, view)).toBe(0);
    expect(dbToY(-40, view)).toBe(120);
  });
});
