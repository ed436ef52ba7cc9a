/**
 * The look-ahead limiter (src/dsp/limiter.ts's rule) as a realtime effect, sample by sample as the sound comes, so a
 * track's, a bus's or the master's limiter runs 128 frames at a time in the audio thread: the gain each sample needs
 * (the ceiling over its loudest channel), the least of it within LOOKAHEAD_S either side, let back up no faster than
 * the release, averaged over LOOKAHEAD_S either side. Each average holds only gains at or under the one its sample
 * needs, so no sample goes over the ceiling and the gain starts down before a peak instead of cutting it. Working a
 * sample out needs the sound twice LOOKAHEAD_S ahead, so what comes out is that late (`latency`); the mixdown and the
 * player make up for it. Sample peaks (a realtime true-peak meter would add more delay): leave a decibel for lossy
 * encoders, or deliver with Export's true-peak limit.
 */
import { type Limiting, LOOKAHEAD_S } from './limiter';

export class LimiterLine {
  /** How many samples late the output comes. */
  readonly latency: number;
  private readonly reach: number;
  private readonly ceiling: number;
  private readonly step: number;
  /** The input sample index taken next. */
  private at = 0;
  /** A monotonic queue of the gains needed over the last 2·reach + 1 samples (index, gain): its head is their
   * least. */
  private readonly queueAt: Float64Array;
  private readonly queueGain: Float64Array;
  private head = 0;
  private size = 0;
  /** The released gain at the last sample worked out, and the last 2·reach + 1 of them with their sum. */
  private held = 1;
  private readonly heldRing: Float64Array;
  private heldSum: number;
  /** The sound waiting its turn, per channel (a ring of `latency` samples). */
  private delayed: Float32Array[] = [];
  /** The gain at the last sample out. */
  private gain = 1;

  constructor(rate: number, { ceilingDb, releaseMs }: Pick<Limiting, 'ceilingDb' | 'releaseMs'>) {
    this.reach = reachAt(rate);
    this.latency = limiterLatency(rate);
    this.ceiling = 10 ** (ceilingDb / 20);
    this.step = 1 - Math.exp(-1000 / (releaseMs * rate));
    const width = 2 * this.reach + 1;
    this.queueAt = new Float64Array(width);
    this.queueGain = new Float64Array(width);
    this.heldRing = new Float64Array(width).fill(1);
    this.heldSum = width;
  }

  /** How far the gain is down now, dB (0: not limiting). */
  get reductionDb(): number {
    return this.gain < 1 ? -20 * Math.log10(this.gain) : 0;
  }

  /** Limits a block in place: each sample out is the one `latency` before it, through its gain. */
  run(block: Float32Array[]): void {
    if (this.delayed.length !== block.length) this.delayed = block.map(() => new Float32Array(this.latency));
    const length = block[0]?.length ?? 0;
    const ceiling = this.ceiling;
    for (let i = 0; i < length; i++) {
      let level = 0;
      for (const channel of block) level = Math.max(level, Math.abs(channel[i]));
      const gain = this.next(level > ceiling ? ceiling / level : 1);
      this.gain = gain;
      const slot = (this.at - 1) % this.latency;
      block.forEach((channel, c) => {
        const earlier = this.delayed[c][slot] * gain;
        this.delayed[c][slot] = channel[i];
        // The averages hold the ceiling exactly; rounding may not.
        channel[i] = Math.max(-ceiling, Math.min(ceiling, earlier));
      });
    }
  }

  /** Takes the gain the next sample needs; gives the gain for the sample `latency` before it. */
  private next(need: number): number {
    const n = this.at++;
    const width = this.queueAt.length;
    // The least need over [n - 2·reach, n]: that of the sample reach before, over reach either side of it.
    while (this.size > 0 && this.queueGain[(this.head + this.size - 1) % width] >= need) this.size--;
    const tail = (this.head + this.size) % width;
    this.queueAt[tail] = n;
    this.queueGain[tail] = need;
    this.size++;
    while (this.queueAt[this.head] < n - 2 * this.reach) {
      this.head = (this.head + 1) % width;
      this.size--;
    }
    this.held = Math.min(this.queueGain[this.head], this.held + (1 - this.held) * this.step);
    // The mean of the released gains over reach either side of the sample 2·reach before; summed afresh once a
    // round so rounding cannot build up over an hour.
    const slot = n % width;
    this.heldSum += this.held - this.heldRing[slot];
    this.heldRing[slot] = this.held;
    if (slot === width - 1) this.heldSum = this.heldRing.reduce((sum, g) => sum + g, 0);
    return this.heldSum / width;
  }
}

/** How far either side of a sample the limiter looks, in samples at `rate`. */
const reachAt = (rate: number): number => Math.max(1, Math.round(LOOKAHEAD_S * rate));

/** How many samples late a limiter's output comes at `rate`: the least needed gain over reach either side, then the
 * mean of those over reach either side. */
export const limiterLatency = (rate: number): number => 2 * reachAt(rate);
