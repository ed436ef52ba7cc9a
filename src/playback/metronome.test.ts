import { describe, expect, it } from 'vitest';
import { clicksBetween } from './metronome';

const grid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 }; // a beat every 0.5 s at any rate
const RATE = 1000;
const times = (clicks: { time: number; downbeat: boolean }[]) =>
  clicks.map((c) => `${c.time.toFixed(3)}${c.downbeat ? '!' : ''}`);

describe('the metronome’s schedule', () => {
  it('clicks the beats the timeline passes, at the context times they sound', () => {
    // Playing from 0.75 s (sample 750) at context time 10 s: beat 1.0 s sounds at 10.25 s.
    const clock = { from: 750, when: 10, rate: RATE };
    expect(times(clicksBetween(grid, RATE, clock, 10, 11.3))).toEqual(['10.250', '10.750', '11.250!']);
    // Topped up in pieces, the same clicks, none twice.
    const pieces = [10, 10.2, 10.5, 11, 11.3]
      .slice(1)
      .map((t1, i, ends) => clicksBetween(grid, RATE, clock, i ? ends[i - 1] : 10, t1));
    expect(times(pieces.flat())).toEqual(['10.250', '10.750', '11.250!']);
  });

  it('follows the playback speed, and clicks during a count-in before the timeline’s start', () => {
    expect(times(clicksBetween(grid, RATE, { from: 0, when: 0, rate: 2 * RATE }, 0, 1))).toEqual([
      '0.000!',
      '0.250',
      '0.500',
      '0.750',
    ]);
    // A bar of count-in: the timeline at -2 s when the clock starts.
    expect(times(clicksBetween(grid, RATE, { from: -2000, when: 5, rate: RATE }, 5, 7.1))).toEqual([
      '5.000!',
      '5.500',
      '6.000',
      '6.500',
      '7.000!',
    ]);
  });

  it('goes round a loop, each pass clicking the loop’s beats', () => {
    // Looping 0.25-1.25 s: beats at 0.5 s and 1.0 s, passes a second long.
    const clock = { from: 250, when: 0, rate: RATE, loop: { start: 250, end: 1250 } };
    expect(times(clicksBetween(grid, RATE, clock, 0, 3))).toEqual([
      '0.250',
      '0.750',
      '1.250',
      '1.750',
      '2.250',
      '2.750',
    ]);
    expect(times(clicksBetween(grid, RATE, clock, 1.5, 2.5))).toEqual(['1.750', '2.250']);
  });

  it('counts in before a loop, its passes starting when the count-in ends', () => {
    // A bar (2 s) of count-in before looping 0.25-1.25 s: the beats at -1.5, -1, -0.5 and 0 s of the timeline (0 s a
    // bar's first), then the loop's beats at 0.5 and 1.0 s in each pass from 2 s on.
    const clock = { from: 250 - 2000, when: 0, rate: RATE, loop: { start: 250, end: 1250 } };
    expect(times(clicksBetween(grid, RATE, clock, 0, 4))).toEqual([
      '0.250',
      '0.750',
      '1.250',
      '1.750!',
      '2.250',
      '2.750',
      '3.250',
      '3.750',
    ]);
  });
});
