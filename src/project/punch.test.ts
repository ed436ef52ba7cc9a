import { describe, expect, it } from 'vitest';
import { punchedAudio } from './punch';

const ramp = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => from + i);
const ones = (r: { start: number; end: number }) => [new Float32Array(r.end - r.start).fill(-1)];

describe('the part of a take that is punched in', () => {
  it('is the take inside the range, where the timeline has it, crossfaded at the edges', () => {
    // The take began 100 samples before the punch-in point (pre-roll) and ran 50 past the punch-out point.
    const punch = punchedAudio([ramp(350, 1000)], 900, { start: 1000, end: 1200 }, ones, 10)!;
    expect(punch.range).toEqual({ start: 1000, end: 1200 });
    const out = punch.channels[0];
    expect(out.length).toBe(200);
    expect(out[100]).toBe(1000 + 200); // timeline sample 1100 is take sample 200
    // The crossfade starts on the track's own audio and ends on it: equal power, so the first sample is the track's
    // cos(pi/40) and the take's sin(pi/40).
    const [w, v] = [Math.sin(Math.PI / 40), Math.cos(Math.PI / 40)];
    expect(out[0]).toBeCloseTo(-v + 1100 * w, 3);
    expect(out[199]).toBeCloseTo(-v + 1299 * w, 3);
  });

  it('stops where the recording did, runs on until then without an end, and is null before the punch-in point', () => {
    expect(punchedAudio([ramp(150)], 900, { start: 1000, end: 1200 }, ones, 0)!.range).toEqual({
      start: 1000,
      end: 1050,
    });
    expect(punchedAudio([ramp(500)], 900, { start: 1000, end: Infinity }, ones, 0)!.range).toEqual({
      start: 1000,
      end: 1400,
    });
    expect(punchedAudio([ramp(100)], 900, { start: 1000, end: 1200 }, ones, 0)).toBeNull();
  });
});
