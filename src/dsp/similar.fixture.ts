/** Scenes for Find similar's tests: a hiss bed with whistles (the sound marked) and knocks (another kind). */
import { noise } from './noise.fixture';

export const RATE = 44100;
const SECONDS = 12;

/** A falling whistle (2.5 -> 1 kHz over 0.3 s) with a quick attack and a decay: the sound a user marks. */
export function whistle(): Float32Array {
  const n = Math.round(0.3 * RATE);
  let phase = 0;
  return Float32Array.from({ length: n }, (_, i) => {
    const t = i / n;
    phase += (2 * Math.PI * (2500 - 1500 * t)) / RATE;
    return Math.min(1, i / 200) * (1 - t) * Math.sin(phase);
  });
}

/** A knock: a 0.12 s burst of low noise, another kind of sound. */
export function knock(): Float32Array {
  const burst = noise(Math.round(0.12 * RATE), 1, 7);
  let low = 0;
  return burst.map((v, i) => {
    low += 0.05 * (v - low);
    return 4 * low * Math.exp(-i / (0.03 * RATE));
  });
}

/** A stereo hiss bed with sounds added at (seconds, dB). */
export function scene(sounds: [Float32Array, number, number][]): Float32Array[] {
  const channels = [noise(SECONDS * RATE, 0.02, 3), noise(SECONDS * RATE, 0.02, 5)];
  for (const [sound, at, db] of sounds)
    for (const ch of channels) sound.forEach((v, i) => (ch[Math.round(at * RATE) + i] += 0.1 * 10 ** (db / 20) * v));
  return channels;
}
