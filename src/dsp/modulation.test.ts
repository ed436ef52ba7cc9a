import { describe, expect, it } from 'vitest';
import { toneLevelDb } from './noise.fixture';
import { ChorusLine, chorus, FlangerLine, PhaserLine, phaser, phaserHz, TremoloLine, tremolo } from './modulation';

const RATE = 8000;
const sine = (hz: number, seconds = 1) =>
  Float32Array.from({ length: seconds * RATE }, (_, i) => Math.sin((2 * Math.PI * hz * i) / RATE));

describe('tremolo', () => {
  it('swings the level from full down to 1 - depth and back, rate times a second', () => {
    const [y] = tremolo([new Float32Array(RATE).fill(1)], RATE, { rateHz: 4, depth: 0.5 });
    expect(y[0]).toBe(1);
    expect(y[RATE / 8]).toBeCloseTo(0.5, 6); // half a period in: the trough
    expect(y[RATE / 4]).toBeCloseTo(1, 6);
    expect(Math.min(...y)).toBeCloseTo(0.5, 6);
  });
});

describe('phaser', () => {
  const still = { rateHz: 1, depth: 0, feedback: 0 };

  it('notches the frequency where its chain turns the phase half a cycle, and passes the rest', () => {
    // Four stages breaking at 200 Hz turn 200 tan(67.5 degrees) = 482.8 Hz by 540 degrees: mixed with the dry
    // sound, it cancels.
    const level = (hz: number) => {
      const x = sine(hz);
      const [y] = phaser([x], RATE, still);
      const tail = (a: Float32Array) => a.subarray(RATE / 2);
      return toneLevelDb(tail(y), hz, RATE) - toneLevelDb(tail(x), hz, RATE);
    };
    expect(level(200 * Math.tan((67.5 * Math.PI) / 180))).toBeLessThan(-30);
    expect(level(2000)).toBeGreaterThan(-0.5);
  });

  it('sweeps its notches four octaves up at full depth and back', () => {
    const p = { ...still, rateHz: 0.5, depth: 1 };
    expect(phaserHz(p, RATE, 0)).toBeCloseTo(200, 6);
    expect(phaserHz(p, RATE, RATE)).toBeCloseTo(3200, 6); // half a period
    expect(phaserHz(p, RATE, 2 * RATE)).toBeCloseTo(200, 6);
  });
});

describe('chorus', () => {
  it('adds a copy 20 ms late (the swing at 0) at the mix level, and nothing at a mix of 0', () => {
    const x = new Float32Array(RATE);
    x[100] = 1;
    const [y] = chorus([x], RATE, { rateHz: 1, depthMs: 0, mix: 0.5 });
    expect(y[100]).toBe(1);
    expect(y[100 + 0.02 * RATE]).toBeCloseTo(0.5, 6);
    expect(chorus([x], RATE, { rateHz: 1, depthMs: 5, mix: 0 })[0]).toEqual(x);
  });

  it("swings its delay, the right channel's a quarter turn behind the left's", () => {
    const x = sine(440);
    const [l, r] = chorus([x, x], RATE, { rateHz: 2, depthMs: 5, mix: 1 });
    expect(l).not.toEqual(r);
  });
});

describe('modulation lines (realtime)', () => {
  /** The channels from sample `from` on through `line` in 128-frame blocks. */
  const inBlocks = (channels: Float32Array[], from: number, line: { run: (b: Float32Array[]) => void }) => {
    const out = channels.map((c) => c.slice(from));
    for (let at = 0; at < out[0].length; at += 128) line.run(out.map((c) => c.subarray(at, at + 128)));
    return out;
  };
  const x = [sine(440), sine(300).map((v) => 0.5 * v)];

  it('block by block from the start, give the whole-selection effects to the bit', () => {
    const trem = { rateHz: 3, depth: 0.8 };
    const phase = { rateHz: 0.7, depth: 0.9, feedback: 0.5 };
    const chor = { rateHz: 1.3, depthMs: 6, mix: 0.7 };
    expect(inBlocks(x, 0, new TremoloLine(RATE, trem))).toEqual(tremolo(x, RATE, trem));
    expect(inBlocks(x, 0, new PhaserLine(RATE, phase))).toEqual(phaser(x, RATE, phase));
    expect(inBlocks(x, 0, new ChorusLine(RATE, chor))).toEqual(chorus(x, RATE, chor));
  });

  it("started later with the LFO where the timeline has it, swing as the whole selection's do there", () => {
    const trem = { rateHz: 3, depth: 0.8 };
    // A tremolo has no memory: from sample 3000 with its LFO at 3000, the very samples of the whole run there.
    expect(inBlocks(x, 3000, new TremoloLine(RATE, trem, 3000))).toEqual(
      tremolo(x, RATE, trem).map((c) => c.slice(3000)),
    );
    // A chorus's delay swings as the whole run's once its 30 ms of memory are filled.
    const chor = { rateHz: 1.3, depthMs: 6, mix: 0.7 };
    const late = inBlocks(x, 3000, new ChorusLine(RATE, chor, 3000))[0].slice(400);
    const whole = chorus(x, RATE, chor)[0].slice(3400);
    expect(late.reduce((m, v, i) => Math.max(m, Math.abs(v - whole[i])), 0)).toBeLessThan(1e-6);
  });
});

describe('flanger (realtime)', () => {
  const RATE = 48000;
  const tone = (hz: number, seconds = 1) =>
    Float32Array.from({ length: seconds * RATE }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE));
  const flanged = (x: Float32Array, settings: { rateHz: number; depth: number; feedback: number }) => {
    const out = [x.slice()];
    const line = new FlangerLine(RATE, settings);
    for (let at = 0; at < x.length; at += 128) line.run(out.map((c) => c.subarray(at, at + 128)));
    return out[0];
  };
  const db = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

  it('at its shortest delay notches 1 kHz out (half a period in 0.5 ms) and passes 100 Hz', () => {
    const still = { rateHz: 1, depth: 0, feedback: 0 };
    expect(db(flanged(tone(1000), still).subarray(RATE / 10)) - db(tone(1000))).toBeLessThan(-40);
    expect(db(flanged(tone(100), still).subarray(RATE / 10)) - db(tone(100))).toBeGreaterThan(-0.5);
  });

  it('sweeps its notches: a 1 kHz tone swells and dips as the delay moves; stable at the most feedback', () => {
    const out = flanged(tone(1000, 4), { rateHz: 0.5, depth: 1, feedback: 0 });
    const windows = Array.from({ length: 70 }, (_, w) => db(out.subarray(w * 2400, (w + 1) * 2400)));
    expect(Math.max(...windows) - Math.min(...windows)).toBeGreaterThan(15);
    const ringing = flanged(tone(300, 4), { rateHz: 0.5, depth: 1, feedback: 0.95 });
    expect(ringing.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThan(10);
  });
});
