/**
 * A de-esser, as Audition's DeEsser and RX's De-ess (split band): the sibilance of a voice (the hiss of s, sh, ch,
 * over 5 kHz by default) is turned down where it rises over a threshold, and only there, so a bright consonant no
 * longer spits while the rest of the voice keeps its level and its air. The band over the frequency is taken out by a
 * Butterworth high-pass run forwards and backwards (src/dsp/filters.ts; zero phase, so the band is in step with the
 * recording and taking part of it away leaves the rest as it was) and the recording becomes x + (g - 1) * band: where
 * the gain g is 1 that is the recording itself, bit for bit. The band's level is its RMS over 5 ms around each sample (the loudest
 * channel); what rises over the threshold is brought down to it, by at most the reduction; the gain starts down 1 ms
 * ahead and comes back over 50 ms, evenly in decibels; all channels get the same gain.
 */
import { filter } from './filters';

export interface DeEssing {
  /** Where sibilance starts, Hz. */
  hz: number;
  /** The band's level (RMS dBFS over 5 ms) that sibilance is brought down to. */
  thresholdDb: number;
  /** The most it is turned down, dB (positive). */
  maxReductionDb: number;
}

/** Where a de-esser starts: sibilance over 5 kHz brought down to -30 dBFS, by 12 dB at most. */
export const DEESS_DEFAULTS: DeEssing = { hz: 5000, thresholdDb: -30, maxReductionDb: 12 };

export const DEESS_HZ = { min: 2000, max: 12000 } as const;
export const DEESS_THRESHOLD_DB = { min: -60, max: 0 } as const;
export const DEESS_REDUCTION_DB = { min: 1, max: 40 } as const;

/** The band's level is its RMS over this window, centred on each sample; the gain starts down this far ahead of
 * sibilance and comes back over the release (seconds): the realtime de-esser (src/dsp/deess-line.ts) keeps them. */
export const WINDOW_SECONDS = 0.005;
export const ATTACK_SECONDS = 0.001;
export const RELEASE_SECONDS = 0.05;

/** How far (dB, >= 0) the band is turned down at each sample. */
export function deessReductionDb(bands: Float32Array[], rate: number, s: DeEssing): Float32Array {
  const length = bands[0]?.length ?? 0;
  const half = Math.max(1, Math.round((WINDOW_SECONDS * rate) / 2));
  // Prefix sums of each channel's squared band, so the RMS around a sample costs two lookups.
  const sums = bands.map((b) => {
    const sum = new Float64Array(length + 1);
    for (let i = 0; i < length; i++) sum[i + 1] = sum[i] + b[i] * b[i];
    return sum;
  });
  const target = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const [from, to] = [Math.max(0, i - half), Math.min(length, i + half + 1)];
    let power = 0;
    for (const sum of sums) power = Math.max(power, (sum[to] - sum[from]) / (to - from));
    const over = 10 * Math.log10(power + 1e-30) - s.thresholdDb;
    target[i] = Math.max(0, Math.min(s.maxReductionDb, over));
  }
  // Back up evenly: down within the attack (a pass from the end), up over the release (a pass from the start).
  const attackStep = s.maxReductionDb / Math.max(1, ATTACK_SECONDS * rate);
  const releaseStep = s.maxReductionDb / Math.max(1, RELEASE_SECONDS * rate);
  for (let i = length - 2; i >= 0; i--) target[i] = Math.max(target[i], target[i + 1] - attackStep);
  for (let i = 1; i < length; i++) target[i] = Math.max(target[i], target[i - 1] - releaseStep);
  return target;
}

/** The high-pass forwards, then backwards over its output: its phase shifts cancel. */
function zeroPhaseHighpass(x: Float32Array, hz: number, rate: number): Float32Array {
  return filter(filter(x, 'highpass', hz, rate).reverse(), 'highpass', hz, rate).reverse();
}

/** The channels de-essed (new arrays): every sample the gain leaves at 1 is the recording's own. */
export function deess(channels: Float32Array[], rate: number, s: DeEssing): Float32Array[] {
  const bands = channels.map((c) => zeroPhaseHighpass(c, s.hz, rate));
  const reduction = deessReductionDb(bands, rate, s);
  return channels.map((c, ch) => {
    const y = Float32Array.from(c);
    for (let i = 0; i < y.length; i++) if (reduction[i] > 0) y[i] += (10 ** (-reduction[i] / 20) - 1) * bands[ch][i];
    return y;
  });
}
