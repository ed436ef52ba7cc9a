import { describe, expect, it } from 'vitest';
import { chroma, estimateKey } from './key';

const RATE = 16000;
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Chords (MIDI notes), one per second, each note with `harmonics` partials at 1/h. */
function progression(chords: number[][], harmonics = 3): Float32Array {
  const out = new Float32Array(chords.length * RATE);
  chords.forEach((chord, c) => {
    for (let i = 0; i < RATE; i++) {
      const t = i / RATE;
      let v = 0;
      for (const note of chord)
        for (let h = 1; h <= harmonics; h++) v += (0.1 / h) * Math.sin(2 * Math.PI * hz(note) * h * t);
      out[c * RATE + i] = v * Math.min(1, (RATE - i) / 800);
    }
  });
  return out;
}

describe('key', () => {
  it('names C major from I-IV-V-I and A minor from i-iv-V-i', () => {
    const cMajor = progression([
      [48, 60, 64, 67],
      [53, 60, 65, 69],
      [55, 59, 62, 67],
      [48, 60, 64, 67],
    ]);
    expect(estimateKey(cMajor, RATE)).toMatchObject({ tonic: 'C', mode: 'major' });
    const aMinor = progression([
      [45, 57, 60, 64],
      [50, 57, 62, 65],
      [52, 56, 59, 64],
      [45, 57, 60, 64],
    ]);
    expect(estimateKey(aMinor, RATE)).toMatchObject({ tonic: 'A', mode: 'minor' });
  });

  it("names G major from I-vi-IV-V over a heavy bass (the relative minor's chord is as long as the tonic's)", () => {
    const roots = [43, 40, 36, 38]; // G, E, C, D
    const triads = [
      [67, 71, 74],
      [64, 67, 71],
      [60, 64, 67],
      [62, 66, 69],
    ];
    const chords = [0, 1, 2, 3, 0, 1, 2, 3].map((i) => [roots[i], roots[i], roots[i], roots[i] - 12, ...triads[i]]);
    expect(estimateKey(progression(chords, 6), RATE)).toMatchObject({ tonic: 'G', mode: 'major' });
  });

  it('follows a transposition: the same progression up a major third is E major', () => {
    const eMajor = progression([
      [52, 64, 68, 71],
      [57, 64, 69, 73],
      [59, 63, 66, 71],
      [52, 64, 68, 71],
    ]);
    expect(estimateKey(eMajor, RATE)).toMatchObject({ tonic: 'E', mode: 'major' });
  });

  it("puts a bass note in its own pitch class, not a neighbour's, though it lies between two bins", () => {
    // E1 (41.2 Hz) sits between the bins at 39.1 Hz (nearer D#) and 43.0 Hz (nearer F).
    const bass = progression([[28], [28], [28]], 1);
    const profile = chroma(bass, RATE, { minHz: 40, maxHz: 2000, peaks: true });
    expect(profile.indexOf(Math.max(...profile))).toBe(4);
  });

  it('says nothing about drums alone (noise bursts on the beat), silence, or a clip too short', () => {
    let seed = 3;
    const noise = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 31 - 1;
    };
    const drums = Float32Array.from({ length: 4 * RATE }, (_, i) => (i % (RATE / 2) < 1600 ? 0.5 * noise() : 0));
    expect(estimateKey(drums, RATE)).toBeNull();
    expect(estimateKey(new Float32Array(3 * RATE), RATE)).toBeNull();
    expect(estimateKey(new Float32Array(RATE), RATE)).toBeNull();
  });
});
