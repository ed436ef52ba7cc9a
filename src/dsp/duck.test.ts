import { describe, expect, it } from 'vitest';
import { duck, voiceSpans } from './duck';

const RATE = 8000;

/** `seconds` of silence with a 300 Hz tone at `amplitude` over each [from, to) span (seconds). */
function tones(seconds: number, amplitude: number, ...spans: [number, number][]): Float32Array {
  const x = new Float32Array(seconds * RATE);
  for (const [from, to] of spans)
    for (let i = from * RATE; i < to * RATE; i++) x[i] = amplitude * Math.sin((2 * Math.PI * 300 * i) / RATE);
  return x;
}

const db = (v: number) => 20 * Math.log10(v);

describe('voiceSpans', () => {
  it('hears the voice over the threshold, joining pauses under a second', () => {
    const voice = tones(7, 0.1, [1, 2], [2.5, 3], [5, 6]);
    expect(voiceSpans([voice], RATE, -30).map((s) => [s.start / RATE, s.end / RATE])).toEqual([
      [1, 3],
      [5, 6],
    ]);
  });

  it('hears nothing under the threshold', () => {
    expect(voiceSpans([tones(3, 0.01, [1, 2])], RATE, -30)).toEqual([]);
    expect(voiceSpans([new Float32Array(0)], RATE, -30)).toEqual([]);
  });
});

describe('duck', () => {
  const bed = new Float32Array(4 * RATE).fill(0.5);
  const spans = [{ start: 2 * RATE, end: 3 * RATE }];

  it('is down by the amount under the voice, halfway (in dB) midway through each fade, and untouched away from it', () => {
    const [out] = duck([bed], 0, spans, RATE, -12);
    expect(db(out[2.5 * RATE] / 0.5)).toBeCloseTo(-12, 5);
    expect(db(out[1.75 * RATE] / 0.5)).toBeCloseTo(-6, 1);
    expect(db(out[3.25 * RATE] / 0.5)).toBeCloseTo(-6, 1);
    expect(out.subarray(0, 1.5 * RATE)).toEqual(bed.subarray(0, 1.5 * RATE));
    expect(out.subarray(3.5 * RATE + 1)).toEqual(bed.subarray(3.5 * RATE + 1));
  });

  it('reads the spans on their own clock when the audio starts later, and turns every channel alike', () => {
    const [whole] = duck([bed], 0, spans, RATE, -12);
    const [left, right] = duck([bed.subarray(RATE), bed.subarray(RATE)], RATE, spans, RATE, -12);
    expect(left).toEqual(whole.subarray(RATE));
    expect(right).toEqual(left);
  });
});
