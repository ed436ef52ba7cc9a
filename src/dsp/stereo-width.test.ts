import { describe, expect, it } from 'vitest';
import { WidthLine } from './stereo-width';

const RATE = 48000;

/** `seconds` of a sine at `hz`, scaled. */
const sine = (hz: number, gain: number, seconds = 0.5) =>
  Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => gain * Math.sin((2 * Math.PI * hz * i) / RATE));

/** A stereo pair: `shared` in both, `apart` added to the left and taken from the right (its side). */
function pair(shared: Float32Array, apart: Float32Array): Float32Array[] {
  return [shared.map((v, i) => v + apart[i]), shared.map((v, i) => v - apart[i])];
}

/** The channels through a line in blocks of `block` samples (a copy). */
function widen(channels: Float32Array[], settings: { widthPct: number; monoBelowHz: number }, block = 128) {
  const out = channels.map((c) => c.slice());
  const line = new WidthLine(RATE, settings);
  for (let at = 0; at < out[0].length; at += block) line.run(out.map((c) => c.subarray(at, at + block)));
  return { out, correlation: line.correlation };
}

const rms = (x: Float32Array, from = 0) =>
  Math.sqrt(x.subarray(from).reduce((s, v) => s + v * v, 0) / (x.length - from));
const sideOf = ([l, r]: Float32Array[]) => l.map((v, i) => (v - r[i]) / 2);
const midOf = ([l, r]: Float32Array[]) => l.map((v, i) => (v + r[i]) / 2);

describe('WidthLine', () => {
  const music = pair(sine(220, 0.3), sine(1000, 0.1));

  it('gives the channels back bit for bit at 100 % and makes them one at 0 %', () => {
    expect(widen(music, { widthPct: 100, monoBelowHz: 0 }).out).toEqual(music);
    const { out, correlation } = widen(music, { widthPct: 0, monoBelowHz: 0 });
    expect(out[0]).toEqual(out[1]);
    expect(out[0]).toEqual(midOf(music));
    expect(correlation).toBeCloseTo(1, 6);
  });

  it('scales the side alone: twice as wide at 200 %, the mid untouched', () => {
    const { out } = widen(music, { widthPct: 200, monoBelowHz: 0 });
    expect(rms(sideOf(out)) / rms(sideOf(music))).toBeCloseTo(2, 5);
    // The mid as it was, but for the rounding of left and right to 32-bit floats.
    const mid = midOf(music);
    expect(Math.max(...midOf(out).map((v, i) => Math.abs(v - mid[i])))).toBeLessThan(1e-7);
  });

  it('makes the lows mono under the frequency and leaves the highs as wide as before, in any block size', () => {
    const wideBass = pair(
      sine(2000, 0.2),
      sine(50, 0.3).map((v, i) => v + 0.1 * Math.sin((2 * Math.PI * 2000 * i) / RATE + 1)),
    );
    const settings = { widthPct: 100, monoBelowHz: 150 };
    const { out } = widen(wideBass, settings);
    const side = sideOf(out);
    const settled = RATE / 10;
    // 50 Hz in the side was 0.3 / √2 RMS; the 2 kHz side alone is 0.1 / √2.
    expect(rms(side, settled)).toBeCloseTo(0.1 / Math.SQRT2, 2);
    expect(widen(wideBass, settings, 1).out).toEqual(out);
  });

  it('reads how alike the channels are: 1 the same, -1 opposite, near 0 unrelated; a mono track is left alone', () => {
    const a = sine(440, 0.3);
    expect(widen([a, a.slice()], { widthPct: 100, monoBelowHz: 0 }).correlation).toBeCloseTo(1, 6);
    expect(widen([a, a.map((v) => -v)], { widthPct: 100, monoBelowHz: 0 }).correlation).toBeCloseTo(-1, 6);
    expect(Math.abs(widen([a, sine(577, 0.3)], { widthPct: 100, monoBelowHz: 0 }).correlation)).toBeLessThan(0.1);
    const mono = [a.slice()];
    expect(widen(mono, { widthPct: 200, monoBelowHz: 100 }).out).toEqual([a]);
  });
});
