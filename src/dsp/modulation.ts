/**
 * Modulation effects, as Audacity's Tremolo and Phaser and a chorus pedal, each driven by a sine LFO that starts at
 * the selection's start:
 * - tremolo: the level swings `rateHz` times a second, from full down to (1 - depth) and back;
 * - phaser: a chain of four first-order allpass filters (two notches) whose break frequency sweeps (200 Hz to 200 Hz * 2^(4 * depth),
 *   evenly in octaves) is mixed half and half with the dry sound, so notches sweep up and down the spectrum; feedback
 *   from the chain's output to its input deepens them;
 * - chorus: copies of the sound through a delay of 20 ms swinging `depthMs` either way (read between samples by
 *   linear interpolation) mixed under it, a second voice slightly off in time and pitch; the right channel's LFO runs
 *   a quarter turn behind the left's, so the chorus is wide.
 * Each channel is processed on its own; new arrays, the same length.
 */

export interface Tremolo {
  rateHz: number;
  /** How far the level dips, 0 to 1 (1: to silence). */
  depth: number;
}

export interface Phaser {
  rateHz: number;
  /** How far the notches sweep: 0 to 1 (four octaves up from 200 Hz at 1). */
  depth: number;
  /** The chain's output fed back into it, -0.95 to 0.95. */
  feedback: number;
}

export interface Chorus {
  rateHz: number;
  /** How far the delay swings either way from 20 ms, ms. */
  depthMs: number;
  /** The delayed voice's level against the dry sound, 0 to 1. */
  mix: number;
}

export const MOD_RATE_HZ = { min: 0.05, max: 20 } as const;
export const MOD_DEPTH = { min: 0, max: 1 } as const;
export const PHASER_FEEDBACK = { min: -0.95, max: 0.95 } as const;
export const CHORUS_DEPTH_MS = { min: 0, max: 10 } as const;

const PHASER_LOW_HZ = 200;
const PHASER_STAGES = 4;
const PHASER_OCTAVES = 4;
const CHORUS_DELAY_MS = 20;

/** A sine LFO's value (-1 to 1) at sample i, a quarter turn behind per channel index `lag`. */
const lfo = (rateHz: number, rate: number, i: number, lag = 0) =>
  Math.sin(2 * Math.PI * (rateHz * (i / rate) - lag / 4));

export function tremolo(channels: readonly Float32Array[], rate: number, { rateHz, depth }: Tremolo): Float32Array[] {
  return channels.map((x) =>
    x.map((v, i) => v * (1 - (depth * (1 - Math.cos(2 * Math.PI * rateHz * (i / rate)))) / 2)),
  );
}

/** The coefficient of a first-order allpass whose phase passes -90 degrees at `hz`. */
export function allpassCoefficient(hz: number, rate: number): number {
  const t = Math.tan((Math.PI * hz) / rate);
  return (t - 1) / (t + 1);
}

/** The phaser's break frequency (Hz) at sample i. */
export function phaserHz({ rateHz, depth }: Phaser, rate: number, i: number): number {
  const sweep = (1 - Math.cos(2 * Math.PI * rateHz * (i / rate))) / 2; // 0 to 1, starting at the bottom
  return PHASER_LOW_HZ * 2 ** (PHASER_OCTAVES * depth * sweep);
}

export function phaser(channels: readonly Float32Array[], rate: number, p: Phaser): Float32Array[] {
  return channels.map((x) => {
    const previousIn = new Float64Array(PHASER_STAGES);
    const previousOut = new Float64Array(PHASER_STAGES);
    let last = 0;
    return x.map((v, i) => {
      const a = allpassCoefficient(Math.min(phaserHz(p, rate, i), 0.45 * rate), rate);
      let s = v + p.feedback * last;
      for (let k = 0; k < PHASER_STAGES; k++) {
        // y[n] = a x[n] + x[n-1] - a y[n-1]
        const y = a * s + previousIn[k] - a * previousOut[k];
        previousIn[k] = s;
        previousOut[k] = y;
        s = y;
      }
      last = s;
      return 0.5 * (v + s);
    });
  });
}

export function chorus(
  channels: readonly Float32Array[],
  rate: number,
  { rateHz, depthMs, mix }: Chorus,
): Float32Array[] {
  return channels.map((x, c) =>
    x.map((v, i) => {
      const delay = ((CHORUS_DELAY_MS + depthMs * lfo(rateHz, rate, i, c)) / 1000) * rate;
      const at = i - delay;
      const k = Math.floor(at);
      const frac = at - k;
      const delayed = k >= 0 ? x[k] * (1 - frac) + (k + 1 < x.length ? x[k + 1] : 0) * frac : 0;
      return v + mix * delayed;
    }),
  );
}
