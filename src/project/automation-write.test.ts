import { describe, expect, it } from 'vitest';
import { thinLine, writePass } from './automation-write';
import { envelopeGainAt } from './envelope';

const options = { glide: 100, held: 1, tolerance: 0.001 };

describe('writePass', () => {
  it('writes a ride into an empty lane, held to where writing stopped, then glides back to unity', () => {
    const values = [
      { at: 1000, gain: 1 },
      { at: 1500, gain: 0.5 },
      { at: 2000, gain: 0.25 },
    ];
    const lane = writePass([], { values, end: 3000 }, options);
    expect(lane).toEqual([...values, { at: 3000, gain: 0.25 }, { at: 3100, gain: 1 }]);
    expect(envelopeGainAt(lane, 500)).toBe(1);
    expect(envelopeGainAt(lane, 2500)).toBe(0.25);
    expect(envelopeGainAt(lane, 5000)).toBe(1);
  });

  it('replaces the points it wrote over and keeps the others, gliding back onto the lane as it was', () => {
    const lane = [
      { at: 0, gain: 0.5 },
      { at: 2000, gain: 0.7 },
      { at: 4000, gain: 0.9 },
      { at: 10000, gain: 0.1 },
    ];
    const values = [
      { at: 1000, gain: 0.6 },
      { at: 3000, gain: 0.2 },
    ];
    const written = writePass(lane, { values, end: 3000 }, options);
    expect(written.map((p) => p.at)).toEqual([0, 1000, 3000, 3100, 4000, 10000]);
    expect(written[3].gain).toBeCloseTo(envelopeGainAt(lane, 3100), 12);
    expect(envelopeGainAt(written, 5000)).toBeCloseTo(envelopeGainAt(lane, 5000), 12);
  });

  it('steps where a pass starts off the lane instead of sloping from the point before', () => {
    const written = writePass([{ at: 0, gain: 1 }], { values: [{ at: 1000, gain: 0.5 }], end: 2000 }, options);
    expect(written).toEqual([
      { at: 0, gain: 1 },
      { at: 999, gain: 1 },
      { at: 1000, gain: 0.5 },
      { at: 2000, gain: 0.5 },
      { at: 2100, gain: 1 },
    ]);
  });

  it('writes a pan lane back to the track pan it held', () => {
    const written = writePass([], { values: [{ at: 10, gain: -0.4 }], end: 10 }, { ...options, held: -0.4 });
    expect(written).toEqual([
      { at: 10, gain: -0.4 },
      { at: 110, gain: -0.4 },
    ]);
  });

  it('leaves the lane as it was when nothing was written', () => {
    expect(writePass([{ at: 5, gain: 0.3 }], { values: [], end: 100 }, options)).toEqual([{ at: 5, gain: 0.3 }]);
  });
});

describe('thinLine', () => {
  it('drops the points a straight line already passes through and keeps the corners', () => {
    const ramp = Array.from({ length: 11 }, (_, i) => ({ at: i * 10, gain: i < 6 ? i / 10 : 0.5 }));
    expect(thinLine(ramp, 1e-9)).toEqual([
      { at: 0, gain: 0 },
      { at: 50, gain: 0.5 },
      { at: 100, gain: 0.5 },
    ]);
  });

  it('keeps every point that strays further than the tolerance', () => {
    const zigzag = [0, 1, 0, 1, 0].map((gain, i) => ({ at: i, gain }));
    expect(thinLine(zigzag, 0.1)).toHaveLength(5);
    expect(thinLine(zigzag, 2)).toHaveLength(2);
  });
});
