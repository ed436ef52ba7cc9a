import { describe, expect, it } from 'vitest';
import { correctionCurve, correctPitch, intonation, nearestNote, type PitchCorrection } from './pitch-correct';
import { trackPitch } from './pitch-track';
import { noise } from './signals';

const RATE = 48000;
const CHROMATIC: PitchCorrection = { tonic: null, mode: 'major', speedMs: 0, strength: 100 };
const C_MAJOR: PitchCorrection = { ...CHROMATIC, tonic: 0 };

const sine = (hz: number, seconds = 2, level = 0.1) =>
  Float32Array.from({ length: seconds * RATE }, (_, i) => level * Math.sin((2 * Math.PI * hz * i) / RATE));

/** The frequency of a sine between 0.5 s and 1.5 s, from its rising zero crossings (placed between samples): an
 * estimate that shares nothing with the tracker. */
function crossingHz(x: Float32Array): number {
  const crossings: number[] = [];
  for (let i = 0.5 * RATE; i < 1.5 * RATE; i++)
    if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - 1 + x[i - 1] / (x[i - 1] - x[i]));
  return ((crossings.length - 1) * RATE) / (crossings[crossings.length - 1] - crossings[0]);
}

const cents = (hz: number, reference: number) => 1200 * Math.log2(hz / reference);
const rmsDb = (x: Float32Array) => 10 * Math.log10(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('pitch tracker', () => {
  it('hears a sine within 2 cents from 80 Hz to 900 Hz, and nothing in silence or noise', () => {
    for (const hz of [80, 220, 440, 900]) {
      const track = trackPitch(sine(hz, 1), RATE);
      const voiced = [...track.hz].filter((v) => v > 0);
      expect(voiced.length).toBeGreaterThan(0.95 * track.hz.length);
      for (const v of voiced) expect(Math.abs(cents(v, hz))).toBeLessThan(2);
    }
    expect(trackPitch(new Float32Array(RATE), RATE).hz.every((v) => v === 0)).toBe(true);
    const hiss = trackPitch(noise('white', 0.1, RATE), RATE).hz;
    expect(hiss.filter((v) => v > 0).length).toBeLessThan(0.05 * hiss.length);
  });
});

describe('nearest note', () => {
  it('takes the scale nearest note and holds a note until the voice is 20 cents nearer another', () => {
    expect(nearestNote(69.3, CHROMATIC)).toBe(69);
    expect(nearestNote(69.8, C_MAJOR)).toBe(69); // Bb is not in C major; A is nearer than B
    expect(nearestNote(69.8, { ...C_MAJOR, tonic: 5 })).toBe(70); // it is in F major
    expect(nearestNote(69.55, CHROMATIC, 69)).toBe(69);
    expect(nearestNote(69.65, CHROMATIC, 69)).toBe(70);
    expect(nearestNote(69, { ...C_MAJOR, tonic: 1 }, 69)).toBe(68); // A held, then D-flat major: let go, to Ab
  });
});

describe('pitch correction', () => {
  it('pulls a flat A to 440 Hz at full strength and halfway at half strength, its level kept', () => {
    const flat = sine(430); // 40 cents flat
    const tuned = correctPitch([flat], RATE, CHROMATIC)[0];
    expect(Math.abs(cents(crossingHz(tuned), 440))).toBeLessThan(2);
    expect(Math.abs(rmsDb(tuned) - rmsDb(flat))).toBeLessThan(0.5);
    const half = correctPitch([flat], RATE, { ...CHROMATIC, strength: 50 })[0];
    expect(Math.abs(cents(crossingHz(half), 440) + 20)).toBeLessThan(2);
  });

  it('keeps to the scale: 460 Hz goes to A in C major and to Bb in F major', () => {
    expect(Math.abs(cents(crossingHz(correctPitch([sine(460)], RATE, C_MAJOR)[0]), 440))).toBeLessThan(2);
    const fMajor = correctPitch([sine(460)], RATE, { ...C_MAJOR, tonic: 5 })[0];
    expect(Math.abs(cents(crossingHz(fMajor), 466.16))).toBeLessThan(2);
  });

  it('gives back what needs no correction bit for bit: a note in tune, noise, silence', () => {
    for (const x of [sine(440), noise('pink', 0.1, 2 * RATE), new Float32Array(RATE)])
      expect(correctPitch([x], RATE, CHROMATIC)[0]).toEqual(x);
  });

  it('gives back what follows a corrected note bit for bit, to the last sample', () => {
    const x = new Float32Array(2.5 * RATE);
    x.set(sine(430).subarray(0, 1.5 * RATE));
    x.set(noise('pink', 0.1, RATE), 1.5 * RATE);
    const y = correctPitch([x], RATE, CHROMATIC)[0];
    expect(Math.abs(cents(crossingHz(y), 440))).toBeLessThan(2);
    const after = Math.round(1.55 * RATE);
    expect(y.subarray(after)).toEqual(x.subarray(after));
  });

  it('moves every channel alike, so a stereo image stays', () => {
    const left = sine(430);
    const right = left.map((v) => -0.5 * v);
    const [l, r] = correctPitch([left, right], RATE, CHROMATIC);
    for (let i = 0; i < l.length; i += 97) expect(r[i]).toBeCloseTo(-0.5 * l[i], 6);
  });

  it('flattens a vibrato at once, and with a slow retune keeps it and moves only its centre to the note', () => {
    // 220 Hz 20 cents flat, swinging 30 cents either way 5.5 times a second, with harmonics (a voice's shape).
    const sung = new Float32Array(3 * RATE);
    for (let i = 0, phase = 0; i < sung.length; i++) {
      phase += (2 * Math.PI * 220 * 2 ** ((-20 + 30 * Math.sin((2 * Math.PI * 5.5 * i) / RATE)) / 1200)) / RATE;
      sung[i] = 0.1 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase));
    }
    const centsOf = (x: Float32Array) =>
      [...trackPitch(x, RATE).hz]
        .slice(100, -100)
        .filter((hz) => hz > 0)
        .map((hz) => cents(hz, 220));
    const spread = (c: number[]) => Math.max(...c) - Math.min(...c);
    const mean = (c: number[]) => c.reduce((s, v) => s + v, 0) / c.length;
    const flattened = centsOf(correctPitch([sung], RATE, CHROMATIC)[0]);
    expect(spread(centsOf(sung))).toBeGreaterThan(50);
    expect(spread(flattened)).toBeLessThan(10);
    const kept = centsOf(correctPitch([sung], RATE, { ...CHROMATIC, speedMs: 400 })[0]);
    expect(spread(kept) / spread(centsOf(sung))).toBeGreaterThan(0.8);
    expect(Math.abs(mean(kept))).toBeLessThan(5);
    expect(mean(centsOf(sung))).toBeLessThan(-15);
  });

  it("with Humanize keeps a held note's vibrato (its centre still moved to the note) and still lands short notes", () => {
    const hop = RATE / 200; // a frame every 5 ms
    const frames = (f: (k: number) => number, n: number) => ({
      hop,
      offset: 0,
      hz: Float32Array.from({ length: n }, (_, k) => 440 * 2 ** ((f(k) - 69) / 12)),
    });
    // A3 20 cents flat, swinging 30 cents either way 5.5 times a second, for 3 s.
    const held = frames((k) => 57 - 0.2 + 0.3 * Math.sin(2 * Math.PI * 5.5 * k * 0.005), 600);
    const placed = (settings: PitchCorrection) => {
      const curve = correctionCurve(held, RATE, settings);
      return [...held.hz].map((hz, k) => 12 * Math.log2(hz / 440) + 69 + curve[k] / 100).slice(200);
    };
    const spread = (m: number[]) => 100 * (Math.max(...m) - Math.min(...m));
    const mean = (m: number[]) => m.reduce((s, v) => s + v, 0) / m.length;
    expect(spread(placed(CHROMATIC))).toBeLessThan(1); // at once: flat
    const humanized = placed({ ...CHROMATIC, humanize: 100 });
    expect(spread(humanized)).toBeGreaterThan(0.6 * 60);
    expect(Math.abs(100 * (mean(humanized) - 57))).toBeLessThan(5);
    // Notes of 120 ms, each 30 cents flat: too short for Humanize to slow, each lands on its note.
    const short = frames((k) => [60.7, 62.7][Math.floor(k / 24) % 2], 240);
    const curve = correctionCurve(short, RATE, { ...CHROMATIC, humanize: 100 });
    for (const c of curve) expect(c).toBeCloseTo(30, 1);
  });

  it('within a range (Flex-Tune) corrects the notes held near their pitch and leaves a slide between them as sung', () => {
    const hop = RATE / 200;
    // C4 10 cents flat for 100 ms, a slide to D4 over 400 ms, D4 10 cents flat for 100 ms.
    const midi = (k: number) => (k < 20 ? 59.9 : k < 100 ? 59.9 + (2 * (k - 20)) / 80 : 61.9);
    const track = {
      hop,
      offset: 0,
      hz: Float32Array.from({ length: 120 }, (_, k) => 440 * 2 ** ((midi(k) - 69) / 12)),
    };
    const curve = correctionCurve(track, RATE, { ...CHROMATIC, withinCents: 20 });
    expect(curve[15]).toBeCloseTo(10, 1);
    expect(curve[115]).toBeCloseTo(10, 1);
    // On the slide: 40 and 35 cents off the nearest note, left as sung; 10 cents under C#4, pulled onto it.
    expect(curve[40]).toBe(0);
    expect(curve[50]).toBe(0);
    expect(curve[60]).toBeCloseTo(10, 1);
    const everywhere = correctionCurve(track, RATE, CHROMATIC);
    expect(everywhere[40]).toBeCloseTo(-40, 1); // without the range: every step of the slide onto a note
  });

  it('follows with the retune speed: a 100 ms time constant has made 63 % of the correction after 100 ms', () => {
    const hop = RATE / 200;
    const track = { hop, offset: 0, hz: new Float32Array(100).fill(430) };
    const curve = correctionCurve(track, RATE, { ...CHROMATIC, speedMs: 100 });
    const full = cents(440, 430);
    expect(curve[19] / full).toBeCloseTo(1 - Math.exp(-1), 1);
    expect(curve[99] / full).toBeGreaterThan(0.99);
    expect(correctionCurve(track, RATE, CHROMATIC)[0]).toBeCloseTo(full, 0);
  });

  it('measures intonation: a flat note is 40 cents off before and within 2 after', () => {
    const before = intonation(trackPitch(sine(430), RATE), CHROMATIC);
    const after = intonation(trackPitch(correctPitch([sine(430)], RATE, CHROMATIC)[0], RATE), CHROMATIC);
    expect(Math.abs((before?.medianCents ?? 0) - cents(440, 430))).toBeLessThan(1);
    expect(after?.medianCents).toBeLessThan(2);
    expect(intonation(trackPitch(new Float32Array(RATE), RATE), CHROMATIC)).toBeNull();
  });
});
