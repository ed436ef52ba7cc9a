import { describe, expect, it } from 'vitest';
import { afterCuts, findPauses, findSounds, removeStretches } from './silence';

const RATE = 16000;
const settings = { thresholdDb: -40, pauseSeconds: 0.5 };

/** A seeded noise floor at `db` dBFS (peak). */
function floor(length: number, db: number, seed = 1): Float32Array {
  let s = seed;
  const level = 10 ** (db / 20);
  return Float32Array.from({ length }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return level * (2 * (s / 2147483648) - 1);
  });
}

/** Tone bursts of 0.4 s ("words") with the pauses between them, over a noise floor at -60 dBFS. */
function phrases(pauses: number[]): { x: Float32Array; words: number[] } {
  const word = 0.4 * RATE;
  const length = Math.round(word * (pauses.length + 1) + pauses.reduce((a, b) => a + b, 0) * RATE);
  const x = floor(length, -60);
  const words: number[] = [];
  let at = 0;
  for (let w = 0; w <= pauses.length; w++) {
    words.push(at);
    for (let i = 0; i < word; i++) x[at + i] += 0.3 * Math.sin((2 * Math.PI * 300 * i) / RATE);
    at += word + Math.round((pauses[w] ?? 0) * RATE);
  }
  return { x, words };
}

describe('findPauses', () => {
  it('cuts the middle of each pause longer than wanted, leaving it that long', () => {
    const { x } = phrases([0.2, 1, 3]);
    const cuts = findPauses([x], RATE, settings);
    expect(cuts).toHaveLength(2);
    // What is left of each pause: 0.5 s, give or take the 10 ms frames the level is measured in.
    expect((1 * RATE - (cuts[0].end - cuts[0].start)) / RATE).toBeCloseTo(0.5, 1);
    expect((3 * RATE - (cuts[1].end - cuts[1].start)) / RATE).toBeCloseTo(0.5, 1);
    const y = removeStretches(x, cuts, 0.01 * RATE);
    expect(y.length / RATE).toBeCloseTo(4 * 0.4 + 0.2 + 0.5 + 0.5, 1);
  });

  it('keeps every word: the output holds the same tone energy', () => {
    const { x } = phrases([2, 2]);
    const y = removeStretches(x, findPauses([x], RATE, settings), 0.01 * RATE);
    const energy = (s: Float32Array) => s.reduce((e, v) => e + v * v, 0);
    expect(energy(y) / energy(x)).toBeGreaterThan(0.999);
  });

  it('finds no pause where the noise floor is over the threshold, or where any channel sounds', () => {
    const { x } = phrases([2]);
    expect(findPauses([x], RATE, { thresholdDb: -70, pauseSeconds: 0.5 })).toEqual([]);
    const right = Float32Array.from(x, (_, i) => 0.1 * Math.sin((2 * Math.PI * 200 * i) / RATE));
    expect(findPauses([x, right], RATE, settings)).toEqual([]);
    expect(findPauses([new Float32Array(0)], RATE, settings)).toEqual([]);
  });

  it('shortens a pause at either end of the audio too', () => {
    const x = new Float32Array(3 * RATE);
    x.fill(0.5, RATE, 2 * RATE);
    const cuts = findPauses([x], RATE, settings);
    expect(cuts).toEqual([
      { start: 0.25 * RATE, end: 0.75 * RATE },
      { start: 2.25 * RATE, end: 2.75 * RATE },
    ]);
  });
});

describe('findSounds', () => {
  it('finds each phrase, words closer than the longest pause joined, to within a 10 ms frame', () => {
    const { x, words } = phrases([0.2, 1, 3]);
    const sounds = findSounds([x], RATE, settings);
    const frame = 0.01 * RATE;
    expect(sounds).toHaveLength(3); // the first two words 0.2 s apart are one sound
    expect(Math.abs(sounds[0].start - words[0])).toBeLessThanOrEqual(frame);
    expect(Math.abs(sounds[0].end - (words[1] + 0.4 * RATE))).toBeLessThanOrEqual(frame);
    expect(Math.abs(sounds[2].start - words[3])).toBeLessThanOrEqual(frame);
    expect(findSounds([floor(RATE, -60)], RATE, settings)).toEqual([]);
  });
});

describe('removeStretches', () => {
  it('takes exactly the cut out, keeps every sample away from the joins, and crossfades each join', () => {
    const x = floor(RATE, -50, 7);
    const cuts = [
      { start: 4000, end: 6000 },
      { start: 9000, end: 9500 },
    ];
    const y = removeStretches(x, cuts, 160);
    expect(y.length).toBe(RATE - 2500);
    expect(y.subarray(0, 3920)).toEqual(x.subarray(0, 3920));
    expect(y.subarray(4080, 6920)).toEqual(x.subarray(6080, 8920));
    expect(y.subarray(7080)).toEqual(x.subarray(9580));
    // Across the join the noise keeps its level (equal power), with no step.
    const rms = (s: Float32Array) => Math.sqrt(s.reduce((e, v) => e + v * v, 0) / s.length);
    expect(rms(y.subarray(3920, 4080)) / rms(x)).toBeGreaterThan(0.7);
    expect(rms(y.subarray(3920, 4080)) / rms(x)).toBeLessThan(1.3);
  });

  it('joins without a crossfade where no audio is left on one side', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => i);
    expect([...removeStretches(x, [{ start: 0, end: 10 }], 16)]).toEqual([...x.subarray(10)]);
    expect(removeStretches(x, [{ start: 90, end: 120 }], 16)).toEqual(x.subarray(0, 90));
  });
});

describe('afterCuts', () => {
  it('moves positions back by what was cut before them', () => {
    const at = afterCuts([
      { start: 10, end: 20 },
      { start: 30, end: 35 },
    ]);
    expect([0, 10, 15, 20, 25, 30, 40].map(at)).toEqual([0, 10, 10, 10, 15, 20, 25]);
  });
});
