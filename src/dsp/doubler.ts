/**
 * A double of a sung or played line, as a vocal doubler (Waves Doubler, or the second take singers lay under the
 * first): the line slightly late and slightly off in tune, both drifting slowly and unevenly as a second take does, so
 * laid under the original it thickens it without the hollow comb of a plain copy. The pitch drifts by TD-PSOLA (so
 * the voice keeps its formants); the timing by a slowly moving delay, read between samples.
 */
import { toMono } from './channels';
import { seededRandom } from './dither';
import { trackPitch } from './pitch-track';
import { shiftPitchAlong } from './psola';

/** How far the double drifts: its pitch within ± cents, its delay between these, ms. */
export const DOUBLE_CENTS = 8;
export const DOUBLE_DELAY_MS = { min: 12, max: 28 } as const;
/** The drifts' slowest and fastest swings, Hz: slow enough that the moving delay bends the pitch by cents only. */
const DRIFT_HZ = { min: 0.07, max: 0.23 } as const;

/** A slow, uneven wobble between -1 and 1 (three sines of random rates and phases), by time in seconds. */
function wobble(random: () => number): (seconds: number) => number {
  const parts = [0, 1, 2].map(() => ({
    hz: DRIFT_HZ.min + random() * (DRIFT_HZ.max - DRIFT_HZ.min),
    phase: 2 * Math.PI * random(),
  }));
  return (t) => parts.reduce((sum, p) => sum + Math.sin(2 * Math.PI * p.hz * t + p.phase), 0) / parts.length;
}

/** The double of `channels` (the same length; `seed` picks its drifts, so the same seed gives the same double). */
export function doubleOf(channels: Float32Array[], rate: number, seed = 1): Float32Array[] {
  const random = seededRandom(seed);
  const [pitch, timing] = [wobble(random), wobble(random)];
  const track = trackPitch(toMono(channels), rate);
  const ratioAt = (position: number) => 2 ** ((DOUBLE_CENTS * pitch(position / rate)) / 1200);
  const drifted = shiftPitchAlong(channels, rate, track, ratioAt);
  const [low, high] = [DOUBLE_DELAY_MS.min, DOUBLE_DELAY_MS.max].map((ms) => (ms / 1000) * rate);
  const delayAt = (i: number) => low + ((high - low) * (1 + timing(i / rate))) / 2;
  return drifted.map((x) =>
    Float32Array.from(x, (_, i) => {
      const at = i - delayAt(i);
      const k = Math.floor(at);
      if (k < 0) return 0;
      return x[k] + (x[k + 1] - x[k]) * (at - k);
    }),
  );
}
