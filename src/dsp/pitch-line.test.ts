import { describe, expect, it } from 'vitest';
import { correctPitch, type PitchCorrection } from './pitch-correct';
import { PitchCorrectLine } from './pitch-line';
import { noise } from './signals';

const CHROMATIC: PitchCorrection = { tonic: null, mode: 'major', speedMs: 20, strength: 100 };

/** A sung line: a voice-like tone (harmonics falling off) gliding and wavering around `hz`, off the notes, with a
 * breath of noise between two phrases. */
function line(rate: number, hz: number, seconds: number, channels = 1): Float32Array[] {
  const length = Math.round(seconds * rate);
  const hiss = noise('white', 0.02, length);
  let phase = 0;
  const mono = Float32Array.from({ length }, (_, i) => {
    const t = i / rate;
    const f = hz * 2 ** ((0.3 * Math.sin(2 * Math.PI * 5.5 * t) + 0.8 * t) / 12);
    phase += (2 * Math.PI * f) / rate;
    const gap = t > 0.45 * seconds && t < 0.55 * seconds;
    if (gap) return hiss[i];
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin(h * phase) / h;
    return 0.1 * v;
  });
  return Array.from({ length: channels }, (_, c) => mono.map((v) => v * (1 - 0.3 * c)));
}

/** The line run over blocks of the given sizes (cycled), then flushed with silence; its output moved back by its
 * latency. */
function streamed(channels: Float32Array[], rate: number, settings: PitchCorrection, sizes: number[]) {
  const corrector = new PitchCorrectLine(rate, channels.length, settings);
  const length = channels[0].length + corrector.latency;
  const out = channels.map(() => new Float32Array(length));
  for (let at = 0, k = 0; at < length; k++) {
    const size = Math.min(sizes[k % sizes.length], length - at);
    const block = channels.map((ch) => {
      const b = new Float32Array(size);
      b.set(ch.subarray(at, Math.min(at + size, ch.length)));
      return b;
    });
    corrector.run(block);
    block.forEach((b, c) => out[c].set(b, at));
    at += size;
  }
  return { corrector, out: out.map((ch) => ch.subarray(corrector.latency)) };
}

const maxDifference = (a: Float32Array, b: Float32Array, from: number, to: number) => {
  let most = 0;
  for (let i = from; i < to; i++) most = Math.max(most, Math.abs(a[i] - b[i]));
  return most;
};

describe('pitch correction as it plays', () => {
  it('gives the whole-clip correction, its latency late, at 44.1 kHz mono and 48 kHz stereo', () => {
    for (const [rate, channels] of [
      [44100, 1],
      [48000, 2],
    ]) {
      const input = line(rate, 200, 2, channels);
      const whole = correctPitch(input, rate, CHROMATIC);
      const { corrector, out } = streamed(input, rate, CHROMATIC, [128]);
      expect(corrector.starved).toBe(0);
      // The end differs: the whole clip's tracker stops at the clip's end, the line's hears the silence after it.
      const end = input[0].length - Math.round(0.1 * rate);
      for (let c = 0; c < channels; c++) {
        expect(maxDifference(out[c], whole[c], 0, end)).toBeLessThan(1e-6);
        // Not the input: the line was corrected.
        expect(maxDifference(out[c], input[c], 0, end)).toBeGreaterThan(0.01);
      }
    }
  });

  it('sounds the same however the samples are cut into blocks', () => {
    const input = line(48000, 180, 1.5, 2);
    const a = streamed(input, 48000, CHROMATIC, [128]).out;
    const b = streamed(input, 48000, CHROMATIC, [7, 4096, 333, 1, 20000, 512]).out;
    for (let c = 0; c < 2; c++) expect(maxDifference(a[c], b[c], 0, a[c].length)).toBe(0);
  });

  it('keeps up with the lowest voices, from 60 Hz, corrected at once up and down', () => {
    for (const [hz, tonic] of [
      [60, null],
      [60.5, 0],
      [63, 5],
    ]) {
      const settings = { ...CHROMATIC, tonic, speedMs: 0 };
      const { corrector, out } = streamed(line(44100, hz as number, 1.5), 44100, settings, [128]);
      expect(corrector.starved).toBe(0);
      expect(out[0].some((v) => v !== 0)).toBe(true);
    }
  });

  it('listening from 100 Hz, answers in 50 ms, keeps up with voices from there and gives Correct pitch with that range', () => {
    const high = { ...CHROMATIC, lowestHz: 100 };
    for (const [hz, tonic] of [
      [100, null],
      [100.8, 0],
      [106, 5],
    ]) {
      const { corrector } = streamed(line(48000, hz as number, 1.5), 48000, { ...high, tonic, speedMs: 0 }, [128]);
      expect(corrector.latency).toBe(0.05 * 48000);
      expect(corrector.starved).toBe(0);
    }
    const input = line(44100, 220, 1.5, 2);
    const whole = correctPitch(input, 44100, high);
    const { out } = streamed(input, 44100, high, [128]);
    const end = input[0].length - 4410;
    for (let c = 0; c < 2; c++) expect(maxDifference(out[c], whole[c], 0, end)).toBeLessThan(1e-6);
  });

  it('gives noise back bit for bit, only late', () => {
    const hiss = [noise('white', 0.1, 44100)];
    const { corrector, out } = streamed(hiss, 44100, CHROMATIC, [128]);
    expect(corrector.starved).toBe(0);
    expect(maxDifference(out[0], hiss[0], 0, hiss[0].length - 4410)).toBe(0);
  });
});
