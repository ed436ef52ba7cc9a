/**
 * General MIDI's drums (the percussion channel's notes) made from sines and noise: a kick's falling sine, a snare's
 * noise over a body tone, hats and cymbals as noise with the lows taken away, toms tuned by their note. Each is one
 * shot: its sound rings out the same whatever the note's length.
 */
import { seededRandom } from './dither';

interface Drum {
  /** The body's pitch at rest and how far above it the strike starts (ratio), Hz; 0: no body. */
  hz: number;
  sweep: number;
  bodyTau: number;
  /** Noise level against the body's and its decay; how many times the noise is differenced (more: brighter). */
  noise: number;
  noiseTau: number;
  brightness: number;
  /** Bursts a few ms apart before the decay (a clap's hands). */
  bursts?: number;
}

const KICK: Drum = { hz: 50, sweep: 2, bodyTau: 0.25, noise: 0.15, noiseTau: 0.004, brightness: 1 };
const SNARE: Drum = { hz: 190, sweep: 0.2, bodyTau: 0.08, noise: 0.9, noiseTau: 0.12, brightness: 1 };
const RIM: Drum = { hz: 420, sweep: 0, bodyTau: 0.02, noise: 0.6, noiseTau: 0.02, brightness: 1 };
const CLAP: Drum = { hz: 0, sweep: 0, bodyTau: 0, noise: 1, noiseTau: 0.1, brightness: 1, bursts: 3 };
const CLOSED_HAT: Drum = { hz: 0, sweep: 0, bodyTau: 0, noise: 0.7, noiseTau: 0.03, brightness: 2 };
const OPEN_HAT: Drum = { hz: 0, sweep: 0, bodyTau: 0, noise: 0.6, noiseTau: 0.25, brightness: 2 };
const CRASH: Drum = { hz: 0, sweep: 0, bodyTau: 0, noise: 0.6, noiseTau: 0.6, brightness: 2 };
const RIDE: Drum = { hz: 3100, sweep: 0, bodyTau: 0.4, noise: 0.4, noiseTau: 0.5, brightness: 2 };
const SHAKER: Drum = { hz: 0, sweep: 0, bodyTau: 0, noise: 0.5, noiseTau: 0.05, brightness: 2 };

/** General MIDI's low floor tom (41) to high tom (50), as pitches from 80 to 200 Hz. */
const TOMS = [41, 43, 45, 47, 48, 50];
const tom = (note: number): Drum => ({
  hz: 80 * (200 / 80) ** (TOMS.indexOf(note) / (TOMS.length - 1)),
  sweep: 0.5,
  bodyTau: 0.3,
  noise: 0.2,
  noiseTau: 0.03,
  brightness: 1,
});

/** The drum a General MIDI percussion note plays (a shaker's short noise for those not made here). */
export function drumOf(note: number): Drum {
  if (note === 35 || note === 36) return KICK;
  if (note === 38 || note === 40) return SNARE;
  if (note === 37) return RIM;
  if (note === 39) return CLAP;
  if (note === 42 || note === 44) return CLOSED_HAT;
  if (note === 46) return OPEN_HAT;
  if (note === 49 || note === 52 || note === 55 || note === 57) return CRASH;
  if (note === 51 || note === 53 || note === 59) return RIDE;
  if (TOMS.includes(note)) return tom(note);
  return SHAKER;
}

/** How long a drum rings, s (its slowest part down 60 dB). */
export const ringSeconds = (drum: Drum) => 6.9 * Math.max(drum.bodyTau, drum.noiseTau);

/** A drum hit at full level (velocity scales it after), as long as it rings; the same note hits the same noise. */
export function drumHit(note: number, rate: number): Float32Array {
  const drum = drumOf(note);
  const out = new Float32Array(Math.ceil(ringSeconds(drum) * rate));
  const random = seededRandom(note);
  const burstGap = Math.round(0.011 * rate);
  const body = drum.bodyTau > 0 ? Math.exp(-1 / (drum.bodyTau * rate)) : 0;
  const hiss = Math.exp(-1 / (drum.noiseTau * rate));
  const sweepFall = Math.exp(-1 / (0.04 * rate));
  let bodyLevel = 1;
  let noiseLevel = drum.noise;
  let sweep = drum.sweep;
  let phase = 0;
  const history = [0, 0, 0];
  for (let t = 0; t < out.length; t++) {
    // Differencing white noise takes its lows away: once for a snare's rattle, twice for a cymbal's sizzle.
    let noise = 2 * random() - 1;
    for (let d = 0; d < drum.brightness; d++) [noise, history[d]] = [(noise - history[d]) * 0.5, noise];
    if (drum.bursts && t < drum.bursts * burstGap && t % burstGap === 0) noiseLevel = drum.noise;
    const tone = drum.hz > 0 ? Math.sin(phase) * bodyLevel : 0;
    out[t] = tone + noise * noiseLevel;
    phase += (2 * Math.PI * drum.hz * (1 + sweep)) / rate;
    sweep *= sweepFall;
    bodyLevel *= body;
    noiseLevel *= hiss;
  }
  return out;
}
