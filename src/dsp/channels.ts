/** Channel operations, as every editor has them: a stereo recording folded to mono (the channels' mean, as Audacity's
 * Stereo to Mono, in every channel it has: a one-channel clip on a stereo track would be panned 3 dB down, as Web
 * Audio pans a mono source), its left and right swapped, or its polarity inverted (every sample negated). */

export type ChannelOperation = 'mono' | 'swap' | 'invert';

export const CHANNEL_OPERATIONS: Readonly<Record<ChannelOperation, string>> = {
  mono: 'Stereo to mono',
  swap: 'Swap left and right',
  invert: 'Invert polarity',
};

/** The channels after the operation (new arrays; a mono recording is its own mono and has nothing to swap). */
export function channelOperation(channels: Float32Array[], operation: ChannelOperation): Float32Array[] {
  switch (operation) {
    case 'mono': {
      const mean = Float32Array.from(channels[0], (_, i) => channels.reduce((s, ch) => s + ch[i], 0) / channels.length);
      return channels.map(() => mean.slice());
    }
    case 'swap':
      return channels.length === 2 ? [channels[1].slice(), channels[0].slice()] : channels.map((ch) => ch.slice());
    case 'invert':
      return channels.map((ch) => ch.map((v) => -v));
  }
}

/** Averages channels to mono (the model's input, the pitch tracker's); one channel is itself. */
export function toMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i] += ch[i] / channels.length;
  return out;
}
