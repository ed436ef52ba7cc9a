/**
 * Attenuate to the surroundings, as iZotope RX's Spectral Repair ("Attenuate") and Audition's spot healing do it: the
 * user marks an unwanted sound (a cough, a bark, a door, a bird call) over a bed that goes on around it; the audio
 * either side of the mark is the bed's profile, per frequency the level its loud frames reach (SURROUNDINGS_PERCENTILE
 * of them, so the bed's own ups and downs count as bed); inside the mark every time-frequency cell louder than that
 * comes down to it (or to `levelDb` over or under it), the cells at or under it stay as they were. Nothing outside
 * the mark changes. The amplitude gain is min(1, sqrt(level * profile / power)): what is left of the sound sits at the
 * bed's level, so the bed goes on through the mark without a hole where the sound was.
 */
import { bandWeights, easeEdges, type FrequencyBand } from './band';
import { filterFrames, forEachFrame, frameSize, meanPower, OVERLAP, smoothed } from './noise-reduction';

export interface SurroundingsProfile {
  sampleRate: number;
  /** Frame length of the analysis (a power of two, about 46 ms). */
  size: number;
  /** The bed's power per frequency bin (size / 2 + 1 values): its frames' SURROUNDINGS_PERCENTILE. */
  level: number[];
}

/** The level cells are brought down to, in dB over the bed's profile (0: to it); the studio's range. */
export const ATTENUATE_LEVEL_DB = { min: -12, max: 12 } as const;
/** The studio's default level: chosen on the development set (Red Eclipse), see bench/attenuate-bench.ts. */
export const ATTENUATE_DEFAULT_DB = -3;
/** The audio either side of the selection that is heard as its surroundings. */
export const SURROUNDINGS_SECONDS = 3;
/** The surroundings need this much audio (either side together) for a profile. */
export const MIN_SURROUNDINGS_SECONDS = 0.25;
/** The bed's level per frequency: the 90th percentile of its frames (its mean or median would count its loud moments
 * as something to take down; measured in training/README.md, "Attenuate to the surroundings"). */
export const SURROUNDINGS_PERCENTILE = 0.9;

/** The stretches either side of [start, end) heard as its surroundings (the one before clipped at 0; the one after
 * may run past the audio's end, whose silence the profile leaves out). */
export function surroundingsOf(start: number, end: number, sampleRate: number): { start: number; end: number }[] {
  const reach = Math.round(SURROUNDINGS_SECONDS * sampleRate);
  return [
    { start: Math.max(0, start - reach), end: start },
    { start: end, end: end + reach },
  ];
}

/** The profile of the audio before and after a selection (each a list of channels; either may be empty). Frames
 * that are silent (a gap between clips, the project's start) are not the bed and are left out. */
export function surroundingsProfile(
  parts: readonly (readonly Float32Array[])[],
  sampleRate: number,
): SurroundingsProfile {
  const size = frameSize(sampleRate);
  const bins = size / 2 + 1;
  const frames: Float64Array[] = [];
  for (const channels of parts) {
    const length = channels[0]?.length ?? 0;
    if (length < size) continue;
    forEachFrame(channels, size, (spectra, start) => {
      if (start < 0 || start + size > length) return; // frames that run past the part hear its edge, not the bed
      const power = new Float64Array(bins);
      meanPower(spectra, (k, p) => {
        power[k] = p;
      });
      if (power.some((p) => p > 0)) frames.push(smoothed(power, new Float64Array(bins)));
    });
  }
  const hop = size / OVERLAP;
  if (frames.length * hop < MIN_SURROUNDINGS_SECONDS * sampleRate)
    throw new Error(
      `there is no audio either side of the selection to hear the bed in: leave at least ${MIN_SURROUNDINGS_SECONDS} s of it around the selection.`,
    );
  const level = Array.from({ length: bins }, (_, k) => percentile(frames, k, SURROUNDINGS_PERCENTILE));
  return { sampleRate, size, level };
}

/** The value of bin `k` that `q` of the frames are at or under. */
function percentile(frames: readonly Float64Array[], k: number, q: number): number {
  const values = Float64Array.from(frames, (f) => f[k]).sort();
  return values[Math.min(values.length - 1, Math.floor(q * values.length))];
}

export interface AttenuateOptions {
  /** dB over (or under) the profile that louder cells come down to. */
  levelDb: number;
  /** Only cells in this range change (easing out over BAND_EDGE_OCTAVES either side); none: every frequency. */
  band?: FrequencyBand;
  /** Signals that take the same gains (an evaluation's event and bed, apart). */
  follow?: readonly Float32Array[];
}

/** The channels with what rises over the profile brought down to it (new arrays, the same length). */
export function attenuateToSurroundings(
  channels: readonly Float32Array[],
  sampleRate: number,
  profile: SurroundingsProfile,
  { levelDb, band, follow = [] }: AttenuateOptions,
): { channels: Float32Array[]; follow: Float32Array[] } {
  if (profile.sampleRate !== sampleRate)
    throw new Error(`The surroundings were heard at ${profile.sampleRate} Hz, the audio is at ${sampleRate} Hz.`);
  if (!(levelDb >= ATTENUATE_LEVEL_DB.min && levelDb <= ATTENUATE_LEVEL_DB.max))
    throw new Error(
      `The level must be ${ATTENUATE_LEVEL_DB.min} to +${ATTENUATE_LEVEL_DB.max} dB over the surroundings.`,
    );
  const level = 10 ** (levelDb / 10);
  const reach = bandWeights(band, profile.size, sampleRate);
  const gains = new Float64Array(profile.size / 2 + 1);
  const made = filterFrames(
    channels,
    profile.size,
    (heard) => {
      for (let k = 0; k < gains.length; k++) {
        const gain = heard[k] > 0 ? Math.min(1, Math.sqrt((level * profile.level[k]) / heard[k])) : 1;
        gains[k] = 1 - reach[k] * (1 - gain);
      }
      return gains;
    },
    follow,
  );
  made.channels.forEach((y, c) => easeEdges(channels[c], y, sampleRate));
  made.follow.forEach((y, c) => easeEdges(follow[c], y, sampleRate));
  return made;
}
