/**
 * Modulation effects, as Audacity's Tremolo and Phaser and a chorus pedal, each driven by a sine LFO that starts at
 * the selection's start:
 * - tremolo: the level swings `rateHz` times a second, from full down to (1 - depth) and back;
 * - phaser: a chain of four first-order allpass filters (two notches) whose break frequency sweeps (200 Hz to 200 Hz * 2^(4 * depth),
 *   evenly in octaves) is mixed half and half with the dry sound, so notches sweep up and down the spectrum; feedback
 *   from the chain's output to its input deepens them;
 * - chorus: copies of the sound through a delay of 20 ms swinging `depthMs` either way (read between samples by
 *   linear interpolation) mixed under it, a second voice slightly off in time and pitch; the right channel's LFO runs
 *   a quarter turn behind the left's, so the chorus is wide;
 * - flanger (a track insert), as a flanger pedal and Logic's Flanger: the sound mixed half and half with itself
 *   through a delay swept from 0.5 ms up to 0.5 + 8 · depth ms and back (the comb's notches sweep, the jet-plane
 *   whoosh), some of the delayed sound fed back into the delay (resonance; negative: the notches' peaks hollow).
 * Each channel is processed on its own; new arrays, the same length.
 */

export interface Tremolo {
  rateHz: number;
  /** How far the level dips, 0 to 1 (1: to silence). */
  depth: number;
}

export interface Phaser {
  rateHz: number;
  /** How far the notches sweep: 0 to 1 (four octaves up from 200 Hz at 1). */
  depth: number;
  /** The chain's output fed back into it, -0.95 to 0.95. */
  feedback: number;
}

export interface Chorus {
  rateHz: number;
  /** How far the delay swings either way from 20 ms, ms. */
  depthMs: number;
  /** The delayed voice's level against the dry sound, 0 to 1. */
  mix: number;
}

export const MOD_RATE_HZ = { min: 0.05, max: 20 } as const;
export const MOD_DEPTH = { min: 0, max: 1 } as const;
export const PHASER_FEEDBACK = { min: -0.95, max: 0.95 } as const;
export const CHORUS_DEPTH_MS = { min: 0, max: 10 } as const;

export interface Flanger {
  rateHz: number;
  /** How far the delay sweeps: 0 to 1 (8 ms at 1). */
  depth: number;
  /** The delayed sound fed back into the delay, -0.95 to 0.95. */
  feedback: number;
}

const FLANGER_LEAST_MS = 0.5;
const FLANGER_SWEEP_MS = 8;

const PHASER_LOW_HZ = 200;
const PHASER_STAGES = 4;
const PHASER_OCTAVES = 4;
const CHORUS_DELAY_MS = 20;

/** A sine LFO's value (-1 to 1) at sample i, a quarter turn behind per channel index `lag`. */
const lfo = (rateHz: number, rate: number, i: number, lag = 0) =>
  Math.sin(2 * Math.PI * (rateHz * (i / rate) - lag / 4));

/** Runs a modulation line over whole channels (new arrays), its LFO from the selection's start. */
function whole(channels: readonly Float32Array[], line: ModulationLine): Float32Array[] {
  const out = channels.map((x) => Float32Array.from(x));
  line.run(out);
  return out;
}

export function tremolo(channels: readonly Float32Array[], rate: number, settings: Tremolo): Float32Array[] {
  return whole(channels, new TremoloLine(rate, settings));
}

export function phaser(channels: readonly Float32Array[], rate: number, settings: Phaser): Float32Array[] {
  return whole(channels, new PhaserLine(rate, settings));
}

export function chorus(channels: readonly Float32Array[], rate: number, settings: Chorus): Float32Array[] {
  return whole(channels, new ChorusLine(rate, settings));
}

/** A modulation effect block by block (in place), its LFO at sample `at` of its own count when it starts: a track's
 * realtime tremolo, phaser or chorus runs the very rule of the destructive effect, with the LFO where the timeline
 * has it. */
export interface ModulationLine {
  run(block: Float32Array[]): void;
  /** Takes new settings (an automated depth), its LFO and memory going on. */
  retune(settings: object): void;
}

export class TremoloLine implements ModulationLine {
  constructor(
    private readonly rate: number,
    private settings: Tremolo,
    private at = 0,
  ) {}

  retune(settings: object): void {
    this.settings = { ...this.settings, ...settings };
  }

  run(block: Float32Array[]): void {
    const { rateHz, depth } = this.settings;
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++, this.at++) {
      const gain = 1 - (depth * (1 - Math.cos(2 * Math.PI * rateHz * (this.at / this.rate)))) / 2;
      for (const channel of block) channel[i] *= gain;
    }
  }
}

/** The coefficient of a first-order allpass whose phase passes -90 degrees at `hz`. */
export function allpassCoefficient(hz: number, rate: number): number {
  const t = Math.tan((Math.PI * hz) / rate);
  return (t - 1) / (t + 1);
}

