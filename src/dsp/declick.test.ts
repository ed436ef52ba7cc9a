import { describe, expect, it } from 'vitest';
import { declick, findClicks, SENSITIVITY } from './declick';
import { clicks } from './declick.fixture';
import { RATE, sdr } from './declip.fixture';
import { programme } from './dehum.fixture';

const clicked = (x: Float32Array[], perSecond = 10, peak = 1) => {
  const added = clicks(x[0].length, RATE, x.length, { perSecond, peak });
  return { y: x.map((c, ch) => c.map((v, n) => v + added.channels[ch][n])), spans: added.spans };
};
const stereo = () => [programme(2, RATE, 11), programme(2, RATE, 12).map((v) => 0.8 * v)];

describe('De-click', () => {
  it('finds the clicks that stand out, and at the highest sensitivity nearly all, drawn again much closer to the recording without them', () => {
    const x = stereo();
    const { y, spans } = clicked(x, 10, 1);
    const mended = (sensitivity: number) => {
      const found = findClicks(y, RATE, sensitivity);
      const hit = spans.filter(([a, b]) => found[0].some(([p, q]) => p < b && a < q)).length / spans.length;
      const out = declick(y, RATE, found);
      return { hit, gains: out.map((c, ch) => sdr(c, x[ch]) - sdr(y[ch], x[ch])) };
    };
    const usual = mended(SENSITIVITY.default);
    expect(usual.hit).toBeGreaterThan(0.5);
    for (const gain of usual.gains) expect(gain).toBeGreaterThan(6);
    const all = mended(SENSITIVITY.max);
    expect(all.hit).toBeGreaterThanOrEqual(0.95);
    for (const gain of all.gains) expect(gain).toBeGreaterThan(10);
  });

  it('keeps every sample outside the clicks it found bit for bit', () => {
    const { y } = clicked(stereo());
    const found = findClicks(y, RATE);
    const out = declick(y, RATE, found);
    out.forEach((c, ch) => {
      const inside = new Uint8Array(c.length);
      for (const [a, b] of found[ch]) inside.fill(1, a, b);
      const changed = c.filter((v, n) => !inside[n] && v !== y[ch][n]).length;
      expect(changed).toBe(0);
    });
  });

  it('finds nothing in a recording without clicks, and leaves it as it was', () => {
    const x = stereo();
    const found = findClicks(x, RATE);
    expect(found.flat()).toEqual([]);
    expect(declick(x, RATE, found)[0]).toBe(x[0]);
  });

  it('leaves a sound that starts or stops at once (a tone switched on, then off) alone', () => {
    const x = programme(2, RATE, 11).map((v) => 0.05 * v);
    const [on, off] = [RATE / 2, RATE];
    for (let n = on; n < off; n++) x[n] += 0.5 * Math.sin(0.11 * n + 1);
    expect(findClicks([x], RATE, SENSITIVITY.max)[0]).toEqual([]);
  });

  it('takes a click in digital silence out to silence', () => {
    const x = new Float32Array(RATE / 2);
    x.set([0.3, -0.5, 0.4, -0.1], 10000);
    const found = findClicks([x], RATE);
    expect(found[0].length).toBe(1);
    expect(Math.max(...declick([x], RATE, found)[0].map(Math.abs))).toBe(0);
  });

  it('finds fewer of the faint clicks the lower its sensitivity', () => {
    const x = stereo();
    const { y } = clicked(x, 30, 0.1);
    const count = (s: number) => findClicks(y, RATE, s).flat().length;
    expect(count(1)).toBeLessThan(count(5));
    expect(count(5)).toBeLessThan(count(10));
  });

  it('finds the same clicks searching a piece at a time (as it works through a long recording)', () => {
    const { y } = clicked(stereo(), 20, 1);
    expect(findClicks(y, RATE, SENSITIVITY.default, 20000)).toEqual(findClicks(y, RATE));
  });
});
