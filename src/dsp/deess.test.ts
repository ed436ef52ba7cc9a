import { describe, expect, it } from 'vitest';
import { deess } from './deess';
import { noise } from './signals';
import { filter } from './filters';

const RATE = 44100;

/** A 300 Hz voice at -20 dBFS with a burst of 6-9 kHz hiss (a sibilant) 0.1 s long every half second. */
function voiceWithEsses(): { x: Float32Array; esses: [number, number][] } {
  const x = Float32Array.from({ length: 2 * RATE }, (_, i) => 0.1 * Math.sin((2 * Math.PI * 300 * i) / RATE));
  const hiss = filter(filter(noise('white', 1, 2 * RATE), 'highpass', 6000, RATE), 'lowpass', 9000, RATE);
  const esses: [number, number][] = [];
  for (let at = 0.2 * RATE; at < 2 * RATE - 0.1 * RATE; at += 0.5 * RATE) {
    esses.push([at, at + 0.1 * RATE]);
    for (let i = at; i < at + 0.1 * RATE; i++) x[i] += 0.3 * hiss[i];
  }
  return { x, esses };
}

const bandRmsDb = (x: Float32Array, from: number, to: number, lo: number, hi: number) => {
  const band = filter(filter(x, 'highpass', lo, RATE), 'lowpass', hi, RATE).subarray(from, to);
  return 10 * Math.log10(band.reduce((s, v) => s + v * v, 0) / band.length);
};

describe('de-esser', () => {
  it('turns the sibilants down and leaves the voice, and what is not sibilance bit for bit', () => {
    const { x, esses } = voiceWithEsses();
    const settings = { hz: 5000, thresholdDb: -30, maxReductionDb: 12 };
    const y = deess([x], RATE, settings)[0];
    const share = y.filter((v, i) => v !== x[i]).length / x.length; // the samples turned down
    const [from, to] = esses[1].map(Math.round);
    const hissDown = bandRmsDb(x, from + 400, to - 400, 5500, 10000) - bandRmsDb(y, from + 400, to - 400, 5500, 10000);
    // The hiss stood about 6 dB over the threshold (RMS over 5 ms); it comes down about that far, not the full 12.
    expect(hissDown).toBeGreaterThan(4.5);
    expect(hissDown).toBeLessThan(7);
    expect(Math.abs(bandRmsDb(x, from, to, 100, 1000) - bandRmsDb(y, from, to, 100, 1000))).toBeLessThan(0.2);
    // Between the sibilants (past the 50 ms release) nothing changed at all.
    const quiet = [Math.round(0.45 * RATE), Math.round(0.65 * RATE)];
    expect(y.subarray(quiet[0], quiet[1])).toEqual(x.subarray(quiet[0], quiet[1]));
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
  });

  it('under the threshold, changes nothing', () => {
    const { x } = voiceWithEsses();
    const settings = { hz: 5000, thresholdDb: 0, maxReductionDb: 12 };
    expect(deess([x], RATE, settings)[0]).toEqual(x);
  });
});
