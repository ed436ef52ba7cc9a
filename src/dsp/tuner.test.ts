import { describe, expect, it } from 'vitest';
import { noise } from './signals';
import { tunerReading } from './tuner';

const RATE = 48000;
/** 100 ms of a tone with harmonics, as an instrument's note. */
const note = (hz: number) =>
  Float32Array.from({ length: 0.1 * RATE }, (_, i) => {
    const phase = (2 * Math.PI * hz * i) / RATE;
    return 0.2 * (Math.sin(phase) + 0.4 * Math.sin(2 * phase) + 0.2 * Math.sin(3 * phase));
  });

describe('tuner', () => {
  it('names the nearest note and how many cents it is off, from a tenth of a second', () => {
    expect(tunerReading(note(440), RATE)).toMatchObject({ note: 'A4', cents: 0 });
    expect(tunerReading(note(440 * 2 ** (-12 / 1200)), RATE)).toMatchObject({ note: 'A4', cents: -12 });
    expect(tunerReading(note(82.41), RATE)).toMatchObject({ note: 'E2', cents: 0 }); // a guitar's low string
    expect(tunerReading(note(277.18 * 2 ** (30 / 1200)), RATE)).toMatchObject({ note: 'C#4', cents: 30 });
  });

  it('reads nothing in silence or noise, or where the sound is too short to have a pitch', () => {
    expect(tunerReading(new Float32Array(0.1 * RATE), RATE)).toBeNull();
    expect(tunerReading(noise('white', 0.2, 0.1 * RATE), RATE)).toBeNull();
    expect(tunerReading(note(440).subarray(0, 500), RATE)).toBeNull();
  });
});
