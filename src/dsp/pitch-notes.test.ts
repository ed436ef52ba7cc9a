import { describe, expect, it } from 'vitest';
import { findNotes, keyOfNotes, shiftNotes } from './pitch-notes';
import { trackPitch } from './pitch-track';
import { RATE as SYLLABLE_RATE, starts, syllables } from './align.fixture';

const RATE = 48000;
const hzOf = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** Notes played one after another (MIDI numbers, fractional for cents), 0.4 s each, with harmonics and no gaps. */
function melody(notes: number[], seconds = 0.4): Float32Array {
  const x = new Float32Array(Math.round(notes.length * seconds * RATE));
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    phase += (2 * Math.PI * hzOf(notes[Math.floor(i / (seconds * RATE))])) / RATE;
    x[i] = 0.1 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase));
  }
  return x;
}

const medianHz = (x: Float32Array, from: number, to: number) => {
  const hz = [...trackPitch(x.subarray(Math.round(from * RATE), Math.round(to * RATE)), RATE).hz].filter((v) => v > 0);
  return hz.sort((a, b) => a - b)[Math.floor(hz.length / 2)];
};

describe('notes of a line', () => {
  it('finds each note with its span and median pitch, a note sung sharp as sung', () => {
    const notes = findNotes(trackPitch(melody([60, 64.3, 67]), RATE), 1.2 * RATE, RATE);
    expect(notes.map((n) => Math.round(n.midi * 10) / 10)).toEqual([60, 64.3, 67]);
    const edges = notes.flatMap((n) => [n.start / RATE, n.end / RATE]);
    [0, 0.4, 0.4, 0.8, 0.8, 1.2].forEach((t, i) => expect(Math.abs(edges[i] - t)).toBeLessThan(0.03));
  });

  it('finds none in silence, and leaves out a blip shorter than 60 ms', () => {
    expect(findNotes(trackPitch(new Float32Array(RATE), RATE), RATE, RATE)).toEqual([]);
    const blip = new Float32Array(RATE);
    blip.set(melody([69], 0.04), RATE / 2);
    expect(findNotes(trackPitch(blip, RATE), RATE, RATE)).toEqual([]);
  });
});

describe('moving a note', () => {
  it('moves one note to where it is asked and leaves the others bit for bit', () => {
    const x = melody([60, 64.3, 67]);
    const [, second] = findNotes(trackPitch(x, RATE), x.length, RATE);
    const y = shiftNotes([x], RATE, [{ start: second.start, end: second.end, cents: 170, midi: second.midi }], 0)[0];
    expect(Math.abs(1200 * Math.log2(medianHz(y, 0.45, 0.75) / hzOf(66)))).toBeLessThan(2);
    const before = Math.round(second.start - 0.02 * RATE);
    expect(y.subarray(0, before)).toEqual(x.subarray(0, before));
    const after = Math.round(second.end + 0.02 * RATE);
    expect(y.subarray(after)).toEqual(x.subarray(after));
  });

  it('reads the shifts on the timeline: a piece starting later is moved where the timeline says', () => {
    const x = melody([60, 64, 67]);
    const shift = { start: 1.4 * RATE, end: 1.8 * RATE, cents: -100, midi: 64 }; // the second note, the piece at 1 s
    const y = shiftNotes([x], RATE, [shift], RATE)[0];
    expect(Math.abs(1200 * Math.log2(medianHz(y, 0.45, 0.75) / hzOf(63)))).toBeLessThan(2);
    expect(shiftNotes([x], RATE, [{ ...shift, cents: 0 }], RATE)[0]).toEqual(x);
  });
});

describe('the key of a line', () => {
  const line = (midis: number[]) => midis.map((midi, i) => ({ start: i * 100, end: (i + 1) * 100, midi }));

  it('hears the key its notes are in, and says nothing from too few pitch classes', () => {
    expect(keyOfNotes(line([62, 64, 65, 67, 69, 70, 72, 74, 69, 65, 62]))).toEqual({ tonic: 2, mode: 'minor' }); // D minor
    expect(keyOfNotes(line([67, 69, 71, 72, 74, 76, 78, 79, 74, 71, 67]))).toEqual({ tonic: 7, mode: 'major' }); // G major
    expect(keyOfNotes(line([60, 64, 67, 64, 60]))).toBeNull();
  });
});

describe('straightening a note', () => {
  it('draws a vibrato to the note by the share asked: 100 % flattens it, 50 % halves it, the centre kept', () => {
    // 1 s of A3 swinging 40 cents either way 5 times a second.
    const x = new Float32Array(RATE);
    for (let i = 0, phase = 0; i < x.length; i++) {
      phase += (2 * Math.PI * 220 * 2 ** ((40 * Math.sin((2 * Math.PI * 5 * i) / RATE)) / 1200)) / RATE;
      x[i] = 0.1 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase));
    }
    const swing = (y: Float32Array) => {
      const cents = [...trackPitch(y, RATE).hz]
        .slice(30, -30)
        .filter((hz) => hz > 0)
        .map((hz) => 1200 * Math.log2(hz / 220));
      return { spread: Math.max(...cents) - Math.min(...cents), mean: cents.reduce((s, c) => s + c, 0) / cents.length };
    };
    const note = { start: 0, end: RATE, cents: 0, midi: 57 };
    const before = swing(x);
    const flat = swing(shiftNotes([x], RATE, [{ ...note, straighten: 100 }], 0)[0]);
    const half = swing(shiftNotes([x], RATE, [{ ...note, straighten: 50 }], 0)[0]);
    expect(before.spread).toBeGreaterThan(70);
    expect(flat.spread).toBeLessThan(10);
    expect(half.spread / before.spread).toBeGreaterThan(0.4);
    expect(half.spread / before.spread).toBeLessThan(0.6);
    expect(Math.abs(flat.mean)).toBeLessThan(3);
  });
});

describe('moving a note in time', () => {
  it('moves one syllable 50 ms later, its neighbours where they were and untouched stretches bit for bit', () => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const x = syllables(onsets);
    const notes = findNotes(trackPitch(x, SYLLABLE_RATE), x.length, SYLLABLE_RATE);
    expect(notes).toHaveLength(6);
    const later = Math.round(0.05 * SYLLABLE_RATE);
    const shifts = notes.map((n, k) => ({ ...n, cents: 0, later: k === 2 ? later : 0 }));
    const [out] = shiftNotes([x], SYLLABLE_RATE, shifts, 0);
    const found = starts(out);
    expect(found).toHaveLength(6);
    // Within WSOLA's 10 ms: each frame is read where it best continues the last.
    found.forEach((t, k) => expect(Math.abs(t - onsets[k] - (k === 2 ? 0.05 : 0))).toBeLessThan(0.01));
    // From the start to the end of the second syllable, and from the fourth on, nothing moved.
    expect(out.subarray(0, notes[1].end)).toEqual(x.subarray(0, notes[1].end));
    expect(out.subarray(notes[3].start)).toEqual(x.subarray(notes[3].start));
  });

  it('refuses a move over a neighbour', () => {
    const x = syllables([0.2, 0.6, 1.0, 1.4, 1.9, 2.4]);
    const notes = findNotes(trackPitch(x, SYLLABLE_RATE), x.length, SYLLABLE_RATE);
    const shifts = notes.map((n, k) => ({ ...n, cents: 0, later: k === 2 ? Math.round(0.5 * SYLLABLE_RATE) : 0 }));
    expect(() => shiftNotes([x], SYLLABLE_RATE, shifts, 0)).toThrow(/over its neighbour/);
  });
});
