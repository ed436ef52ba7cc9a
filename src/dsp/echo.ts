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
  const delay = Math.max(1, Math.round(delaySeconds * rate));
  return channels.map((x) => {
    const y = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = i >= delay ? x[i] + decay * y[i - delay] : x[i];
    return y;
  });
}

/** How long after a sound its echoes take to fall 60 dB, s (0 without decay: there are none). */
export function echoTailSeconds({ delaySeconds, decay }: Echoing): number {
  return decay > 0 ? delaySeconds * Math.ceil(3 / Math.log10(1 / decay)) : 0;
}
