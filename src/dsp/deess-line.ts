/**
 * The de-esser (src/dsp/deess.ts's rule) as a realtime effect, as a DAW's split-band de-esser on a vocal insert. The
 * band over the frequency must be in phase with the sound for taking part of it away to leave the rest as it was: the
 * whole-clip de-esser runs its filter forwards and backwards, which a stream cannot, so here the band is the sound
 * less its low-passed self, the low-pass the resampler's windowed sinc (symmetric, so in phase; `resampleWeights`),
 * which needs its reach of the sound ahead. Then as the whole-clip rule: the band's RMS over 5 ms centred on each sample
 * (the loudest channel), what rises over the threshold brought down to it by at most the reduction, the gain starting
 * down 1 ms ahead and coming back over 50 ms, evenly in decibels; the output is the sound plus (gain - 1) times the
 * band, so where the gain is 1 it is the sound itself, bit for bit. Its look-ahead (`deessLatency`, 5.9 ms at 5 kHz)
 * is made up for by the mixdown and the player. Threshold and reduction are taken as it plays.
 */
import { ATTACK_SECONDS, type DeEssing, RELEASE_SECONDS, WINDOW_SECONDS } from './deess';
import { resampleReach, resampleWeights } from './resample';

/** Half the level's window, samples (as the whole-clip rule rounds it). */
const halfWindow = (rate: number) => Math.max(1, Math.round((WINDOW_SECONDS * rate) / 2));
/** How many samples ahead the gain starts down. */
const attackReach = (rate: number) => Math.ceil(ATTACK_SECONDS * rate);
/** The low-pass's cut-off as the resampler's ratio (it cuts at 0.97 of the ratio's Nyquist frequency). */
const lowpassRatio = (hz: number, rate: number) => Math.min(1, hz / (0.97 * (rate / 2)));
/** How far the low-pass reaches either way, samples. */
const lowpassReach = (hz: number, rate: number) => resampleReach(lowpassRatio(hz, rate)) - 1;

/** How many samples late the realtime de-esser's output comes at `rate` for sibilance over `hz`. */
export const deessLatency = (rate: number, hz: number): number =>
  lowpassReach(hz, rate) + halfWindow(rate) + attackReach(rate);

/** The settings the line takes as it plays: a threshold, a reduction and whether to give what it takes away alone, as
 * a de-esser's Listen (Audition) button. */
export type DeEssListening = Pick<DeEssing, 'thresholdDb' | 'maxReductionDb'> & { listen?: boolean };

export class DeEssLine {
  private readonly half: number;
  private readonly reach: number;
  private readonly latency: number;
  /** The low-pass's weights (symmetric: the first half and the middle one are enough) and their scale. */
  private readonly taps: Float64Array;
  private readonly scale: number;
  private attackStep = 0;
  private releaseStep = 0;
  private threshold = 0;
  private most = 0;
  /** Per channel: the last taps' worth of the sound, twice over (a ring read as one run: slot and slot + taps). */
  private recent: Float64Array[] = [];
  /** Per channel: the band's squares over the window (a ring) and their sum. */
  private squares: Float64Array[] = [];
  private sums: number[] = [];
  /** The reductions wanted over the attack's reach (a ring, dB). */
  private readonly wanted: Float64Array;
  /** Per channel: the sound (the whole latency) and its band (after the low-pass's reach) waiting their turn. */
  private sound: Float32Array[] = [];
  private band: Float64Array[] = [];
  /** The band of the block coming in, per channel (only ever grown); the band of the samples going out now. */
  private bands: Float64Array[] = [];
  private late = new Float64Array(0);
  /** The input sample index taken next. */
  private at = 0;
  /** The reduction at the last sample out, dB. */
  private held = 0;
  /** Whether it gives what it takes away rather than what it leaves (to set the frequency and threshold by ear). */
  private listen = false;

  constructor(
    private readonly rate: number,
    settings: DeEssing & Pick<DeEssListening, 'listen'>,
  ) {
    this.half = halfWindow(rate);
    this.reach = attackReach(rate);
    this.latency = deessLatency(rate, settings.hz);
    const { weights, scale } = resampleWeights(0, lowpassRatio(settings.hz, rate));
    [this.taps, this.scale] = [weights, scale];
    this.wanted = new Float64Array(this.reach + 1);
    this.retune(settings);
  }

