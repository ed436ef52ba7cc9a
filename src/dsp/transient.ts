/**
 * A transient shaper, as SPL's Transient Designer and a DAW's transient shaper: a drum's hit made to snap harder or
 * softer and its ring longer or shorter, whatever its level (no threshold: it works on how the level moves, not on how
 * loud it is). Followers of the loudest channel's peak level, two by two: one that rises within 1 ms runs ahead of
 * one that rises within 25 ms at each onset (both fall within 60 ms, so they meet again soon after), and how far it
 * is ahead, in dB, is the attack; one that falls within 150 ms lingers over one that falls within 40 ms while a
 * sound decays (both rise within 1 ms), and that is the sustain. The gain, in dB, is the attack times its amount plus
 * the sustain times its own (-100 to 100 %: at 100 % a difference of d dB adds d dB, at -100 % takes it away), held
 * within ±24 dB; all channels get the same gain. With both at 0 the sound comes back bit for bit.
 */

export interface TransientShaping {
  /** How much the onsets are brought up (+) or down (-), per cent. */
  attackPct: number;
  /** How much the decays are brought up (+) or down (-), per cent. */
  sustainPct: number;
}

export const SHAPE_PCT = { min: -100, max: 100 } as const;

/** Why the settings cannot run, or null. */
export function shapingProblem({ attackPct, sustainPct }: TransientShaping): string | null {
  const within = (v: number) => v >= SHAPE_PCT.min && v <= SHAPE_PCT.max;
  if (!within(attackPct)) return `The attack must be ${SHAPE_PCT.min} to ${SHAPE_PCT.max} %.`;
  if (!within(sustainPct)) return `The sustain must be ${SHAPE_PCT.min} to ${SHAPE_PCT.max} %.`;
  return null;
}

const QUICK_RISE_S = 0.001;
const SLOW_RISE_S = 0.025;
const ONSET_FALL_S = 0.06;
const LONG_FALL_S = 0.15;
const SHORT_FALL_S = 0.04;
const MOST_DB = 24;
/** A level is never taken as under -100 dBFS, so silence has a logarithm. */
const FLOOR = 1e-5;

/** A peak follower: it moves towards the level by a share each sample, one for rising and one for falling. */
class Follower {
  level = 0;

  constructor(
    private readonly rise: number,
    private readonly fall: number,
  ) {}

  follow(peak: number): number {
    this.level += (peak - this.level) * (peak > this.level ? this.rise : this.fall);
    return this.level;
  }
}

/** How many dB `a` is over `b` (levels under the floor taken as the floor). */
const dbOver = (a: number, b: number) => 20 * Math.log10(Math.max(FLOOR, a) / Math.max(FLOOR, b));

/** The shaper block by block, in place, its followers carried on. */
export class TransientLine {
  private attack: number;
  private sustain: number;
  private readonly quick: Follower;
  private readonly slow: Follower;
  private readonly long: Follower;
  private readonly short: Follower;
  /** The gain at the last sample, dB (for a meter). */
  gainDb = 0;

  constructor(rate: number, settings: TransientShaping) {
    const share = (seconds: number) => 1 - Math.exp(-1 / (seconds * rate));
    this.quick = new Follower(share(QUICK_RISE_S), share(ONSET_FALL_S));
    this.slow = new Follower(share(SLOW_RISE_S), share(ONSET_FALL_S));
    this.long = new Follower(share(QUICK_RISE_S), share(LONG_FALL_S));
    this.short = new Follower(share(QUICK_RISE_S), share(SHORT_FALL_S));
    this.attack = settings.attackPct / 100;
    this.sustain = settings.sustainPct / 100;
  }

  /** Takes new amounts as it plays, its followers going on. */
  retune({ attackPct, sustainPct }: TransientShaping): void {
    this.attack = attackPct / 100;
    this.sustain = sustainPct / 100;
  }

  run(block: Float32Array[]): void {
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++) {
      let peak = 0;
      for (const channel of block) peak = Math.max(peak, Math.abs(channel[i]));
      const onset = Math.max(0, dbOver(this.quick.follow(peak), this.slow.follow(peak)));
      const decay = Math.max(0, dbOver(this.long.follow(peak), this.short.follow(peak)));
      const gainDb = Math.max(-MOST_DB, Math.min(MOST_DB, this.attack * onset + this.sustain * decay));
      this.gainDb = gainDb;
      if (gainDb === 0) continue;
      const gain = 10 ** (gainDb / 20);
      for (const channel of block) channel[i] *= gain;
    }
  }
}
