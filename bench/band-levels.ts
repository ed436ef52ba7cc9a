/** What a listener would notice, roughly: levels in third-octave bands (40 Hz to 16 kHz) over 93 ms frames, and the
 * mean distance in dB between two recordings' (each band floored 90 dB under full scale). A hum raises the bands it
 * stands out in; notching a hertz or two out of a broad sound barely moves its band, though an SDR counts it. */
import { forEachPowerSpectrum } from '../src/dsp/spectrogram';

const FRAME_SECONDS = 0.093;
const FLOOR_DB = -90;

export function bandLevels(x: Float32Array[], rate: number): Float64Array[] {
  const size = 2 ** Math.round(Math.log2(FRAME_SECONDS * rate));
  const edges: number[] = [];
  for (let hz = 40 / 2 ** (1 / 6); hz < Math.min(16000 * 2 ** (1 / 6), rate / 2); hz *= 2 ** (1 / 3))
    edges.push(Math.round((hz * size) / rate));
  const frames: Float64Array[] = [];
  for (const channel of x)
    forEachPowerSpectrum(channel, size, size / 2, (power) => {
      const levels = new Float64Array(edges.length - 1);
      for (let b = 0; b + 1 < edges.length; b++) {
        let sum = 0;
        for (let k = edges[b]; k < Math.max(edges[b + 1], edges[b] + 1); k++) sum += power[k];
        // A full-scale sine reads 0 dB: its power through the Hann window is (size / 4) squared.
        levels[b] = Math.max(FLOOR_DB, 10 * Math.log10(sum / (size / 4) ** 2 + 1e-30));
      }
      frames.push(levels);
    });
  return frames;
}

export function bandLevelDistance(a: Float64Array[], b: Float64Array[]): number {
  let total = 0;
  let count = 0;
  a.forEach((frame, f) =>
    frame.forEach((level, i) => {
      total += Math.abs(level - b[f][i]);
      count++;
    }),
  );
  return total / count;
}
