import { describe, expect, it } from 'vitest';
import { INSTRUMENT_PROGRAMS, INSTRUMENTS, instrumentOf, renderLength, renderNotes, TAIL_SECONDS } from './instruments';
import { hzOf, type MidiNote } from './notes';

const RATE = 44100;
const note = (n: number, start: number, end: number, velocity = 100): MidiNote => ({
  startSeconds: start,
  endSeconds: end,
  note: n,
  velocity,
});
const rms = (x: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let i = Math.round(from * RATE); i < Math.round(to * RATE); i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (Math.round(to * RATE) - Math.round(from * RATE)));
};
const db = (ratio: number) => 20 * Math.log10(ratio);

/** The strongest frequency in a stretch, by a fine scan of the DFT around where a note could lie. */
function peakHz(x: Float32Array, from: number, to: number, lowHz: number, highHz: number): number {
  const a = Math.round(from * RATE);
  const b = Math.round(to * RATE);
  let best = { hz: 0, power: -1 };
  for (let hz = lowHz; hz <= highHz; hz += 0.25) {
    let re = 0;
    let im = 0;
    for (let i = a; i < b; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i - a)) / (b - a));
      re += w * x[i] * Math.cos((2 * Math.PI * hz * i) / RATE);
      im += w * x[i] * Math.sin((2 * Math.PI * hz * i) / RATE);
    }
    if (re * re + im * im > best.power) best = { hz, power: re * re + im * im };
  }
  return best.hz;
}

const cents = (hz: number, n: number) => 1200 * Math.log2(hz / hzOf(n));

describe('renderNotes', () => {
  it.each(INSTRUMENTS.filter((i) => i !== 'drums'))(
    '%s plays the note asked, in tune, from its start',
    (instrument) => {
      const x = renderNotes([note(57, 0.5, 3.5)], instrument, RATE); // A3, 220 Hz
      // Two seconds: two beats of a chorus's two oscillators, 8 cents apart, which a shorter look would take for a pitch.
      expect(Math.abs(cents(peakHz(x, 1, 3, 210, 230), 57))).toBeLessThan(5);
      expect(rms(x, 0, 0.499)).toBe(0);
      expect(rms(x, 0.5, 0.6)).toBeGreaterThan(0.02);
      expect(x.length).toBe(renderLength([note(57, 0.5, 3.5)], RATE));
      expect(x.length).toBe(Math.ceil((3.5 + TAIL_SECONDS) * RATE));
      expect(rms(x, 3.5 + TAIL_SECONDS - 0.3, 3.5 + TAIL_SECONDS - 0.01)).toBeLessThan(1e-3);
    },
  );

  it('lets a piano note die away while held and an organ note sound on', () => {
    const held = [note(60, 0, 3)];
    const piano = renderNotes(held, 'piano', RATE);
    const organ = renderNotes(held, 'organ', RATE);
    expect(db(rms(piano, 2.5, 2.9) / rms(piano, 0.1, 0.5))).toBeLessThan(-10);
    expect(Math.abs(db(rms(organ, 2.5, 2.9) / rms(organ, 0.1, 0.5)))).toBeLessThan(0.5);
    expect(db(rms(organ, 3.4, 3.6) / rms(organ, 0.1, 0.5))).toBeLessThan(-40); // let go: gone within 0.4 s
  });

  it('plays louder for a harder velocity, and a chord under full scale', () => {
    const soft = renderNotes([note(64, 0, 1, 40)], 'piano', RATE);
    const hard = renderNotes([note(64, 0, 1, 120)], 'piano', RATE);
    expect(db(rms(hard, 0, 0.5) / rms(soft, 0, 0.5))).toBeGreaterThan(10);
    const chord = renderNotes(
      [60, 64, 67].map((n) => note(n, 0, 1, 127)),
      'strings',
      RATE,
    );
    expect(chord.reduce((peak, v) => Math.max(peak, Math.abs(v)), 0)).toBeLessThan(1);
  });

  it('plays drums by their General MIDI notes: a low kick, a bright hat, each a short hit', () => {
    const kick = renderNotes([note(36, 0, 0.01)], 'drums', RATE);
    const hat = renderNotes([note(42, 0, 0.01)], 'drums', RATE);
    const lowShare = (x: Float32Array) => {
      let low = 0;
      let all = 0;
      let smooth = 0;
      for (let i = 0; i < 0.2 * RATE; i++) {
        smooth += 0.02 * (x[i] - smooth); // a one-pole low-pass near 140 Hz
        low += smooth * smooth;
        all += x[i] * x[i];
      }
      return low / all;
    };
    expect(lowShare(kick)).toBeGreaterThan(0.5);
    expect(lowShare(hat)).toBeLessThan(0.05);
    expect(rms(hat, 0.3, 0.5)).toBeLessThan(1e-4);
  });

  it('gives the same samples for the same notes', () => {
    const part = [note(38, 0, 0.1), note(42, 0.25, 0.3), note(36, 0.5, 0.6)];
    expect(renderNotes(part, 'drums', RATE)).toEqual(renderNotes(part, 'drums', RATE));
  });
});

describe('instrumentOf', () => {
  it('takes General MIDI programs to the nearest instrument, and the tenth channel to drums', () => {
    expect(instrumentOf(0, 0)).toBe('piano');
    expect(instrumentOf(4, 0)).toBe('electric-piano');
    expect(instrumentOf(19, 1)).toBe('organ');
    expect(instrumentOf(25, 1)).toBe('guitar');
    expect(instrumentOf(33, 2)).toBe('bass');
    expect(instrumentOf(48, 3)).toBe('strings');
    expect(instrumentOf(81, 4)).toBe('lead');
    expect(instrumentOf(0, 9)).toBe('drums');
  });

  it("is where each instrument's own program leads back", () => {
    for (const i of INSTRUMENTS) expect(instrumentOf(INSTRUMENT_PROGRAMS[i], i === 'drums' ? 9 : 0)).toBe(i);
  });
});
