/**
 * A second ear for the music benchmarks' keys: a key estimator that shares nothing with the studio's
 * (src/dsp/key.ts) but the idea, so a take the conform moved into a key (with the studio's estimator) is judged by an
 * ear that did not choose the shift. Chroma from an 8192-point spectrum (2 Hz bins at 16 kHz) between 65 Hz and 2.1 kHz,
 * each bin shared between its two nearest semitones by distance in cents, each frame scaled to its strongest class (so
 * loud passages do not decide alone), summed; then Temperley's (1999) key profiles instead of Krumhansl and
 * Kessler's, with no "no key" threshold (it always names one, so drums alone score as chance).
 */
import { forEachPowerSpectrum } from '../src/dsp/spectrogram';
import { correlation, PITCH_CLASSES } from '../src/dsp/key';

const SIZE = 8192;
const MIN_HZ = 65;
const MAX_HZ = 2100;
// Temperley (1999), "What's key for key?", from the Kostka-Payne corpus; tonic first.
const MAJOR = [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0];
const MINOR = [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0];

/** The best-correlating key of `x` (mono at `rate`) by the second ear; null for a clip under a frame long or silent. */
export function secondEarKey(x: Float32Array, rate: number): { tonic: string; mode: 'major' | 'minor' } | null {
  const profile = framewiseChroma(x, rate);
  if (profile.every((v) => v === 0)) return null;
  let best = { tonic: PITCH_CLASSES[0] as string, mode: 'major' as 'major' | 'minor', r: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    const rotated = profile.map((_, i) => profile[(i + tonic) % 12]);
    for (const [mode, template] of [
      ['major', MAJOR],
      ['minor', MINOR],
    ] as const) {
      const r = correlation(rotated, template);
      if (r > best.r) best = { tonic: PITCH_CLASSES[tonic], mode, r };
    }
  }
  return { tonic: best.tonic, mode: best.mode };
}

function framewiseChroma(x: Float32Array, rate: number): number[] {
  const total = new Array<number>(12).fill(0);
  const frame = new Array<number>(12);
  forEachPowerSpectrum(x, SIZE, SIZE / 4, (power) => {
    frame.fill(0);
    for (let k = 1; k < SIZE / 2; k++) {
      const hz = (k * rate) / SIZE;
      if (hz < MIN_HZ || hz > MAX_HZ) continue;
      const semitone = 12 * Math.log2(hz / 440) + 69; // MIDI note, fractional
      const low = Math.floor(semitone);
      const share = semitone - low;
      const magnitude = Math.sqrt(power[k]);
      frame[low % 12] += (1 - share) * magnitude;
      frame[(low + 1) % 12] += share * magnitude;
    }
    const peak = Math.max(...frame);
    if (peak > 0) for (let c = 0; c < 12; c++) total[c] += frame[c] / peak;
  });
  return total;
}
