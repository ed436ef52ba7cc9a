/** Min/max waveform envelopes at several resolutions, so any zoom draws from a few thousand numbers. */

/** Samples per peak at each stored level, finest first. */
export const PEAK_LEVELS = [64, 512, 4096, 32768] as const;

/** One resolution of the envelope: `data` interleaves [max0, min0, max1, min1, ...] over buckets of `samplesPerPeak`. */
export interface PeakLevel {
  samplesPerPeak: number;
  data: Float32Array;
}

/** Envelope of all channels together (max over channels of the max, min of the min). */
export function computePeakLevels(channels: Float32Array[], levels: readonly number[] = PEAK_LEVELS): PeakLevel[] {
  const finest = envelope(channels, levels[0]);
  const out: PeakLevel[] = [{ samplesPerPeak: levels[0], data: finest }];
  for (let i = 1; i < levels.length; i++) {
    const factor = levels[i] / levels[i - 1];
    out.push({ samplesPerPeak: levels[i], data: coarsen(out[i - 1].data, factor) });
  }
  return out;
}

/** Envelope of raw samples over buckets of `size` samples, for a range of the channels. */
export function envelope(
  channels: Float32Array[],
  size: number,
  from = 0,
  to = channels[0]?.length ?? 0,
): Float32Array {
  const buckets = Math.ceil((to - from) / size);
  const out = new Float32Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    const start = from + b * size;
    const end = Math.min(to, start + size);
    let max = -Infinity;
    let min = Infinity;
    for (const ch of channels) {
      for (let i = start; i < end; i++) {
        const v = ch[i];
        if (v > max) max = v;
        if (v < min) min = v;
      }
    }
    out[2 * b] = max;
    out[2 * b + 1] = min;
  }
  return out;
}

function coarsen(fine: Float32Array, factor: number): Float32Array {
  const fineBuckets = fine.length / 2;
  const buckets = Math.ceil(fineBuckets / factor);
  const out = new Float32Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    let max = -Infinity;
    let min = Infinity;
    const end = Math.min(fineBuckets, (b + 1) * factor);
    for (let i = b * factor; i < end; i++) {
      if (fine[2 * i] > max) max = fine[2 * i];
      if (fine[2 * i + 1] < min) min = fine[2 * i + 1];
    }
    out[2 * b] = max;
    out[2 * b + 1] = min;
  }
  return out;
}

/**
 * The envelope of samples [from, to) at about `buckets` buckets, read from the coarsest stored level that is still
 * fine enough, or from the samples themselves when zoomed in closer than the finest level.
 */
export function peaksForRange(
  levels: PeakLevel[],
  channels: Float32Array[] | undefined,
  from: number,
  to: number,
  buckets: number,
): Float32Array {
  const wanted = Math.max(1, (to - from) / Math.max(1, buckets));
  const level = [...levels].reverse().find((l) => l.samplesPerPeak <= wanted);
  if (!level) {
    if (channels) return envelope(channels, Math.max(1, Math.floor(wanted)), from, to);
    return levels[0] ? sliceLevel(levels[0], from, to) : new Float32Array(0);
  }
  return sliceLevel(level, from, to);
}

function sliceLevel(level: PeakLevel, from: number, to: number): Float32Array {
  const first = Math.floor(from / level.samplesPerPeak);
  const last = Math.ceil(to / level.samplesPerPeak);
  return level.data.slice(2 * first, 2 * last);
}

/** A sample this far from zero is at full scale: the most a 16-bit file holds (32767/32768), or past it. */
export const FULL_SCALE = 32767 / 32768;

/** The runs [first, end) of an envelope's buckets that reach full scale either way, as Audacity's Show Clipping marks
 * them: where a recording clipped (or a float clip would, written to a file as it is). */
export function fullScaleRuns(peaks: Float32Array, level = FULL_SCALE): [number, number][] {
  const runs: [number, number][] = [];
  for (let b = 0; b < peaks.length / 2; b++) {
    if (!(peaks[2 * b] >= level || peaks[2 * b + 1] <= -level)) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === b) last[1] = b + 1;
    else runs.push([b, b + 1]);
  }
  return runs;
}

/** How far down a waveform drawn in decibels reaches: its centre line is this many dB under full scale. */
export const DB_WAVEFORM_RANGE = 60;

/** An envelope redrawn on a decibel scale, as Audacity's Waveform (dB) view: each value's level from -`range` dB
 * (the centre line) to 0 dB (the edge), its sign kept, so quiet recordings fill the track. */
export function dbScalePeaks(peaks: Float32Array, range = DB_WAVEFORM_RANGE): Float32Array {
  return peaks.map((v) => {
    const db = 20 * Math.log10(Math.abs(v));
    return Math.sign(v) * Math.min(1, Math.max(0, (db + range) / range));
  });
}
