/**
 * Vocal reduction and isolation, as Audacity's effect of that name and a karaoke "vocal remover": in most stereo mixes
 * the voice (and often the bass, the kick and a solo) is panned to the centre, the same in both channels, while the
 * rest of the mix is spread between them. Every short-time spectrum is split bin by bin into what the channels share in
 * phase and level (the centre) and the rest: where the cross-power Re(L R*) (smoothed over a few bins and about 30 ms)
 * holds a centred sound's power P and each channel also carries its own, uncorrelated sound of power B, the centre is
 * taken as g^2 (L + R) / 2 with g = 2 Re(L R*) / (|L|^2 + |R|^2 averaged + Re(L R*)), the Wiener gain for P in the mid
 * channel (P / (P + B / 2)), squared so that the power two independent channels share by chance takes less of them (on
 * a wide noise bed, 0.4 dB instead of 0.8); a sound panned off centre counts less (2ab / (a^2 + b^2) of it, before
 * squaring; none when hard panned) and one out of phase not at all. Remove takes the centre out of both channels;
 * isolate keeps only it, in both. Only frequencies between `lowHz` and `highHz` are touched, so a vocal remover can
 * leave the bass and the kick below 80 Hz (the studio's default: a man's voice goes down to about 85 Hz) where they
 * are. Frames are processed as they come (overlap-add), as in noise reduction.
 */
import { editFrames, frameSize, OVERLAP, smoothed } from './noise-reduction';

export type CenterOperation = 'remove' | 'isolate';

export interface CenterExtraction {
  operation: CenterOperation;
  /** The band where the centre is taken out or kept, Hz; outside it remove leaves the sound and isolate silences it. */
  lowHz: number;
  highHz: number;
}

export const CENTER_HZ = { min: 0, max: 96000 } as const;
export const CENTER_OPERATIONS: Record<CenterOperation, string> = {
  remove: 'Remove the centre (vocals)',
  isolate: 'Isolate the centre (vocals)',
};

/** How long the cross-power is averaged over, s: long enough to tell a shared sound from chance, short enough to
 * follow a syllable. */
const SMOOTH_SECONDS = 0.03;

/** The centre's gain per bin, frame after frame, from the channels' spectra (state carried between frames). */
function centerGains(bins: number, hopSeconds: number) {
  const raw = { pl: new Float64Array(bins), pr: new Float64Array(bins), x: new Float64Array(bins) };
  const near = { pl: new Float64Array(bins), pr: new Float64Array(bins), x: new Float64Array(bins) };
  const held = { pl: new Float64Array(bins), pr: new Float64Array(bins), x: new Float64Array(bins) };
  const keep = Math.exp(-hopSeconds / SMOOTH_SECONDS);
  const gains = new Float64Array(bins);
  return (l: { re: Float64Array; im: Float64Array }, r: { re: Float64Array; im: Float64Array }) => {
    for (let k = 0; k < bins; k++) {
      raw.pl[k] = l.re[k] * l.re[k] + l.im[k] * l.im[k];
      raw.pr[k] = r.re[k] * r.re[k] + r.im[k] * r.im[k];
      raw.x[k] = l.re[k] * r.re[k] + l.im[k] * r.im[k];
    }
    for (const key of ['pl', 'pr', 'x'] as const) {
      smoothed(raw[key], near[key]);
      const h = held[key];
      for (let k = 0; k < bins; k++) h[k] = keep * h[k] + (1 - keep) * near[key][k];
    }
    for (let k = 0; k < bins; k++) {
      const shared = Math.max(0, held.x[k]);
      const total = (held.pl[k] + held.pr[k]) / 2 + shared;
      // Squared: two independent channels share some power by chance, and a small share should count for less.
      gains[k] = total > 1e-20 ? Math.min(1, (2 * shared) / total) ** 2 : 0;
    }
    return gains;
  };
}

/** The two channels with their centre taken out or kept alone (new arrays, the same length). */
export function extractCenter(
  channels: readonly Float32Array[],
  sampleRate: number,
  { operation, lowHz, highHz }: CenterExtraction,
): Float32Array[] {
  if (channels.length !== 2) throw new Error('Vocal reduction and isolation needs a stereo (two-channel) recording.');
  const size = frameSize(sampleRate);
  const bins = size / 2 + 1;
  const from = Math.max(0, Math.ceil((lowHz * size) / sampleRate));
  const to = Math.min(bins - 1, Math.floor((highHz * size) / sampleRate));
  const gainsOf = centerGains(bins, size / OVERLAP / sampleRate);
  return editFrames(channels, size, ([l, r]) => {
    const gains = gainsOf(l, r);
    for (let k = 0; k < bins; k++) {
      const g = k >= from && k <= to ? gains[k] : 0;
      const midRe = (g * (l.re[k] + r.re[k])) / 2;
      const midIm = (g * (l.im[k] + r.im[k])) / 2;
      if (operation === 'remove') {
        l.re[k] -= midRe;
        l.im[k] -= midIm;
        r.re[k] -= midRe;
        r.im[k] -= midIm;
      } else {
        l.re[k] = r.re[k] = midRe;
        l.im[k] = r.im[k] = midIm;
      }
    }
  });
}
