import { describe, expect, it } from 'vitest';
import { extractCenter } from './center';
import { noise } from './noise.fixture';

const RATE = 44100;
const LENGTH = 3 * RATE;

/** A sung-like line: harmonics of a gliding pitch, in syllables (on 0.25 s, off 0.1 s). */
function voice(level: number): Float32Array {
  let phase = 0;
  return Float32Array.from({ length: LENGTH }, (_, i) => {
    const t = i / RATE;
    phase += (2 * Math.PI * (180 + 40 * Math.sin(2 * Math.PI * 0.7 * t))) / RATE;
    const on = t % 0.35 < 0.25 ? 1 : 0;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
    return level * on * v;
  });
}

const energy = (x: Float32Array) => x.reduce((sum, v) => sum + v * v, 0);
/** How far `out` is from `truth` against how far `truth`'s own level is, dB (higher is closer). */
function sdr(truth: Float32Array[], out: Float32Array[]): number {
  let signal = 0;
  let error = 0;
  truth.forEach((t, c) => {
    signal += energy(t);
    error += energy(out[c].map((v, i) => v - t[i]));
  });
  return 10 * Math.log10(signal / error);
}

const sum = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]);
const WHOLE = { lowHz: 0, highHz: RATE / 2 };

describe('extractCenter', () => {
  // A voice in the middle, the same in both channels, over a bed each channel has its own of (as wide as a bed gets).
  const v = voice(0.1);
  const bed = [noise(LENGTH, 0.05, 7), noise(LENGTH, 0.05, 11)];
  const mix = bed.map((b) => sum(b, v));

  it('takes a centred voice out of a wide bed and keeps the bed', () => {
    const out = extractCenter(mix, RATE, { operation: 'remove', ...WHOLE });
    const before = sdr(bed, mix);
    const after = sdr(bed, out);
    expect(after - before).toBeGreaterThan(14); // 16.7 dB when written
  });

  it('isolates a centred voice from a wide bed', () => {
    const out = extractCenter(mix, RATE, { operation: 'isolate', ...WHOLE });
    const before = sdr([v, v], mix);
    expect(sdr([v, v], out) - before).toBeGreaterThan(11); // 13.1 dB when written
    expect(out[0]).toEqual(out[1]);
  });

  it('leaves a sound panned hard to one side as it was', () => {
    const left = voice(0.2);
    const out = extractCenter([left, new Float32Array(LENGTH)], RATE, { operation: 'remove', ...WHOLE });
    expect(sdr([left], [out[0]])).toBeGreaterThan(100);
    expect(energy(out[1])).toBe(0);
  });

  it('touches nothing outside its band', () => {
    const low = Float32Array.from({ length: LENGTH }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 80 * i) / RATE));
    const out = extractCenter([low, low], RATE, { operation: 'remove', lowHz: 200, highHz: 20000 });
    expect(sdr([low, low], out)).toBeGreaterThan(40); // 50 dB: only the window's far sidelobes reach the band
    const all = extractCenter([low, low], RATE, { operation: 'remove', ...WHOLE });
    expect(sdr([low, low], all)).toBeLessThan(1); // in the band, a centred tone is what goes
  });

  it('asks for two channels', () => {
    expect(() => extractCenter([v], RATE, { operation: 'remove', ...WHOLE })).toThrow(/stereo/);
  });
});
