/**
 * Reverb, as Audacity's and Audition's: the sound as heard in a room whose tail takes `decaySeconds` to die away by
 * 60 dB (RT60). A feedback delay network (Jot and Chaigne, 1991): eight delay lines of mutually prime lengths fed back
 * through a Householder matrix (lossless, every line into every other), each line's loop gain set so that the lows
 * lose 60 dB in `decaySeconds`, through a one-pole low pass whose gain at the Nyquist frequency is that gain squared,
 * so the highs die twice as fast, as air and walls make them (Jot's absorption filters). Two allpass diffusers thicken the first echoes; a 20 ms pre-delay sets the wall apart from the source;
 * left and right read the lines with different signs, so the tail is wide. The dry sound is kept as it was and the
 * reverb is added under it at `wetDb`.
 */

export interface Reverberation {
  decaySeconds: number;
  /** The reverb's level against the dry sound (an impulse's tail energy against the impulse's), dB. */
  wetDb: number;
}

export const DECAY_SECONDS = { min: 0.2, max: 10 } as const;
export const WET_DB = { min: -40, max: 0 } as const;

const PRE_DELAY_SECONDS = 0.02;
/** The lines' lengths in ms (mutually prime in samples at any common rate, spread over 30-70 ms: a mid-sized room). */
const LINE_MS = [29.7, 37.1, 41.1, 43.7, 53.9, 59.3, 61.7, 69.1];
const DIFFUSER_MS = [4.77, 3.59];
const DIFFUSION = 0.6;
/** Each line's sign on the left and right outputs (orthogonal patterns: uncorrelated tails). */
const LEFT = [1, -1, 1, -1, 1, -1, 1, -1];
const RIGHT = [1, 1, -1, -1, 1, 1, -1, -1];

/** The reverb of a mono signal, left and right, `extra` samples longer than it (its tail), without the dry sound,
 * scaled to unit tail energy for a unit impulse (so `wetDb` sets the level directly). */
export function reverbTail(
  x: Float32Array,
  rate: number,
  decaySeconds: number,
  extra = 0,
): [Float32Array, Float32Array] {
  const input = new Float32Array(x.length + extra);
  input.set(x);
  const [left, right] = [new Float32Array(input.length), new Float32Array(input.length)];
  new ReverbNetwork(rate, decaySeconds).run(input, left, right);
  return [left, right];
}

/** The network's delay lines, filters and diffusers, so a signal can be reverberated block by block (a track's
 * realtime effects) exactly as `reverbTail` does a whole one. */
export class ReverbNetwork {
  private readonly lines: number[];
  private readonly buffers: Float64Array[];
  private readonly heads: number[];
  private readonly gains: number[];
  private readonly poles: number[];
  private readonly absorbed: number[];
  private readonly diffusers: { buffer: Float64Array; head: number }[];
  /** The pre-delay, as a ring of the input's last samples. */
  private readonly early: Float64Array;
  private earlyHead = 0;
  private readonly outs: Float64Array;

  constructor(rate: number, decaySeconds: number) {
    this.lines = LINE_MS.map((ms) => Math.round((ms / 1000) * rate));
    this.buffers = this.lines.map((n) => new Float64Array(n));
    this.heads = this.lines.map(() => 0);
    // Loop gain per line at 0 Hz: -60 dB over decaySeconds, applied once per trip round the line; the low pass's pole
    // makes its gain at the Nyquist frequency gain * (1 - pole) / (1 + pole) = gain squared.
    this.gains = this.lines.map((n) => 10 ** ((-3 * n) / (decaySeconds * rate)));
    this.poles = this.gains.map((g) => (1 - g) / (1 + g));
    this.absorbed = this.lines.map(() => 0);
    this.diffusers = DIFFUSER_MS.map((ms) => ({ buffer: new Float64Array(Math.round((ms / 1000) * rate)), head: 0 }));
    this.early = new Float64Array(Math.max(1, Math.round(PRE_DELAY_SECONDS * rate)));
    this.outs = new Float64Array(this.lines.length);
  }

  /** The tail of the mono `x`, carrying on from the last block, into `left` and `right` (of x's length). */
  run(x: ArrayLike<number>, left: Float32Array, right: Float32Array): void {
    const { lines, buffers, heads, gains, poles, absorbed, outs, early } = this;
    for (let n = 0; n < x.length; n++) {
      let input = early[this.earlyHead];
      early[this.earlyHead] = x[n];
      this.earlyHead = (this.earlyHead + 1) % early.length;
      for (const d of this.diffusers) {
        // Schroeder allpass: flat in level, smearing the input over a few ms.
        const delayed = d.buffer[d.head];
        const v = input + DIFFUSION * delayed;
        d.buffer[d.head] = v;
        d.head = (d.head + 1) % d.buffer.length;
        input = delayed - DIFFUSION * v;
      }
      let sum = 0;
      let l = 0;
      let r = 0;
      for (let i = 0; i < lines.length; i++) {
        const out = buffers[i][heads[i]];
        absorbed[i] = (1 - poles[i]) * gains[i] * out + poles[i] * absorbed[i];
        outs[i] = absorbed[i];
        sum += outs[i];
        l += LEFT[i] * out;
        r += RIGHT[i] * out;
      }
      // Householder feedback: each line gets its own output minus a quarter of their sum, plus the input.
      const feedback = (2 / lines.length) * sum;
      for (let i = 0; i < lines.length; i++) {
        buffers[i][heads[i]] = outs[i] - feedback + input;
        heads[i] = (heads[i] + 1) % lines[i];
      }
      left[n] = l;
      right[n] = r;
    }
  }
}

/** Each channel with the reverb added under it (stereo in, stereo out; mono in: the reverb's left in its one
 * channel). The tail stops at the channels' end. */
export function reverb(channels: Float32Array[], rate: number, { decaySeconds, wetDb }: Reverberation): Float32Array[] {
  const mono = Float32Array.from(channels[0], (_, i) => channels.reduce((s, ch) => s + ch[i], 0) / channels.length);
  const tails = reverbTail(mono, rate, decaySeconds);
  const scale = 10 ** (wetDb / 20) * impulseNorm(rate, decaySeconds);
  return channels.map((ch, c) => {
    const tail = tails[channels.length === 1 ? 0 : c % 2];
    return ch.map((v, i) => v + scale * tail[i]);
  });
}

const norms = new Map<string, number>();

/** 1 over the energy of the reverb's impulse response (left), so a unit impulse's tail has unit energy; worked out
 * once per rate and decay (up to 4 s of the network run on an impulse), not again for each piece of a selection. */
export function impulseNorm(rate: number, decaySeconds: number): number {
  const key = `${rate}:${decaySeconds}`;
  const known = norms.get(key);
  if (known !== undefined) return known;
  const impulse = new Float32Array(1);
  impulse[0] = 1;
  const [left] = reverbTail(impulse, rate, decaySeconds, Math.round(Math.min(decaySeconds, 4) * rate));
  const norm = 1 / Math.sqrt(left.reduce((e, v) => e + v * v, 0));
  norms.set(key, norm);
  return norm;
}
