import { describe, expect, it } from 'vitest';
import { estimateTempo } from './tempo';

const RATE = 16000;

/** A drum pattern at `bpm`: a kick on every beat, a snare on 2 and 4, hats on the eighths, over quiet noise. */
function pattern(bpm: number, seconds: number, seed = 1): Float32Array {
  const out = new Float32Array(seconds * RATE);
  let s = seed;
  const noise = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  };
  for (let i = 0; i < out.length; i++) out[i] = 0.01 * noise();
  const beat = (60 / bpm) * RATE;
  const hit = (at: number, length: number, make: (t: number) => number) => {
    for (let i = 0; i < length && at + i < out.length; i++)
      out[Math.round(at) + i] += make(i / RATE) * Math.exp((-i / RATE) * 30);
  };
  for (let b = 0; b * beat < out.length; b++) {
    hit(b * beat, 4000, (t) => 0.6 * Math.sin(2 * Math.PI * (60 + 80 * Math.exp(-t * 40)) * t));
    if (b % 2 === 1) hit(b * beat, 3000, () => 0.3 * noise());
    hit(b * beat + beat / 2, 800, () => 0.1 * noise());
  }
  return out;
}

describe('tempo', () => {
  it.each([72, 96, 120, 128, 150])('finds %i BPM within 4 % on a drum pattern', (bpm) => {
    const tempo = estimateTempo(pattern(bpm, 12), RATE);
    expect(tempo).not.toBeNull();
    expect(Math.abs(tempo!.bpm - bpm) / bpm).toBeLessThan(0.04);
  });

  it.each([160, 174])('may hear %i BPM at half its tempo (an octave error, counted apart), but at no other', (bpm) => {
    const found = estimateTempo(pattern(bpm, 12), RATE)!.bpm;
    expect(Math.min(Math.abs(found - bpm) / bpm, Math.abs(found - bpm / 2) / (bpm / 2))).toBeLessThan(0.04);
  });

  it('places the beat grid on the kicks: the first beat within 30 ms of where a kick falls', () => {
    const bpm = 100;
    const beat = 60 / bpm;
    for (const delay of [0.13, 0.41]) {
      // The same pattern started `delay` seconds in: its kicks fall at delay + k beats.
      const late = new Float32Array(12 * RATE);
      late.set(pattern(bpm, 12).subarray(0, late.length - Math.round(delay * RATE)), Math.round(delay * RATE));
      const { firstBeat } = estimateTempo(late, RATE)!;
      expect(firstBeat).toBeLessThan(beat + 0.05);
      const d = (((firstBeat - delay) % beat) + beat) % beat; // how far past a kick
      expect(Math.min(d, beat - d)).toBeLessThan(0.03);
    }
  });

  it('calls no tempo in noise or in a clip too short to tell', () => {
    let s = 7;
    const noise = Float32Array.from({ length: 10 * RATE }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 31 - 1;
    });
    const tempo = estimateTempo(noise, RATE);
    expect(tempo === null || tempo.confidence < 0.2).toBe(true);
    expect(estimateTempo(pattern(120, 2), RATE)).toBeNull();
  });

  it.each([56, 64])('hears %i BPM, not its double, where the off-beat hats are much quieter than the beats', (bpm) => {
    const tempo = estimateTempo(pattern(bpm, 12), RATE);
    expect(Math.abs(tempo!.bpm - bpm) / bpm).toBeLessThan(0.04);
  });

  it('reads held chords, one a bar, as four beats a bar', () => {
    const bpm = 100;
    const bar = (4 * 60) / bpm;
    const out = new Float32Array(12 * RATE);
    for (let b = 0; b * bar * RATE < out.length; b++) {
      const start = Math.round(b * bar * RATE);
      const pitches = b % 2 === 0 ? [262, 330, 392] : [220, 277, 330];
      for (let i = 0; start + i < out.length && i < bar * RATE; i++)
        for (const f of pitches) out[start + i] += 0.2 * Math.sin((2 * Math.PI * f * i) / RATE) * Math.exp(-i / RATE);
    }
    const tempo = estimateTempo(out, RATE);
    expect(Math.abs(tempo!.bpm - bpm) / bpm).toBeLessThan(0.04);
    const beat = 60 / bpm;
    expect(Math.min(tempo!.firstBeat % beat, beat - (tempo!.firstBeat % beat))).toBeLessThan(0.05);
  });
});
