import { describe, expect, it } from 'vitest';
import { attenuateToSurroundings, surroundingsOf, surroundingsProfile } from './attenuate';
import { describeBand } from './band';
import { noise, toneLevelDb } from './noise.fixture';

const RATE = 44100;

const tone = (length: number, hz: number, level: number) =>
  Float32Array.from({ length }, (_, i) => level * Math.SQRT2 * Math.sin((2 * Math.PI * hz * i) / RATE));
const energyDb = (x: Float32Array) => 10 * Math.log10(x.reduce((a, v) => a + v * v, 0));

/** Three seconds of hiss at -40 dBFS with a 1 kHz tone at -20 dBFS over the middle second (the mark). */
function marked() {
  const bed = noise(3 * RATE, 0.01);
  const event = new Float32Array(3 * RATE);
  event.set(tone(RATE, 1000, 0.1), RATE);
  const mixture = bed.map((v, i) => v + event[i]);
  const [before, after] = surroundingsOf(RATE, 2 * RATE, RATE).map((r) => [mixture.slice(r.start, r.end)]);
  const part = (x: Float32Array) => x.slice(RATE, 2 * RATE);
  return { bed, event, mixture, profile: surroundingsProfile([before, after], RATE), part };
}

describe('attenuate to the surroundings', () => {
  it('brings the marked sound down to the bed and keeps the bed', () => {
    const { bed, event, mixture, profile, part } = marked();
    expect(profile.size).toBe(2048);
    const made = attenuateToSurroundings([part(mixture)], RATE, profile, {
      levelDb: 0,
      follow: [part(event), part(bed)],
    });
    expect(made.channels[0]).toHaveLength(RATE);
    const [eventLeft, bedLeft] = made.follow;
    expect(energyDb(part(event)) - energyDb(eventLeft)).toBeGreaterThan(15);
    expect(Math.abs(energyDb(bedLeft) - energyDb(part(bed)))).toBeLessThan(1);
    // At the mark's edges the change eases in and out: the first and last samples are the recording's own.
    expect(made.channels[0][0]).toBe(part(mixture)[0]);
    expect(made.channels[0][RATE - 1]).toBe(part(mixture)[RATE - 1]);
    // The result is the parts' sum: the gains are the same for what follows.
    const sum = eventLeft.map((v, i) => v + bedLeft[i]);
    expect(Math.max(...made.channels[0].map((v, i) => Math.abs(v - sum[i])))).toBeLessThan(1e-5);
  });

  it('barely touches a mark that holds only the bed', () => {
    const { bed, profile, part } = marked();
    const inside = part(bed);
    const [same] = attenuateToSurroundings([inside], RATE, profile, { levelDb: 0 }).channels;
    const change = same.map((v, i) => v - inside[i]);
    expect(energyDb(change) - energyDb(inside)).toBeLessThan(-15);
  });

  it('in a frequency band, takes down what is in it and leaves the rest of the spectrum as it was', () => {
    const { mixture, profile, part } = marked();
    const high = tone(RATE, 5000, 0.1);
    const inside = part(mixture).map((v, i) => v + high[i]);
    const band = { lowHz: 3000, highHz: 8000 };
    const [made] = attenuateToSurroundings([inside], RATE, profile, { levelDb: 0, band }).channels;
    const at = (x: Float32Array, hz: number) => toneLevelDb(x, hz, RATE);
    expect(at(inside, 5000) - at(made, 5000)).toBeGreaterThan(15);
    expect(Math.abs(at(inside, 1000) - at(made, 1000))).toBeLessThan(0.5);
    expect(describeBand(band)).toBe('3.0 kHz–8.0 kHz');
  });

  it('leaves silent stretches (gaps between clips) out of the profile', () => {
    const { mixture, profile } = marked();
    const gap = new Float32Array(RATE);
    const withGap = surroundingsProfile([[gap], [mixture.slice(0, RATE)], [mixture.slice(2 * RATE)]], RATE);
    const k = Math.round((1000 * profile.size) / RATE);
    expect(Math.abs(10 * Math.log10(withGap.level[k] / profile.level[k]))).toBeLessThan(0.5);
  });

  it('says what is missing instead of guessing', () => {
    const { mixture, profile, part } = marked();
    expect(() => surroundingsProfile([[new Float32Array(RATE)], []], RATE)).toThrow(/either side of the selection/);
    expect(() => attenuateToSurroundings([part(mixture)], 48000, profile, { levelDb: 0 })).toThrow(/44100 Hz/);
    expect(() => attenuateToSurroundings([part(mixture)], RATE, profile, { levelDb: 20 })).toThrow(/-12 to \+12 dB/);
    expect(surroundingsOf(RATE, 2 * RATE, RATE)[0]).toEqual({ start: 0, end: RATE });
  });
});
