import { describe, expect, it } from 'vitest';
import { bandLevelDb, SPECTRUM_FLOOR_DB, spectrumPath } from './live-spectrum';

const view = { width: 360, height: 120, sampleRate: 48000 };

describe('the live spectrum behind an equalizer', () => {
  // 1024 bins of a 48 kHz analyser (23.4 Hz each): -20 dBFS up to 1 kHz, silence (-Infinity) over it.
  const db = Float32Array.from({ length: 1024 }, (_, i) => (i * 23.4375 <= 1000 ? -20 : Number.NEGATIVE_INFINITY));

  it('draws the levels as an area from the bottom: high where there is sound, on the floor where there is none', () => {
    const path = spectrumPath(db, 48000, view);
    expect(path.startsWith('M0,120 L0.0,24.0')).toBe(true); // 20 Hz at -20 dBFS: a fifth of the way down
    expect(path.endsWith('L360,120 Z')).toBe(true);
    const ys = [...path.matchAll(/L([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(Math.min(...ys)).toBe(24);
    expect(ys.at(-2)).toBe(120); // 20 kHz: silence, the floor
  });

  it('averages a band of bins, silence counting as the floor', () => {
    expect(bandLevelDb(db, 48000, 20, 300)).toBe(-20);
    expect(bandLevelDb(db, 48000, 5000, 15000)).toBe(SPECTRUM_FLOOR_DB);
  });
});
