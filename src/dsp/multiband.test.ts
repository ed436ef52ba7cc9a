import { describe, expect, it } from 'vitest';
import { compress } from './compressor';
import { type Multiband, MULTIBAND_DEFAULTS, MultibandLine, multibandProblem } from './multiband';

const RATE = 48000;

const sine = (hz: number, db: number, seconds = 1) =>
  Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, i) => 10 ** (db / 20) * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
const sum = (...xs: Float32Array[]) => xs[0].map((_, i) => xs.reduce((s, x) => s + x[i], 0));

/** The channels through a line in blocks of `block` (copies). */
function through(channels: Float32Array[], settings: Multiband, block = 128): Float32Array[] {
  const out = channels.map((c) => c.slice());
  const line = new MultibandLine(RATE, settings);
  for (let at = 0; at < out[0].length; at += block) line.run(out.map((c) => c.subarray(at, at + block)));
  return out;
}

/** The level of one frequency in the second half of `x` (past the detectors' settling), dB: its DFT bin's magnitude. */
function toneDb(x: Float32Array, hz: number): number {
  const from = x.length >> 1;
  let [re, im] = [0, 0];
  for (let i = from; i < x.length; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / RATE);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / RATE);
  }
  return 20 * Math.log10((2 * Math.hypot(re, im)) / (x.length - from));
}

const flat: Multiband = {
  ...MULTIBAND_DEFAULTS,
  bands: [
    { thresholdDb: -60, ratio: 1 },
    { thresholdDb: -60, ratio: 1 },
    { thresholdDb: -60, ratio: 1 },
  ],
  makeupDb: 0,
};

describe('MultibandLine', () => {
  it('at ratio 1 adds its bands back up to the sound: every frequency at its level', () => {
    for (const hz of [50, 120, 700, 4000, 12000]) {
      const [out] = through([sine(hz, -12)], flat);
      expect(toneDb(out, hz)).toBeCloseTo(-12, 1);
    }
  });

  it('holds a loud bass down and leaves the highs alone, where one compressor ducks them with it', () => {
    const mix = sum(sine(60, -6), sine(8000, -30));
    const lowsOnly: Multiband = { ...flat, bands: [{ thresholdDb: -30, ratio: 4 }, flat.bands[1], flat.bands[2]] };
    const [out] = through([mix], lowsOnly);
    expect(toneDb(out, 60)).toBeLessThan(-6 - 10);
    expect(toneDb(out, 8000)).toBeCloseTo(-30, 0);
    const [broadband] = compress([mix], RATE, { thresholdDb: -30, ratio: 4 }).channels;
    expect(toneDb(broadband, 8000)).toBeLessThan(-30 - 10);
    const line = new MultibandLine(RATE, lowsOnly);
    line.run([mix.slice()]);
    const [lows, mids, highs] = line.reductionsDb;
    expect(lows).toBeGreaterThan(10);
    expect(mids + highs).toBe(0);
  });

  it('gives the same samples whatever the blocks', () => {
    const stereo = [sum(sine(80, -10), sine(3000, -20)), sum(sine(200, -8), sine(9000, -14))];
    const a = through(stereo, MULTIBAND_DEFAULTS, 1);
    expect(through(stereo, MULTIBAND_DEFAULTS, 997)).toEqual(a);
    expect(a[0]).not.toEqual(stereo[0]);
  });

  it('solo, gives one band alone: the three solos add up to the whole', () => {
    const x = [sum(sine(80, -10), sine(1000, -12), sine(9000, -14))];
    const whole = through(x, MULTIBAND_DEFAULTS)[0];
    const solos = [0, 1, 2].map((solo) => through(x, { ...MULTIBAND_DEFAULTS, solo })[0]);
    expect(toneDb(solos[0], 80)).toBeGreaterThan(toneDb(solos[0], 9000) + 40);
    expect(toneDb(solos[2], 9000)).toBeGreaterThan(toneDb(solos[2], 80) + 40);
    whole.forEach((v, i) => expect(solos[0][i] + solos[1][i] + solos[2][i]).toBeCloseTo(v, 5));
  });

  it('refuses crossovers out of range or under an octave apart, and bands out of bounds', () => {
    expect(multibandProblem(MULTIBAND_DEFAULTS)).toBeNull();
    expect(multibandProblem({ ...MULTIBAND_DEFAULTS, lowHz: 3000 })).toMatch(/an octave/);
    expect(multibandProblem({ ...MULTIBAND_DEFAULTS, highHz: 30000 })).toMatch(/40 to 16000 Hz/);
    const loud = { ...MULTIBAND_DEFAULTS, bands: [{ thresholdDb: 3, ratio: 2 }, ...MULTIBAND_DEFAULTS.bands.slice(1)] };
    expect(multibandProblem(loud as Multiband)).toMatch(/lows' threshold/);
    expect(multibandProblem({ ...MULTIBAND_DEFAULTS, solo: 3 })).toMatch(/solo band/);
  });
});
