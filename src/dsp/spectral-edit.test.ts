import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resample } from './resample';
import {
  applySeparation,
  GRID_BINS,
  istft,
  levelGain,
  preserveEdit,
  separationGains,
  stft,
  transferTimbre,
} from './spectral-edit';

const tone = (hz: number, rate: number, n: number, amp = 0.3) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
function noise(n: number, amp = 0.1, seed = 1) {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return amp * ((s / 2 ** 32) * 2 - 1);
  });
}
const add = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]);
const rms = (x: Float32Array, from = 0, to = x.length) =>
  Math.sqrt(x.slice(from, to).reduce((s, v) => s + v * v, 0) / (to - from));
/** Energy of x at one frequency (a single-bin DFT over the middle second). */
function level(x: Float32Array, hz: number, rate: number) {
  let re = 0,
    im = 0;
  for (let i = rate / 2; i < rate * 1.5; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return Math.hypot(re, im) / rate;
}

describe('spectral edits that keep what the model did not change', () => {
  it('rebuilds a signal from its STFT', () => {
    const x = add(tone(440, 16000, 16000), noise(16000));
    const y = istft(stft(x, 512, 128), x.length);
    expect(
      rms(
        y.map((v, i) => v - x[i]),
        256,
        15744,
      ),
    ).toBeLessThan(1e-6);
  });

  it('returns the original where the model reproduced its input, at another rate too', () => {
    const original = add(tone(440, 48000, 96000), noise(96000));
    const at16k = resample(original, 48000, 16000);
    const [out] = preserveEdit('remove', [original], at16k, at16k, 16000, 48000);
    expect(
      rms(
        out.map((v, i) => v - original[i]),
        4800,
        91200,
      ) / rms(original),
    ).toBeLessThan(0.02);
  });

  it('removes what the model removed, keeping the rest of the recording at its level', () => {
    const rate = 16000,
      n = 3 * rate;
    const bed = noise(n, 0.05);
    const beep = tone(1000, rate, n, 0.3).map((v, i) => (i >= rate && i < 2 * rate ? v : 0));
    // The model's output: another, quieter take of the bed, without the beep.
    const [out] = preserveEdit('remove', [add(bed, beep)], noise(n, 0.02, 9), add(bed, beep), rate, rate);
    expect(level(out, 1000, rate)).toBeLessThan(0.25 * level(add(bed, beep), 1000, rate)); // over 12 dB down
    expect(rms(out, 0, 12000) / rms(bed, 0, 12000)).toBeGreaterThan(0.9);
    expect(rms(out, 36000, n) / rms(bed, 36000, n)).toBeLessThan(1.1);
  });

  it('adds what the model added on top of the untouched original', () => {
    const rate = 16000,
      n = 2 * rate;
    const bed = noise(n, 0.05);
    const chirp = tone(2000, rate, n).map((v, i) => (i >= (3 * rate) / 4 && i < (5 * rate) / 4 ? v : 0)); // a quarter of the clip
    const [out] = preserveEdit('add', [bed], add(noise(n, 0.05, 7), chirp), bed, rate, rate);
    expect(level(out, 2000, rate)).toBeGreaterThan(0.6 * level(chirp, 2000, rate));
    expect(level(out, 500, rate)).toBeLessThan(2 * level(bed, 500, rate) + 1e-3);
  });
});

describe('style transfer that keeps the performance', () => {
  it("puts the model's timbre on the original's own notes, at the project rate", () => {
    const rate = 48000,
      modelRate = 16000,
      n = 2 * rate;
    const original = add(tone(440, rate, n, 0.05), tone(3000, rate, n, 0.05));
    const recon = resample(original, rate, modelRate);
    // The model's take: the same notes, the upper one 12 dB brighter, at its own phase and with its own noise.
    const model = add(
      Float32Array.from(
        { length: 2 * modelRate },
        (_, i) =>
          0.05 * Math.sin((2 * Math.PI * 440 * i) / modelRate + 1) +
          0.2 * Math.sin((2 * Math.PI * 3000 * i) / modelRate + 2),
      ),
      noise(2 * modelRate, 0.002, 5),
    );
    const [out] = transferTimbre([original], model, recon, modelRate, rate);
    expect(out.length).toBe(n);
    expect(level(out, 3000, rate) / level(original, 3000, rate)).toBeGreaterThan(3.2); // ~12 dB up
    expect(level(out, 3000, rate) / level(original, 3000, rate)).toBeLessThan(5);
    expect(level(out, 440, rate) / level(original, 440, rate)).toBeGreaterThan(0.8);
    expect(level(out, 440, rate) / level(original, 440, rate)).toBeLessThan(1.25);
  });

  it('cannot raise a band the original lacks by more than 30 dB', () => {
    const rate = 16000,
      n = 2 * rate;
    const original = tone(440, rate, n, 0.1);
    const [out] = transferTimbre([original], add(original, tone(5000, rate, n, 0.3)), original, rate, rate);
    expect(level(out, 5000, rate)).toBeLessThan(1e-3);
    expect(level(out, 440, rate) / level(original, 440, rate)).toBeGreaterThan(0.8);
  });
});

describe('parity with the evaluation (training/omni_model/model/preserve.py)', () => {
  it('gives the same result as the numpy version on the shared fixture, segment by segment', async () => {
    const fixture = JSON.parse(readFileSync('src/dsp/spectral-edit.parity.json', 'utf8')) as {
      rate: number;
      segments: number;
      remove: number[];
      add: number[];
      add_level: number[];
      timbre: number[];
    };
    const rate = fixture.rate,
      n = 2 * rate;
    const t = (i: number) => i / rate;
    const sig = (f: (x: number) => number) => Float32Array.from({ length: n }, (_, i) => f(t(i)));
    const bed = sig((x) => 0.05 * Math.sin(2 * Math.PI * 3000 * x + 0.5) + 0.03 * Math.sin(2 * Math.PI * 440 * x));
    const beep = sig((x) => (x >= 0.8 && x < 1.2 ? 0.3 * Math.sin(2 * Math.PI * 1000 * x) : 0));
    const quietBed = sig(
      (x) =>
        0.5 * (0.05 * Math.sin(2 * Math.PI * 3000 * x + 0.5) + 0.03 * Math.sin(2 * Math.PI * 440 * x)) +
        0.01 * Math.sin(2 * Math.PI * 5000 * x),
    );
    const segmentRms = (x: Float32Array) =>
      Array.from({ length: fixture.segments }, (_, s) =>
        rms(x, (s * n) / fixture.segments, ((s + 1) * n) / fixture.segments),
      );
    const [removed] = preserveEdit('remove', [add(bed, beep)], quietBed, add(bed, beep), rate, rate);
    const [added] = preserveEdit('add', [bed], add(quietBed, beep), bed, rate, rate);
    segmentRms(removed).forEach((v, i) => expect(v).toBeCloseTo(fixture.remove[i], 4));
    segmentRms(added).forEach((v, i) => expect(v).toBeCloseTo(fixture.add[i], 4));
    const [leveled] = preserveEdit('add', [bed], add(quietBed, beep), bed, rate, rate, 3);
    segmentRms(leveled).forEach((v, i) => expect(v).toBeCloseTo(fixture.add_level[i], 4));
    const [recoloured] = transferTimbre([add(bed, beep)], add(quietBed, beep), add(bed, beep), rate, rate);
    segmentRms(recoloured).forEach((v, i) => expect(v).toBeCloseTo(fixture.timbre[i], 4));
  });

  it('applies a separator mask at 44.1 kHz as the numpy version does', () => {
    const fixture = JSON.parse(readFileSync('src/dsp/spectral-edit.parity.json', 'utf8')) as {
      rate: number;
      segments: number;
      separation_extract: number[];
      separation_remove: number[];
    };
    const rate = 44100,
      n = 2 * rate,
      modelRate = fixture.rate;
    const mix = Float32Array.from({ length: n }, (_, i) => {
      const x = i / rate;
      return (
        0.05 * Math.sin(2 * Math.PI * 3000 * x + 0.5) +
        0.03 * Math.sin(2 * Math.PI * 440 * x) +
        (x >= 0.8 && x < 1.2 ? 0.3 * Math.sin(2 * Math.PI * 1000 * x) : 0)
      );
    });
    const frames = Math.floor((2 * modelRate) / 128) + 1;
    const mask = new Float32Array(frames * GRID_BINS).map((_, j) => {
      const seconds = (Math.floor(j / GRID_BINS) * 128) / modelRate;
      return seconds >= 0.8 && seconds < 1.2 && j % GRID_BINS < 80 ? 1 : 0.1;
    });
    const segmentRms = (x: Float32Array) =>
      Array.from({ length: fixture.segments }, (_, s) =>
        rms(x, Math.floor((s * n) / fixture.segments), Math.floor(((s + 1) * n) / fixture.segments)),
      );
    const [extracted] = applySeparation('extract', [mix], mask, GRID_BINS, modelRate, rate);
    const [removed] = applySeparation('remove', [mix], mask, GRID_BINS, modelRate, rate);
    segmentRms(extracted).forEach((v, i) => expect(v).toBeCloseTo(fixture.separation_extract[i], 4));
    segmentRms(removed).forEach((v, i) => expect(v).toBeCloseTo(fixture.separation_remove[i], 4));
  });
});

describe('levelGain', () => {
  it("puts the added sound's loudest second the asked level over the background there, and no more than +30 dB", () => {
    const rate = 8000,
      n = 4 * rate;
    const background = noise(n, 0.1);
    const added = tone(500, rate, n, 0.01).map((v, i) => (i >= rate && i < 2 * rate ? v : 0));
    const gain = levelGain(added, background, rate, -6);
    const scaled = added.map((v) => v * gain);
    expect(20 * Math.log10(rms(scaled, rate, 2 * rate) / rms(background, rate, 2 * rate))).toBeCloseTo(-6, 1);
    expect(
      levelGain(
        added.map((v) => v * 1e-6),
        background,
        rate,
        0,
      ),
    ).toBeCloseTo(10 ** 1.5, 6);
    expect(levelGain(new Float32Array(n), background, rate, 0)).toBe(1);
  });
});

describe('applySeparation', () => {
  it('extract with a mask of ones and remove with a mask of zeros give the recording back, on every channel', () => {
    const rate = 48000,
      n = rate;
    const left = add(tone(440, rate, n, 0.2), noise(n, 0.05)),
      right = noise(n, 0.1, 5);
    const frames = Math.floor(16000 / 128) + 1;
    for (const [kind, value] of [
      ['extract', 1],
      ['remove', 0],
    ] as const) {
      const out = applySeparation(
        kind,
        [left, right],
        new Float32Array(frames * GRID_BINS).fill(value),
        GRID_BINS,
        16000,
        rate,
      );
      expect(out).toHaveLength(2);
      out.forEach((ch, c) => expect(rms(ch.map((v, i) => v - [left, right][c][i]))).toBeLessThan(1e-4));
    }
  });

  it('refuses a mask on another grid', () => {
    expect(() => separationGains('remove', new Float32Array(10 * 129), 129)).toThrow(/129 bins/);
  });
});
