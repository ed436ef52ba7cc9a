/**
 * Stereo width, as a DAW's imager (Ozone Imager, Logic's Stereo Spread and Direction Mixer, Reaper's JS width): the
 * left and right are taken apart into mid, (L + R) / 2, what both share, and side, (L - R) / 2, what tells them
 * apart; the side is scaled by the width (0 %: mono, 100 %: as it was, 200 %: twice as wide) and put back, L = M + S,
 * R = M - S. At 100 % with nothing under `monoBelowHz` the channels come back bit for bit. `monoBelowHz` (0: off),
 * as a mastering engineer's bass mono: the side is high-passed there (fourth-order Butterworth, 24 dB an octave), so
 * a kick and a bass stay in the middle, where a record's groove and a club's subwoofer want them, however wide the
 * rest. A correlation meter (as a DAW's phase scope) reads how alike left and right are over the last 300 ms: 1 mono,
 * 0 unrelated, under 0 out of phase (what vanishes when summed to mono). A mono track has no side: only the meter.
 */
import { type Biquad, BiquadState, butterworth } from './filters';

export interface StereoWidth {
  /** How wide, per cent of the side: 0 mono, 100 unchanged, 200 twice as wide. */
  widthPct: number;
  /** Under this frequency the sound is made mono, Hz (0: off). */
  monoBelowHz: number;
}

export const WIDTH_PCT = { min: 0, max: 200 } as const;
export const MONO_BELOW_HZ = { min: 0, max: 500 } as const;

/** Why the settings cannot run, or null. */
export function widthProblem({ widthPct, monoBelowHz }: StereoWidth): string | null {
  if (!(widthPct >= WIDTH_PCT.min && widthPct <= WIDTH_PCT.max))
    return `The stereo width must be ${WIDTH_PCT.min} to ${WIDTH_PCT.max} %.`;
  if (!(monoBelowHz >= MONO_BELOW_HZ.min && monoBelowHz <= MONO_BELOW_HZ.max))
    return `Mono below must be ${MONO_BELOW_HZ.min} (off) to ${MONO_BELOW_HZ.max} Hz.`;
  return null;
}

/** How long the correlation meter remembers, seconds (its averages' time constant). */
const CORRELATION_SECONDS = 0.3;

/** The width block by block (in place), the side's filter and the meter's averages carried on. */
export class WidthLine {
  private width: number;
  private sections: BiquadState[] = [];
  private sectionsHz = 0;
  private readonly forget: number;
  private sums = { lr: 0, ll: 0, rr: 0 };
  private side = new Float64Array(0);

  constructor(
    private readonly rate: number,
    settings: StereoWidth,
  ) {
    this.forget = Math.exp(-1 / (CORRELATION_SECONDS * rate));
    this.width = settings.widthPct / 100;
    this.retune(settings);
  }

  /** Takes new settings (an automated width), the side's filter memory going on where its frequency is kept. */
  retune({ widthPct, monoBelowHz }: StereoWidth): void {
    this.width = widthPct / 100;
    const hz = monoBelowHz > 0 && monoBelowHz < this.rate / 2 ? monoBelowHz : 0;
    if (hz === this.sectionsHz) return;
    this.sectionsHz = hz;
    const next: Biquad[] = hz ? butterworth('highpass', hz, this.rate) : [];
    this.sections =
      next.length === this.sections.length
        ? this.sections.map((state, k) => (state.retune(next[k]), state))
        : next.map((s) => new BiquadState(s));
  }

  /** How alike left and right have been lately, -1 to 1 (1 where silent or mono). */
  get correlation(): number {
    const { lr, ll, rr } = this.sums;
    const power = Math.sqrt(ll * rr);
    return power > 1e-12 ? lr / power : 1;
  }

  run(block: Float32Array[]): void {
    const [left, right] = block;
    if (!right) return;
    const length = left.length;
    if (this.side.length < length) this.side = new Float64Array(length);
    const side = this.side.subarray(0, length);
    for (let i = 0; i < length; i++) side[i] = (left[i] - right[i]) / 2;
    for (const section of this.sections) section.run(side);
    const { width, forget } = this;
    let { lr, ll, rr } = this.sums;
    for (let i = 0; i < length; i++) {
      const mid = (left[i] + right[i]) / 2;
      const s = width * side[i];
      left[i] = mid + s;
      right[i] = mid - s;
      lr = forget * lr + left[i] * right[i];
      ll = forget * ll + left[i] * left[i];
      rr = forget * rr + right[i] * right[i];
    }
    this.sums = { lr, ll, rr };
  }
}
