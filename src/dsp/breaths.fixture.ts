/** A voice-over for the breath tests: two phrases with a breath between them. */
import { filter } from './filters';
import { noise } from './signals';

export const RATE = 44100;
export const at = (seconds: number) => Math.round(seconds * RATE);

/** Two phrases of a 200 Hz voice (-20 dBFS) with a breath between them (noise at -42 dBFS RMS, 0.6-0.95 s) over a
 * room at -70 dBFS, and a loud "s" right after the second phrase (1.55-1.67 s). */
export function voiceOver(): Float32Array {
  const x = noise('pink', 10 ** (-70 / 20), at(2.2), 3);
  const voice = (from: number, to: number) => {
    for (let i = at(from); i < at(to); i++) {
      const phase = (2 * Math.PI * 200 * i) / RATE;
      x[i] += 0.1 * (Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.3 * Math.sin(3 * phase));
    }
  };
  const burst = (from: number, to: number, db: number, low: number, high: number, seed: number) => {
    const band = filter(
      filter(noise('white', 1, at(to) - at(from), seed), 'highpass', low, RATE),
      'lowpass',
      high,
      RATE,
    );
    const rms = Math.sqrt(band.reduce((s, v) => s + v * v, 0) / band.length);
    band.forEach((v, i) => {
      x[at(from) + i] += (v / rms) * 10 ** (db / 20);
    });
  };
  voice(0, 0.5);
  burst(0.6, 0.95, -42, 300, 3000, 5);
  voice(1.05, 1.55);
  burst(1.55, 1.67, -22, 4000, 10000, 6);
  voice(1.67, 2.2);
  return x;
}
