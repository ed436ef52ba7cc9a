/**
 * Loudness and statistics of a programme, as Audition's Amplitude Statistics and RX's Loudness panel give them: the EBU
 * R128 measures, true and sample peaks, RMS, DC offset and samples at full scale, and how far it is from the loudness
 * the places it is delivered to play it at.
 */
import { type Loudness, loudness } from './loudness';
import { truePeak } from './true-peak';

export interface AudioStatistics {
  seconds: number;
  channels: number;
  loudness: Loudness;
  /** dBFS / dBTP; -Infinity for silence. */
  samplePeakDb: number;
  truePeakDb: number;
  /** Over every channel together, dBFS (a full-scale sine reads -3). */
  rmsDb: number;
  /** The largest channel mean, as a percentage of full scale. */
  dcOffsetPercent: number;
  /** Samples within one 16-bit step of full scale or past it: clipped, or about to be in a 16-bit file. */
  fullScaleSamples: number;
}

const FULL_SCALE = 1 - 2 ** -15;
const db = (v: number) => 20 * Math.log10(v);

export function audioStatistics(channels: Float32Array[], rate: number): AudioStatistics {
  let peak = 0;
  let squares = 0;
  let fullScaleSamples = 0;
  let dc = 0;
  for (const ch of channels) {
    let sum = 0;
    for (const v of ch) {
      const magnitude = Math.abs(v);
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= FULL_SCALE) fullScaleSamples++;
      squares += v * v;
      sum += v;
    }
    dc = Math.max(dc, Math.abs(sum / Math.max(1, ch.length)));
  }
  const samples = channels.reduce((n, ch) => n + ch.length, 0);
  return {
    seconds: (channels[0]?.length ?? 0) / rate,
    channels: channels.length,
    loudness: loudness(channels, rate),
    samplePeakDb: db(peak),
    truePeakDb: db(truePeak(channels, rate)),
    rmsDb: samples ? 10 * Math.log10(squares / samples) : -Infinity,
    dcOffsetPercent: 100 * dc,
    fullScaleSamples,
  };
}

/** Where a programme is played, at what loudness, and how high its true peak may go. */
export interface DeliveryTarget {
  name: string;
  lufs: number;
  truePeakDb: number;
}

export const DELIVERY_TARGETS: readonly DeliveryTarget[] = [
  { name: 'Spotify, YouTube, Tidal', lufs: -14, truePeakDb: -1 },
  { name: 'Apple Music, podcasts', lufs: -16, truePeakDb: -1 },
  { name: 'Broadcast (EBU R128)', lufs: -23, truePeakDb: -1 },
  { name: 'US television (ATSC A/85)', lufs: -24, truePeakDb: -2 },
];

/** Within this much of a target's loudness is on target (EBU R128 allows ±1 LU for live programmes). */
const ON_TARGET_LU = 0.5;

/** How the programme stands against a target, in words ("2.3 LU too loud; true peak 0.4 dB over -1 dBTP"). */
export function deliveryCheck(stats: AudioStatistics, target: DeliveryTarget): string {
  const { integrated } = stats.loudness;
  if (!Number.isFinite(integrated)) return 'nothing to measure (silence, or shorter than 0.4 s)';
  const off = integrated - target.lufs;
  const level =
    Math.abs(off) <= ON_TARGET_LU ? 'on target' : `${Math.abs(off).toFixed(1)} LU too ${off > 0 ? 'loud' : 'quiet'}`;
  // Brought to the target by gain alone, the true peak moves with it.
  const peakThere = stats.truePeakDb - off;
  const peak =
    peakThere > target.truePeakDb
      ? `; at ${target.lufs} LUFS its true peak would be ${(peakThere - target.truePeakDb).toFixed(1)} dB over ${target.truePeakDb} dBTP (Limit its true peaks first)`
      : '';
  return level + peak;
}
