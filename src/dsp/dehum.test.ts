import { describe, expect, it } from 'vitest';
import { applyEffect, effectLabel } from '../project/effects';
import { dehum } from './dehum';
import { findHum } from './find-hum';
import { mainsHum, programme } from './dehum.fixture';

const RATE = 16000;
const SECONDS = 5;
const keep = programme(SECONDS, RATE);
const hum = (hz: number, levelDb = -40) => mainsHum(keep.length, RATE, { hz, levelDb });
const plus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v + b[i]);
const energy = (x: Float32Array) => x.reduce((e, v) => e + v * v, 0);
const db = (a: Float32Array, b: Float32Array) => 10 * Math.log10(energy(a) / energy(b));
const minus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]);

describe('dehum', () => {
  it('takes the hum down more than 25 dB and leaves the programme within -25 dB', () => {
    const buzz = hum(50);
    const found = findHum([plus(keep, buzz)], RATE);
    if (!found) throw new Error('no hum found');
    // What it leaves of each part on its own, with the hum it found in both.
    const [humLeft, kept] = [buzz, keep].map((x) => dehum([x], RATE, found)[0]);
    expect(db(buzz, humLeft)).toBeGreaterThan(25);
    expect(db(keep, minus(keep, kept))).toBeGreaterThan(25);
  });

  it('does not smear a loud hit at a harmonic over the second around it', () => {
    const buzz = hum(50);
    // A 150 Hz knock, 30 dB over the hum's third harmonic, for a tenth of a second at 2.5 s.
    const knock = keep.map((_, n) => {
      const t = n / RATE - 2.5;
      return t >= 0 && t < 0.1 ? 0.3 * Math.sin(2 * Math.PI * 150 * t) * Math.sin((Math.PI * t) / 0.1) : 0;
    });
    /** How far under the hum what De-hum leaves of it (and takes of the rest) is, from 2.0 to 3.1 s. */
    const left = (rest: Float32Array) => {
      const found = findHum([plus(rest, buzz)], RATE);
      if (!found) throw new Error('no hum found');
      const [out] = dehum([plus(rest, buzz)], RATE, found);
      const part = (x: Float32Array) => x.subarray(2 * RATE, 3.1 * RATE);
      return db(part(buzz), minus(part(out), part(rest)));
    };
    // The programme's 347 Hz partial, 3 Hz from the 7th harmonic, holds it near 11 dB with or without the knock; a
    // low-pass alone would leave the knock's smear 10 dB over the hum here.
    expect(left(plus(keep, knock))).toBeGreaterThan(left(keep) - 1);
    expect(left(plus(keep, knock))).toBeGreaterThan(10);
  });

  it('follows each channel on its own level, through the studio effect', () => {
    const buzz = hum(60);
    const channels = [
      plus(keep, buzz),
      plus(
        keep,
        buzz.map((v) => -0.3 * v),
      ),
    ];
    const hum60 = findHum(channels, RATE);
    if (!hum60) throw new Error('no hum found');
    const piece = { start: 0, length: keep.length, channels: channels.map((c) => c.slice()) };
    applyEffect({ kind: 'dehum', hum: hum60 }, [piece], { start: 0, end: keep.length }, RATE);
    expect(piece.channels).toHaveLength(2);
    for (const ch of piece.channels) expect(db(keep, minus(ch, keep))).toBeGreaterThan(25);
    expect(effectLabel({ kind: 'dehum', hum: hum60 })).toBe('De-hum (60.0 Hz)');
  });
});
