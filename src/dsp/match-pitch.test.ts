import { describe, expect, it } from 'vitest';
import { guidePitch, matchPitch } from './match-pitch';
import { trackPitch } from './pitch-track';

const RATE = 22050;

/** Notes sung 0.4 s each (MIDI, fractional for cents), wavering `vibrato` cents at 5.5 Hz, with three harmonics. */
function sung(notes: number[], vibrato = 0): Float32Array {
  const x = new Float32Array(Math.round(notes.length * 0.4 * RATE));
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const midi = notes[Math.floor(i / (0.4 * RATE))] + (vibrato / 100) * Math.sin((2 * Math.PI * 5.5 * i) / RATE);
    phase += (2 * Math.PI * 440 * 2 ** ((midi - 69) / 12)) / RATE;
    x[i] = 0.1 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return x;
}

/** The median pitch (MIDI) of each 0.4 s note, from 0.1 s in to 0.1 s before its end. */
function noteMidis(x: Float32Array, count: number): number[] {
  return Array.from({ length: count }, (_, k) => {
    const part = x.subarray(Math.round((0.4 * k + 0.1) * RATE), Math.round((0.4 * k + 0.3) * RATE));
    const hz = [...trackPitch(part, RATE).hz].filter((v) => v > 0).sort((a, b) => a - b);
    return 69 + 12 * Math.log2(hz[Math.floor(hz.length / 2)] / 440);
  });
}

describe('matching a take to a guide', () => {
  const guide = sung([60, 64, 67]);
  const lead = guidePitch(trackPitch(guide, RATE), 0);

  it("moves a take's notes onto the guide's, a take an octave under staying under", () => {
    const take = sung([60.3, 64.35, 66.7], 20);
    const matched = matchPitch([take], RATE, lead, 100, 0)[0];
    noteMidis(matched, 3).forEach((m, k) => expect(Math.abs(m - [60, 64, 67][k])).toBeLessThan(0.05));
    const under = matchPitch([sung([48.3, 52.35, 54.7])], RATE, lead, 100, 0)[0];
    noteMidis(under, 3).forEach((m, k) => expect(Math.abs(m - [48, 52, 55][k])).toBeLessThan(0.05));
    // Half the way at 50 %.
    const half = matchPitch([sung([60.4, 64.4, 67.4])], RATE, lead, 50, 0)[0];
    noteMidis(half, 3).forEach((m, k) => expect(Math.abs(m - [60.2, 64.2, 67.2][k])).toBeLessThan(0.05));
  });

  it('reads the guide on the timeline: a piece that starts later is matched to the guide there', () => {
    const take = sung([64.3, 67.3]); // the guide's second and third notes, from 0.4 s
    const matched = matchPitch([take], RATE, lead, 100, Math.round(0.4 * RATE))[0];
    noteMidis(matched, 2).forEach((m, k) => expect(Math.abs(m - [64, 67][k])).toBeLessThan(0.05));
  });
});
