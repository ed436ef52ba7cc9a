/**
 * High-pass and low-pass filters for cleaning a recording (rumble and handling noise under a voice, hiss over it):
 * fourth-order Butterworth, as two biquad sections (the RBJ cookbook's, Q 0.541 and 1.307), so 24 dB per octave past
 * the cut-off and no ripple before it. Each channel is filtered on its own, from rest at the selection's start.
 */

export type FilterType = 'highpass' | 'lowpass';

export const FILTER_HZ = { min: 20, max: 20000 } as const;

/** The two sections' Q that make a fourth-order Butterworth response. */
const BUTTERWORTH_Q = [0.5411961, 1.306563];

/** `x` filtered (a new array). */
export function filter(x: Float32Array, type: FilterType, hz: number, sampleRate: number): Float32Array {
  if (!(hz > 0 && hz < sampleRate / 2))
    throw new Error(`A filter's frequency must be between 0 and ${sampleRate / 2} Hz (got ${hz}).`);
  return butterworth(type, hz, sampleRate).reduce((out, section) => biquad(out, section), x);
}

/** The fourth-order Butterworth's two sections. */
export const butterworth = (type: FilterType, hz: number, sampleRate: number): Biquad[] =>
  BUTTERWORTH_Q.map((q) => coefficients(type, hz, q, sampleRate));

/** A fourth-order Linkwitz-Riley filter: two second-order Butterworth sections alike (Q 1/√2), as a crossover's. Its
 * low-pass and high-pass at one frequency are each -6 dB there and add up to an allpass: a band split by them and
 * put back together is the sound with a phase turn, its spectrum flat. */
export const linkwitzRiley = (type: FilterType, hz: number, sampleRate: number): Biquad[] => {
  const section = coefficients(type, hz, Math.SQRT1_2, sampleRate);
  return [section, { ...section }];
};

/** One second-order section: y = b0 x + b1 x[-1] + b2 x[-2] - a1 y[-1] - a2 y[-2] (a0 normalised to 1). */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

function coefficients(type: FilterType, hz: number, q: number, sampleRate: number): Biquad {
  const w = (2 * Math.PI * hz) / sampleRate;
  const alpha = Math.sin(w) / (2 * q);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const b1 = type === 'lowpass' ? 1 - cos : -(1 + cos);
  const b0 = Math.abs(b1) / 2;
  return { b0: b0 / a0, b1: b1 / a0, b2: b0 / a0, a1: (-2 * cos) / a0, a2: (1 - alpha) / a0 };
}

/** `x` through one section, direct form I in double precision, from rest (a new array). */
export const biquad = <T extends Float32Array | Float64Array>(x: T, section: Biquad): T => settledBiquad(x, section, 0);

/** The same, as if the input had held `settled` for ever before it (a low-pass's steady state). */
export function settledBiquad<T extends Float32Array | Float64Array>(x: T, section: Biquad, settled: number): T {
  const y = x.slice() as T;
  new BiquadState(section, settled).run(y);
  return y;
}

/** One section's memory, so a signal can be filtered block by block (a track's realtime effects, 128 frames at a
 * time) with the very equation, in double precision, that `biquad` runs over a whole array. */
export class BiquadState {
  private x1: number;
  private x2: number;
  private y1: number;
  private y2: number;

  constructor(
    private section: Biquad,
    settled = 0,
  ) {
    [this.x1, this.x2, this.y1, this.y2] = [settled, settled, settled, settled];
  }

  /** Takes new coefficients (a filter swept), its memory going on. */
  retune(section: Biquad): void {
    this.section = section;
  }

  /** Filters `x` in place, carrying on from the last block. */
  run(x: Float32Array | Float64Array): void {
    const { b0, b1, b2, a1, a2 } = this.section;
    let { x1, x2, y1, y2 } = this;
    for (let i = 0; i < x.length; i++) {
      const input = x[i];
      const v = b0 * input + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = input;
      y2 = y1;
      y1 = v;
      x[i] = v;
    }
    Object.assign(this, { x1, x2, y1, y2 });
  }
}
