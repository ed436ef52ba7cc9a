/** Test signals for De-clip: three partials with a swell and a little noise, and a cut at a ceiling. */
export const RATE = 44100;

/** A second of three partials and a little noise, peaking at `peak`. */
export function tones(peak: number, seconds = 1): Float32Array {
  let seed = 7;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  const x = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < x.length; i++) {
    const t = i / RATE;
    const swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 1.5 * t);
    x[i] =
      swell *
        (Math.sin(2 * Math.PI * 220 * t) +
          0.5 * Math.sin(2 * Math.PI * 331 * t + 1) +
          0.25 * Math.sin(2 * Math.PI * 1250 * t + 2)) +
      0.01 * noise();
  }
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  return x.map((v) => (v * peak) / max);
}

export const clip = (x: Float32Array, high: number, low = -high) => x.map((v) => Math.min(high, Math.max(low, v)));

/** Signal-to-distortion ratio of `estimate` against `reference`, in dB. */
export function sdr(estimate: Float32Array, reference: Float32Array): number {
  let signal = 0;
  let error = 0;
  reference.forEach((r, i) => {
    signal += r * r;
    error += (estimate[i] - r) ** 2;
  });
  return 10 * Math.log10(signal / error);
}

/** The level under which all but `percent` % of the samples of every channel lie: driven by 1 / it, that share of
 * them goes past full scale. */
export function levelOfShare(channels: Float32Array[], percent: number): number {
  const all = Float32Array.from(channels.flatMap((c) => Array.from(c, Math.abs))).sort();
  return all[Math.min(all.length - 1, Math.floor(all.length * (1 - percent / 100)))];
}
