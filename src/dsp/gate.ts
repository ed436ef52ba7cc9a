/**
 * A noise gate, as Audacity's Noise Gate: where the recording stays under a threshold (the peak of every channel
 * together), it is turned down by a fixed amount, so the hiss, hum and room noise between a speaker's phrases goes
 * quiet while the phrases themselves pass untouched. The gate opens over the attack before a sound crosses the
 * threshold (it looks ahead, so no onset is cut), stays open for the hold after the sound falls under it (the tail of a
 * word is not chopped) and then closes over the release; the gain moves evenly in decibels.
 */
import { dbToGain } from './gain';

export interface Gating {
  thresholdDb: number;
  /** How far the gate turns the quiet stretches down (negative dB). */
  reductionDb: number;
}

export const GATE_THRESHOLD_DB = { min: -80, max: -10 } as const;
export const GATE_REDUCTION_DB = { min: -60, max: -1 } as const;

const ATTACK_SECONDS = 0.01;
const HOLD_SECONDS = 0.05;
const RELEASE_SECONDS = 0.1;

/** The gate's gain in dB for every sample: 0 where open, `reductionDb` where closed. It starts open where a sound
 * crosses the threshold within the attack (nothing before the recording to open from). */
export function gateGainDb(channels: Float32Array[], rate: number, gating: Gating): Float32Array {
  const length = channels[0]?.length ?? 0;
  const threshold = 10 ** (gating.thresholdDb / 20);
  const loud = (i: number) => i < length && channels.some((ch) => Math.abs(ch[i]) >= threshold);
  const line = new GateLine(rate, gating);
  let startsOpen = false;
  for (let i = 0; i < Math.min(length, line.latency); i++) startsOpen ||= loud(i);
  if (startsOpen) line.open();
  const gain = new Float32Array(length);
  for (let n = 0; n < length + line.latency; n++) {
    const db = line.next(loud(n));
    if (n >= line.latency) gain[n - line.latency] = db;
  }
  return gain;
}

/** The gate's rule sample by sample as the sound comes, so a track's realtime gate runs it block by block (as
 * `gateGainDb` runs it over a whole recording): it must hear the attack ahead, so what it lets through comes
 * `latency` samples late (the mixdown and the player make up for that). */
export class GateLine {
  /** How many samples late the gate's output comes: its look-ahead, the attack. */
  readonly latency: number;
  private readonly hold: number;
  private readonly openStep: number;
  private readonly closeStep: number;
  private readonly threshold: number;
  private readonly reductionDb: number;
  /** The sample index `next` takes now, and the last index that was over the threshold. */
  private at = 0;
  private lastLoud = Number.NEGATIVE_INFINITY;
  private db: number;
  /** The sound waiting its turn, per channel (a ring of `latency` samples). */
  private delayed: Float32Array[] = [];

  constructor(rate: number, { thresholdDb, reductionDb }: Gating) {
    this.latency = gateLatency(rate);
    this.hold = Math.round(HOLD_SECONDS * rate);
    this.openStep = -reductionDb / this.latency;
    this.closeStep = -reductionDb / Math.max(1, Math.round(RELEASE_SECONDS * rate));
    this.threshold = 10 ** (thresholdDb / 20);
    this.reductionDb = reductionDb;
    this.db = reductionDb;
  }

  /** Starts fully open instead of closed. */
  open(): void {
    this.db = 0;
  }

  /** Takes whether the next sample is over the threshold; gives the gain (dB) for the sample `latency` before it:
   * open where a loud sample lies within the hold behind or the attack ahead of it. */
  next(loud: boolean): number {
    if (loud) this.lastLoud = this.at;
    const open = this.lastLoud >= this.at - this.latency - this.hold;
    this.at++;
    this.db = open ? Math.min(0, this.db + this.openStep) : Math.max(this.reductionDb, this.db - this.closeStep);
    return this.db;
  }

  /** The gain the gate holds the sound at now, dB (0: open). */
  get gainDb(): number {
    return this.db;
  }

  /** Gates a block in place: each sample out is the one `latency` before it, through the gate's gain. */
  run(block: Float32Array[]): void {
    if (this.delayed.length !== block.length) this.delayed = block.map(() => new Float32Array(this.latency));
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++) {
      let loud = false;
      for (const channel of block) if (Math.abs(channel[i]) >= this.threshold) loud = true;
      const slot = this.at % this.latency;
      const gain = dbToGain(this.next(loud));
      block.forEach((channel, c) => {
        const earlier = this.delayed[c][slot];
        this.delayed[c][slot] = channel[i];
        channel[i] = earlier * gain;
      });
    }
  }
}

/** How many samples late a gate's output comes at `rate`. */
export const gateLatency = (rate: number): number => Math.max(1, Math.round(ATTACK_SECONDS * rate));

/** The channels gated (new arrays) and the share of samples the gate held fully closed. */
export function gate(
  channels: Float32Array[],
  rate: number,
  gating: Gating,
): { channels: Float32Array[]; closed: number } {
  const gainDb = gateGainDb(channels, rate, gating);
  const out = channels.map((ch) => ch.map((v, i) => (gainDb[i] === 0 ? v : v * 10 ** (gainDb[i] / 20))));
  return { channels: out, closed: closedShare(gainDb, gating.reductionDb) };
}

/** The share of samples a gate's gain (gateGainDb) holds fully closed. */
export function closedShare(gainDb: Float32Array, reductionDb: number): number {
  let closed = 0;
  for (const g of gainDb) if (g <= reductionDb) closed++;
  return gainDb.length ? closed / gainDb.length : 0;
}