  /** Takes a new threshold and reduction as it plays, its memory going on (the frequency is the line's own). */
  retune({ thresholdDb, maxReductionDb, listen }: DeEssListening): void {
    this.listen = listen ?? false;
    this.attackStep = maxReductionDb / Math.max(1, ATTACK_SECONDS * this.rate);
    this.releaseStep = maxReductionDb / Math.max(1, RELEASE_SECONDS * this.rate);
    this.threshold = thresholdDb;
    this.most = maxReductionDb;
  }

  /** How far the band is turned down now, dB (for the gain-reduction meter). */
  get reductionDb(): number {
    return this.held;
  }

  run(block: Float32Array[]): void {
    if (this.recent.length !== block.length) this.start(block.length);
    const length = block[0]?.length ?? 0;
    const window = 2 * this.half + 1;
    const lateBand = this.latency - (this.taps.length >> 1);
    const bands = block.map((channel, c) => this.bandOf(channel, c));
    for (let i = 0; i < length; i++, this.at++) {
      const slot = this.at % this.latency;
      const bandSlot = this.at % lateBand;
      const square = this.at % window;
      let power = 0;
      block.forEach((channel, c) => {
        const band = bands[c][i];
        this.sums[c] += band * band - this.squares[c][square];
        this.squares[c][square] = band * band;
        power = Math.max(power, Math.max(0, this.sums[c]) / window);
        [channel[i], this.sound[c][slot]] = [this.sound[c][slot], channel[i]];
        [this.late[c], this.band[c][bandSlot]] = [this.band[c][bandSlot], band];
      });
      // The level centred half a window back; the gain going out is the most any of the next `reach` want, less
      // the attack's slope, or the last one less the release's.
      const over = Math.max(0, Math.min(this.most, 10 * Math.log10(power + 1e-30) - this.threshold));
      this.wanted[this.at % (this.reach + 1)] = over;
      this.held = Math.max(this.attacked(), this.held - this.releaseStep);
      if (this.listen) {
        // What it takes away, alone (silence where it takes nothing).
        const taken = 1 - 10 ** (-this.held / 20);
        block.forEach((channel, c) => {
          channel[i] = taken * this.late[c];
        });
        continue;
      }
      if (this.held <= 0) continue;
      const gain = 10 ** (-this.held / 20);
      block.forEach((channel, c) => {
        channel[i] += (gain - 1) * this.late[c];
      });
    }
  }

  /** The most reduction wanted over the attack's reach, each less the attack's slope by how far ahead it lies. */
  private attacked(): number {
    let most = 0;
    for (let k = 0; k <= this.reach; k++) {
      const wanted = this.wanted[(this.at - k + this.reach + 1) % (this.reach + 1)];
      most = Math.max(most, wanted - (this.reach - k) * this.attackStep);
    }
    return most;
  }

  /** The band over the frequency of one channel of the block, the low-pass's reach behind it: the sound there less
   * the low-pass around it. */
  private bandOf(channel: Float32Array, c: number): Float64Array {
    if (this.bands[c].length < channel.length) this.bands[c] = new Float64Array(channel.length);
    const band = this.bands[c].subarray(0, channel.length);
    const { taps } = this;
    const n = taps.length;
    const recent = this.recent[c];
    const middle = n >> 1;
    for (let i = 0; i < channel.length; i++) {
      const slot = (this.at + i) % n;
      recent[slot] = recent[slot + n] = channel[i];
      // The run from slot + 1 to slot + n holds the last n samples, oldest first; the weights are symmetric.
      const oldest = slot + 1;
      let low = taps[middle] * recent[oldest + middle];
      for (let k = 0; k < middle; k++) low += taps[k] * (recent[oldest + k] + recent[slot + n - k]);
      band[i] = recent[oldest + middle] - this.scale * low;
    }
    return band;
  }

  private start(channels: number): void {
    const perChannel = <T>(make: () => T) => Array.from({ length: channels }, make);
    const window = 2 * this.half + 1;
    this.recent = perChannel(() => new Float64Array(2 * this.taps.length));
    this.bands = perChannel(() => new Float64Array(0));
    this.squares = perChannel(() => new Float64Array(window));
    this.sums = perChannel(() => 0);
    this.sound = perChannel(() => new Float32Array(this.latency));
    this.band = perChannel(() => new Float64Array(this.latency - (this.taps.length >> 1)));
    this.late = new Float64Array(channels);
  }
}
