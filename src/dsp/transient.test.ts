import { describe, expect, it } from 'vitest';
import { shapingProblem, TransientLine, type TransientShaping } from './transient';

const RATE = 48000;
const HIT = RATE / 2;

/** Four drum-like hits half a second apart: a 180 Hz tone starting at once and dying away over 120 ms (e^-1), at
 * `db` dBFS; stereo, the right a little quieter. */
function hits(db = -6): Float32Array[] {
  const left = Float32Array.from({ length: 4 * HIT }, (_, i) => {
    const t = (i % HIT) / RATE;
    return 10 ** (db / 20) * Math.exp(-t / 0.12) * Math.sin(2 * Math.PI * 180 * t);
  });
  return [left, left.map((v) => 0.7 * v)];
}

function shaped(x: Float32Array[], settings: TransientShaping, block = 128): Float32Array[] {
  const out = x.map((c) => c.slice());
  const line = new TransientLine(RATE, settings);
  for (let at = 0; at < out[0].length; at += block) line.run(out.map((c) => c.subarray(at, at + block)));
  return out;
}

/** RMS of the last hit from `from` to `to` seconds after it starts, dB. */
function partDb(x: Float32Array, from: number, to: number): number {
  const part = x.subarray(3 * HIT + Math.round(from * RATE), 3 * HIT + Math.round(to * RATE));
  return 10 * Math.log10(part.reduce((s, v) => s + v * v, 0) / part.length);
}

describe('TransientLine', () => {
  it('gives the sound back bit for bit with attack and sustain at 0', () => {
    const x = hits();
    expect(shaped(x, { attackPct: 0, sustainPct: 0 })).toEqual(x);
  });

  it('makes the hits snap harder (the first 10 ms up, the tail as it was) or softer, at any level', () => {
    for (const db of [-6, -36]) {
      const x = hits(db);
      const [harder] = shaped(x, { attackPct: 100, sustainPct: 0 });
      const [softer] = shaped(x, { attackPct: -100, sustainPct: 0 });
      const [dry] = x;
      expect(partDb(harder, 0, 0.01) - partDb(dry, 0, 0.01)).toBeGreaterThan(6);
      expect(partDb(softer, 0, 0.01) - partDb(dry, 0, 0.01)).toBeLessThan(-6);
      expect(Math.abs(partDb(harder, 0.25, 0.45) - partDb(dry, 0.25, 0.45))).toBeLessThan(1);
    }
  });

  it('lengthens or shortens the ring after each hit, the stereo channels by the same gain', () => {
    const x = hits();
    const [dry] = x;
    const longer = shaped(x, { attackPct: 0, sustainPct: 100 });
    const [shorter] = shaped(x, { attackPct: 0, sustainPct: -100 });
    expect(partDb(longer[0], 0.15, 0.35) - partDb(dry, 0.15, 0.35)).toBeGreaterThan(3);
    expect(partDb(shorter, 0.15, 0.35) - partDb(dry, 0.15, 0.35)).toBeLessThan(-3);
    longer[1].forEach((v, i) => {
      if (Math.abs(x[0][i]) > 1e-3) expect(v / longer[0][i]).toBeCloseTo(0.7, 5);
    });
    expect(shaped(x, { attackPct: 40, sustainPct: -60 }, 1)).toEqual(
      shaped(x, { attackPct: 40, sustainPct: -60 }, 997),
    );
  });

  it('refuses amounts out of bounds', () => {
    expect(shapingProblem({ attackPct: 100, sustainPct: -100 })).toBeNull();
    expect(shapingProblem({ attackPct: 120, sustainPct: 0 })).toMatch(/attack/);
  });
});
