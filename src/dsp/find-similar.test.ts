import { describe, expect, it } from 'vitest';
import { findSimilar, SIMILAR_THRESHOLD } from './find-similar';
import { noise } from './noise.fixture';

const RATE = 44100;
const SECONDS = 12;

/** A falling whistle (2.5 -> 1 kHz over 0.3 s) with a quick attack and a decay: the sound a user marks. */
function whistle(): Float32Array {
  const n = Math.round(0.3 * RATE);
  let phase = 0;
  return Float32Array.from({ length: n }, (_, i) => {
    const t = i / n;
    phase += (2 * Math.PI * (2500 - 1500 * t)) / RATE;
    return Math.min(1, i / 200) * (1 - t) * Math.sin(phase);
  });
}

/** A knock: a 0.12 s burst of low noise, another kind of sound. */
function knock(): Float32Array {
  const burst = noise(Math.round(0.12 * RATE), 1, 7);
  let low = 0;
  return burst.map((v, i) => {
    low += 0.05 * (v - low);
    return 4 * low * Math.exp(-i / (0.03 * RATE));
  });
}

/** A stereo hiss bed with sounds added at (seconds, dB). */
function scene(sounds: [Float32Array, number, number][]): Float32Array[] {
  const channels = [noise(SECONDS * RATE, 0.02, 3), noise(SECONDS * RATE, 0.02, 5)];
  for (const [sound, at, db] of sounds)
    for (const ch of channels) sound.forEach((v, i) => (ch[Math.round(at * RATE) + i] += 0.1 * 10 ** (db / 20) * v));
  return channels;
}

const seconds = (m: { start: number; end: number }) => [m.start / RATE, m.end / RATE];
const MARK = { start: 1 * RATE, end: 1.3 * RATE };

describe('find similar', () => {
  it('finds the other copies of a marked sound at their own levels, and not a sound of another kind', () => {
    const w = whistle();
    const k = knock();
    const audio = scene([[w, 1, 0], [k, 3, 0], [w, 5, -6], [k, 7, 6], [w, 9.5, 6]]);
    const { query, matches } = findSimilar(audio, RATE, MARK.start, MARK.end);
    expect(seconds(query)[0]).toBeLessThan(1.05);
    expect(seconds(query)[1]).toBeGreaterThan(1.25);
    const centres = matches.map((m) => (m.start + m.end) / 2 / RATE);
    expect(centres).toHaveLength(2);
    centres.forEach((c, i) => expect(Math.abs(c - [5.15, 9.65][i])).toBeLessThan(0.1));
    for (const m of matches) expect(m.score).toBeGreaterThanOrEqual(SIMILAR_THRESHOLD);
  });

  it('finds nothing where no other copy is there', () => {
    const audio = scene([[whistle(), 1, 0], [knock(), 3, 0], [knock(), 7, 6]]);
    expect(findSimilar(audio, RATE, MARK.start, MARK.end).matches).toEqual([]);
  });

  it('says why it cannot look for a mark that is too short or holds no sound over the bed', () => {
    const audio = scene([[whistle(), 1, 0]]);
    expect(() => findSimilar(audio, RATE, MARK.start, MARK.start + 0.01 * RATE)).toThrow(/under 50 ms/);
    expect(() => findSimilar(audio, RATE, 5 * RATE, 6 * RATE)).toThrow(/nothing that rises/);
  });
});
