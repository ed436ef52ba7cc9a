import { describe, expect, it } from 'vitest';
import { PeakMeter } from './meter';

const block = (peak: number) => Float32Array.from({ length: 64 }, (_, i) => (i === 10 ? peak : peak / 10));

describe('peak meter', () => {
  it('shows the peak, falls back 20 dB a second, holds the highest for 1.5 s', () => {
    const meter = new PeakMeter();
    expect(meter.read(block(0.5), 0).db).toBeCloseTo(-6.02, 2);
    const after = meter.read(block(0.01), 0.5); // -40 dBFS now, but the needle falls only 10 dB in half a second
    expect(after.db).toBeCloseTo(-16.02, 2);
    expect(after.holdDb).toBeCloseTo(-6.02, 2);
    expect(meter.read(block(0.01), 1.6).holdDb).toBeCloseTo(-40, 2); // the hold has run out
    expect(meter.read(new Float32Array(64), 10).db).toBe(-Infinity);
  });

  it('shows the RMS level averaged over about 300 ms', () => {
    const meter = new PeakMeter();
    const sine = Float32Array.from({ length: 2048 }, (_, i) => 0.5 * Math.sin(i / 5));
    let reading = meter.read(sine, 0);
    expect(reading.rmsDb).toBeCloseTo(-9.03, 1); // a sine's RMS is 3 dB under its peak
    for (let t = 1; t <= 6; t++) reading = meter.read(new Float32Array(2048), t * 0.1);
    expect(reading.rmsDb).toBeCloseTo(-9.03 - (10 * Math.log10(Math.E) * 0.6) / 0.3, 1); // 0.6 s of silence: e^-2
    expect(meter.read(new Float32Array(64), 10).rmsDb).toBe(-Infinity);
  });

  it('lights the clip light at full scale until reset', () => {
    const meter = new PeakMeter();
    expect(meter.read(block(0.9), 0).clipped).toBe(false);
    expect(meter.read(block(1), 0.1).clipped).toBe(true);
    expect(meter.read(block(0.1), 5).clipped).toBe(true);
    meter.reset();
    expect(meter.read(block(0.1), 5.1).clipped).toBe(false);
  });
});
