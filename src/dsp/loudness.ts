/** Integrated loudness after ITU-R BS.1770-4 (K-weighting, 400 ms blocks, absolute and relative gates), in LUFS. */
import { type Biquad, biquad } from './filters';

/** The two K-weighting stages (high shelf, then high pass), designed for any sample rate by the bilinear transform. */
function kWeighting(rate: number): Biquad[] {
  const shelf = (() => {
    const f0 = 1681.974450955533,
      g = 3.999843853973347,
      q = 0.7071752369554196;
    const k = Math.tan((Math.PI * f0) / rate);
    const vh = 10 ** (g / 20),
      vb = vh ** 0.4996667741545416;
    const a0 = 1 + k / q + k * k;
    return {
      b0: (vh + (vb * k) / q + k * k) / a0,
      b1: (2 * (k * k - vh)) / a0,
      b2: (vh - (vb * k) / q + k * k) / a0,
      a1: (2 * (k * k - 1)) / a0,
      a2: (1 - k / q + k * k) / a0,
    };
  })();
  const highPass = (() => {
    const f0 = 38.13547087602444,
      q = 0.5003270373238773;
    const k = Math.tan((Math.PI * f0) / rate);
    const a0 = 1 + k / q + k * k;
    return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
  })();
  return [shelf, highPass];
}

/** Channel weights: 1 for the front channels; surround channels (index 3 and 4 of 5.1 after LFE) weigh 1.41. LFE is skipped. */
function channelWeight(index: number, count: number): number {
  if (count === 6) return index === 3 ? 0 : index >= 4 ? 1.41 : 1;
  return 1;
}

/** Integrated loudness in LUFS; -Infinity when everything is gated out (silence or shorter than one block). */
export function integratedLoudness(channels: Float32Array[], rate: number): number {
  const stages = kWeighting(rate);
  const weighted = channels.map((ch) => stages.reduce(biquad, ch));
  const block = Math.round(0.4 * rate);
  const hop = Math.round(0.1 * rate);
  const length = channels[0]?.length ?? 0;
  const blockPowers: number[] = [];
  for (let start = 0; start + block <= length; start += hop) {
    let power = 0;
    weighted.forEach((w, c) => {
      let sum = 0;
      for (let i = start; i < start + block; i++) sum += w[i] * w[i];
      power += channelWeight(c, channels.length) * (sum / block);
    });
    blockPowers.push(power);
  }
  const loudnessOf = (p: number) => -0.691 + 10 * Math.log10(p);
  const mean = (ps: number[]) => ps.reduce((s, p) => s + p, 0) / ps.length;
  const absolute = blockPowers.filter((p) => loudnessOf(p) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = loudnessOf(mean(absolute)) - 10;
  const gated = absolute.filter((p) => loudnessOf(p) > relativeGate);
  return loudnessOf(mean(gated));
}
