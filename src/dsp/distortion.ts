/**
 * Distortion, as Audacity's Distortion and a guitar pedal: the sound driven `driveDb` louder into a curve that holds it
 * under full scale (hard: cut flat at full scale; soft: tanh, rounding the tops off; tube: the soft curve biased
 * off its centre, so the two halves bend differently and even harmonics join the odd ones, the offset this leaves
 * taken away by a DC blocker), then brought to `outputDb` under full scale for a full-scale input. The curve makes harmonics past the Nyquist frequency, which sampled at
 * the project's rate would fold back as inharmonic whistles: it runs at four times the rate (windowed-sinc
 * resampling, src/dsp/resample.ts), and what lies over the project's Nyquist frequency is filtered out on the way back.
 */
import { resample } from './resample';

export type DistortionCurve = 'hard' | 'soft' | 'tube';

export interface Distortion {
  curve: DistortionCurve;
  driveDb: number;
  outputDb: number;
}

export const DISTORTION_CURVES: readonly DistortionCurve[] = ['soft', 'hard', 'tube'];
export const DRIVE_DB = { min: 0, max: 48 } as const;
export const DISTORTION_OUTPUT_DB = { min: -48, max: 0 } as const;

export const OVERSAMPLE = 4;
/** Where on the soft curve the tube curve's silence sits. */
const TUBE_BIAS = 0.5;
/** The DC blocker's corner, Hz. */
const DC_BLOCK_HZ = 5;

/** The curve at a driven sample (full scale is 1). */
export function shape(curve: DistortionCurve, v: number): number {
  switch (curve) {
    case 'hard':
      return Math.max(-1, Math.min(1, v));
    case 'soft':
      return Math.tanh(v);
    case 'tube':
      return Math.tanh(v + TUBE_BIAS) - Math.tanh(TUBE_BIAS);
  }
}

export function distort(channels: readonly Float32Array[], rate: number, d: Distortion): Float32Array[] {
  const drive = 10 ** (d.driveDb / 20);
  const out = 10 ** (d.outputDb / 20);
  return channels.map((x) => {
    const fast = resample(x, rate, OVERSAMPLE * rate);
    for (let i = 0; i < fast.length; i++) fast[i] = out * shape(d.curve, drive * fast[i]);
    const back = resample(fast, OVERSAMPLE * rate, rate);
    const y = back.length === x.length ? back : Float32Array.from({ length: x.length }, (_, i) => back[i] ?? 0);
    return d.curve === 'tube' ? new DcBlocker(rate).run(y) : y;
  });
}

/** A first-order high-pass at DC_BLOCK_HZ, y[n] = x[n] - x[n-1] + p y[n-1], in place, its memory carried on from
 * block to block (the realtime insert's too). */
export class DcBlocker {
  private readonly p: number;
  private previousIn = 0;
  private previousOut = 0;

  constructor(rate: number) {
    this.p = Math.exp((-2 * Math.PI * DC_BLOCK_HZ) / rate);
  }

  run(x: Float32Array): Float32Array {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      this.previousOut = v - this.previousIn + this.p * this.previousOut;
      this.previousIn = v;
      x[i] = this.previousOut;
    }
    return x;
  }
}