/** The phaser's break frequency (Hz) at sample i. */
export function phaserHz({ rateHz, depth }: Phaser, rate: number, i: number): number {
  const sweep = (1 - Math.cos(2 * Math.PI * rateHz * (i / rate))) / 2; // 0 to 1, starting at the bottom
  return PHASER_LOW_HZ * 2 ** (PHASER_OCTAVES * depth * sweep);
}

export class PhaserLine implements ModulationLine {
  /** Each channel's allpass chain: its stages' last input and output, and the chain's last output (fed back). */
  private memory: { previousIn: Float64Array; previousOut: Float64Array; last: number }[] = [];

  constructor(
    private readonly rate: number,
    private settings: Phaser,
    private at = 0,
  ) {}

  retune(settings: object): void {
    this.settings = { ...this.settings, ...settings };
  }

  run(block: Float32Array[]): void {
    while (this.memory.length < block.length)
      this.memory.push({
        previousIn: new Float64Array(PHASER_STAGES),
        previousOut: new Float64Array(PHASER_STAGES),
        last: 0,
      });
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++, this.at++) {
      const a = allpassCoefficient(Math.min(phaserHz(this.settings, this.rate, this.at), 0.45 * this.rate), this.rate);
      block.forEach((channel, c) => {
        const m = this.memory[c];
        const v = channel[i];
        let s = v + this.settings.feedback * m.last;
        for (let k = 0; k < PHASER_STAGES; k++) {
          // y[n] = a x[n] + x[n-1] - a y[n-1]
          const y = a * s + m.previousIn[k] - a * m.previousOut[k];
          m.previousIn[k] = s;
          m.previousOut[k] = y;
          s = y;
        }
        m.last = s;
        channel[i] = 0.5 * (v + s);
      });
    }
  }
}

/** A delay line's ring read at sample `from` (fractional: straight between the two samples either side; before the
 * line's first sample, silence). */
function readBack(ring: Float32Array | Float64Array, from: number): number {
  const k = Math.floor(from);
  if (k < 0) return 0;
  const frac = from - k;
  return ring[k % ring.length] * (1 - frac) + ring[(k + 1) % ring.length] * frac;
}

export class ChorusLine implements ModulationLine {
  /** Each channel's sound so far (a ring longer than the longest delay), and how many samples it has taken. */
  private rings: Float32Array[] = [];
  private taken = 0;
  private readonly size: number;

  constructor(
    private readonly rate: number,
    private settings: Chorus,
    private at = 0,
  ) {
    this.size = Math.ceil(((CHORUS_DELAY_MS + CHORUS_DEPTH_MS.max) / 1000) * rate) + 2;
  }

  retune(settings: object): void {
    this.settings = { ...this.settings, ...settings };
  }

  run(block: Float32Array[]): void {
    const { rateHz, depthMs, mix } = this.settings;
    while (this.rings.length < block.length) this.rings.push(new Float32Array(this.size));
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++, this.at++, this.taken++) {
      block.forEach((channel, c) => {
        const ring = this.rings[c];
        const v = channel[i];
        ring[this.taken % this.size] = v;
        const delay = ((CHORUS_DELAY_MS + depthMs * lfo(rateHz, this.rate, this.at, c)) / 1000) * this.rate;
        channel[i] = v + mix * readBack(ring, this.taken - delay);
      });
    }
  }
}

export class FlangerLine implements ModulationLine {
  /** Each channel's delay line (what went in: the sound plus the feedback), and how many samples it has taken. */
  private rings: Float64Array[] = [];
  private taken = 0;
  private readonly size: number;

  constructor(
    private readonly rate: number,
    private settings: Flanger,
    private at = 0,
  ) {
    this.size = Math.ceil(((FLANGER_LEAST_MS + FLANGER_SWEEP_MS) / 1000) * rate) + 2;
  }

  retune(settings: object): void {
    this.settings = { ...this.settings, ...settings };
  }

  run(block: Float32Array[]): void {
    const { rateHz, depth, feedback } = this.settings;
    while (this.rings.length < block.length) this.rings.push(new Float64Array(this.size));
    const length = block[0]?.length ?? 0;
    for (let i = 0; i < length; i++, this.at++, this.taken++) {
      // The sweep starts at its shortest delay (0 to 1, as the phaser's), the right channel a quarter turn behind.
      block.forEach((channel, c) => {
        const sweep = (1 - lfo(rateHz, this.rate, this.at, c - 1)) / 2;
        const delay = ((FLANGER_LEAST_MS + FLANGER_SWEEP_MS * depth * sweep) / 1000) * this.rate;
        const ring = this.rings[c];
        const delayed = readBack(ring, this.taken - delay);
        const v = channel[i];
        ring[this.taken % this.size] = v + feedback * delayed;
        channel[i] = 0.5 * (v + delayed);
      });
    }
  }
}
