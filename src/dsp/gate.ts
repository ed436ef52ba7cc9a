/**
 * A noise gate, as Audacity's Noise Gate: where the recording stays under a threshold (the peak of every channel
 * together), it is turned down by a fixed amount, so the hiss, hum and room noise between a speaker's phrases goes
 * quiet while the phrases themselves pass untouched. The gate opens over the attack before a sound crosses the
 * threshold (it looks ahead, so no onset is cut), stays open for the hold after the sound falls under it (the tail of a
 * word is not chopped) and then closes over the release; the gain moves evenly in decibels.
 */

export interface Gating {
  thresholdDb: number;
  /** How far the gate turns the quiet stretches down (negative dB). */
  reductionDb: number;
}

export const GATE_THRESHOLD_DB = { min: -80, max: -10 } as const;
export const GATE_REDUCTION_DB = { min: -60, max: -1 } as const;

const ATTACK_SECONDS = 0.01;
const HOLD_SECONDS = 0.05;
const RELEASE_SECONDS = 0.1;

/** The gate's gain in dB for every sample: 0 where open, `reductionDb` where closed. */
export function gateGainDb(channels: Float32Array[], rate: number, { thresholdDb, reductionDb }: Gating): Float32Array {
  const length = channels[0]?.length ?? 0;
  const threshold = 10 ** (thresholdDb / 20);
  // Prefix counts of samples at or over the threshold, so "any in a window" costs two lookups.
  const over = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) {
    let loud = false;
    for (const ch of channels) if (Math.abs(ch[i]) >= threshold) loud = true;
    over[i + 1] = over[i] + (loud ? 1 : 0);
  }
  const attack = Math.max(1, Math.round(ATTACK_SECONDS * rate));
  const hold = Math.round(HOLD_SECONDS * rate);
  const openStep = -reductionDb / attack;
  const closeStep = -reductionDb / Math.max(1, Math.round(RELEASE_SECONDS * rate));
  const gain = new Float32Array(length);
  let db = over[Math.min(length, attack)] > 0 ? 0 : reductionDb;
  for (let i = 0; i < length; i++) {
    // Open where a sample over the threshold lies within the hold behind or the attack ahead.
    const open = over[Math.min(length, i + attack + 1)] - over[Math.max(0, i - hold)] > 0;
    db = open ? Math.min(0, db + openStep) : Math.max(reductionDb, db - closeStep);
    gain[i] = db;
  }
  return gain;
}

/** The channels gated (new arrays) and the share of samples the gate held fully closed. */
export function gate(
  channels: Float32Array[],
  rate: number,
  gating: Gating,
): { channels: Float32Array[]; closed: number } {
  const gainDb = gateGainDb(channels, rate, gating);
  const out = channels.map((ch) => ch.map((v, i) => (gainDb[i] === 0 ? v : v * 10 ** (gainDb[i] / 20))));
  return { channels: out, closed: closedShare(gainDb, gating.reductionDb) };
}

/** The share of samples a gate's gain (gateGainDb) holds fully closed. */
export function closedShare(gainDb: Float32Array, reductionDb: number): number {
  let closed = 0;
  for (const g of gainDb) if (g <= reductionDb) closed++;
  return gainDb.length ? closed / gainDb.length : 0;
}
