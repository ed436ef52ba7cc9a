/**
 * Echo, as Audacity's Echo and Audition's Delay: the sound comes back after `delaySeconds`, and again after each
 * further delay, every repeat `decay` times the one before (a feedback comb: y[n] = x[n] + decay y[n - delay]), so a
 * decay of 0.5 makes each echo 6 dB quieter than the last. Channels are echoed apart, each with its own repeats; the
 * repeats stop at the end of the audio they are given, as in Audacity (select silence after a sound to hear them all).
 */

export interface Echoing {
  delaySeconds: number;
  /** Each repeat's level against the one before it (0 to 0.95: 1 would never die away). */
  decay: number;
}

export const ECHO_DELAY_SECONDS = { min: 0.001, max: 10 } as const;
export const ECHO_DECAY = { min: 0, max: 0.95 } as const;

/** The channels with their echoes (new arrays, the same length). */
export function echo(
  channels: readonly Float32Array[],
  rate: number,
  { delaySeconds, decay }: Echoing,
): Float32Array[] {
  return channels.map((x) => {
    const y = x.slice();
    new EchoLine(rate, { delaySeconds, decay }).run(y);
    return y;
  });
}

/** One channel's repeats so far (the last `delay` samples out), so a signal can be echoed block by block (a track's
 * realtime effects) exactly as `echo` does a whole one. */
export class EchoLine {
  private readonly ring: Float32Array;
  private head = 0;

  constructor(
    rate: number,
    private readonly echoing: Echoing,
  ) {
    this.ring = new Float32Array(Math.max(1, Math.round(echoing.delaySeconds * rate)));
  }

  /** Echoes `x` in place, carrying on from the last block. */
  run(x: Float32Array): void {
    const { ring } = this;
    for (let i = 0; i < x.length; i++) {
      const y = x[i] + this.echoing.decay * ring[this.head];
      ring[this.head] = y;
      x[i] = y;
      this.head = (this.head + 1) % ring.length;
    }
  }
}

/** How long after a sound its echoes take to fall 60 dB, s (0 without decay: there are none). */
export function echoTailSeconds({ delaySeconds, decay }: Echoing): number {
  return decay > 0 ? delaySeconds * Math.ceil(3 / Math.log10(1 / decay)) : 0;
}
