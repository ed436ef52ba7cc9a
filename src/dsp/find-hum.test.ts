import { describe, expect, it } from 'vitest';
import { mainsHum, programme, uniform } from './dehum.fixture';
import { dehum } from './dehum';
import { findHum } from './find-hum';

const RATE = 16000;
const keep = programme(5, RATE);
const hum = (hz: number, levelDb = -40) => mainsHum(keep.length, RATE, { hz, levelDb });
const plus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]);
const energy = (x: Float32Array) => x.reduce((e, v) => e + v * v, 0);

describe('findHum', () => {
  it.each([50, 60, 50.06, 59.95])('finds a %s Hz buzz 30 dB under the programme, wandering a few hundredths', (hz) => {
    const found = findHum([plus(keep, hum(hz))], RATE);
    expect(Math.abs((found?.hz ?? 0) - hz)).toBeLessThan(0.03);
    expect(found?.harmonics.slice(0, 3)).toEqual([1, 2, 3]);
    expect(found?.harmonics.length).toBeGreaterThan(20);
  });

  it('finds nothing in the programme alone, white noise, silence or a clip too short to tell', () => {
    const noise = Float32Array.from({ length: keep.length }, uniform(5)).map((v) => 0.1 * (v - 0.5));
    expect(findHum([keep], RATE)).toBeNull();
    expect(findHum([noise, noise], RATE)).toBeNull();
    expect(findHum([new Float32Array(keep.length)], RATE)).toBeNull();
    expect(findHum([plus(keep, hum(50)).subarray(0, RATE / 8)], RATE)).toBeNull();
  });

  it('takes a steady tone off the grid, or a buzz that stops halfway, for sound rather than hum', () => {
    expect(findHum([plus(keep, hum(50.4))], RATE)).toBeNull();
    const stops = hum(60, -30).map((v, i) => (i < keep.length / 2 ? v : 0));
    expect(findHum([plus(keep, stops)], RATE)).toBeNull();
  });

  it('takes a machine buzz off the grid for sound, though its lines pass a hertz from mains harmonics', () => {
    // At 59.7 Hz its 5th harmonic, 298.5 Hz, climbs through 6 x 49.9 Hz (48 kHz: bins 0.37 Hz apart).
    const rate = 48000;
    const programme48 = programme(5, rate);
    const buzz = mainsHum(programme48.length, rate, { hz: 59.7, levelDb: -40 });
    expect(findHum([plus(programme48, buzz)], rate)).toBeNull();
  });
});

describe('findHum told the mains', () => {
  // Wind-like noise 20 dB over the hum's lines: found by itself, it is not.
  const noisy = plus(
    keep,
    Float32Array.from({ length: keep.length }, uniform(9)).map((v) => 0.05 * (v - 0.5)),
  );
  const buzz = hum(50, -55);

  it('takes the word of a user who hears hum that it finds too weak to call', () => {
    expect(findHum([plus(noisy, buzz)], RATE)).toBeNull();
    const told = findHum([plus(noisy, buzz)], RATE, '50');
    expect(Math.abs((told?.hz ?? 0) - 50)).toBeLessThan(0.1);
    expect(told?.harmonics.slice(0, 3)).toEqual([1, 2, 3]);
    if (!told) return;
    const [left] = dehum([buzz], RATE, told);
    expect(10 * Math.log10(energy(buzz) / energy(left))).toBeGreaterThan(10);
  });

  it('still looks only at the mains it was told', () => {
    expect(findHum([plus(keep, hum(60))], RATE, '50')?.hz).toBeCloseTo(50, 0);
    expect(findHum([plus(keep, hum(60))], RATE, '60')?.hz).toBeCloseTo(60, 1);
  });
});
