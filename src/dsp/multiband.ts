/**
 * A three-band compressor, as a mastering engineer's multiband (Ozone Dynamics, FabFilter Pro-MB, Reaper's ReaXcomp):
 * the sound is split at two crossovers into lows, mids and highs by Linkwitz-Riley filters (24 dB an octave; the
 * lows also through the high crossover's low-pass and high-pass added, so all three bands turn their phase alike and
 * add back up to the sound with a flat spectrum), each band compressed on its own (the Compressor's detector and
 * knee: a boomy bass held down without the cymbals ducking with it), and the bands summed with a make-up gain. With
 * every ratio at 1 it is the allpass of the two crossovers: the spectrum as it was.
 */
import { Compressor, RATIO, THRESHOLD_DB } from './compressor';
import { BiquadState, linkwitzRiley } from './filters';

export interface BandDynamics {
  thresholdDb: number;
  ratio: number;
}

export interface Multiband {
  /** Where the lows end and the mids begin, Hz. */
  lowHz: number;
  /** Where the mids end and the highs begin, Hz. */
  highHz: number;
  /** Lows, mids, highs. */
  bands: [BandDynamics, BandDynamics, BandDynamics];
  makeupDb: number;
  /** One band alone (0 lows, 1 mids, 2 highs), to hear what it holds and what it does, as a multiband's solo. */
  solo?: number;
}

/** Where a multiband compressor starts, as a mastering preset's: crossovers at 120 Hz and 4 kHz, the lows held
 * hardest (a boomy bass), the mids and highs gently, 2 dB of make-up. */
export const MULTIBAND_DEFAULTS: Multiband = {
  lowHz: 120,
  highHz: 4000,
  bands: [
    { thresholdDb: -24, ratio: 3 },
    { thresholdDb: -20, ratio: 2 },
    { thresholdDb: -20, ratio: 2 },
  ],
  makeupDb: 2,
};

export const CROSSOVER_HZ = { min: 40, max: 16000 } as const;
export const MULTIBAND_MAKEUP_DB = { min: 0, max: 24 } as const;
export const BAND_NAMES = ['Lows', 'Mids', 'Highs'] as const;
/** How far apart the crossovers must be (a ratio: an octave), so the mids are a band. */
const LEAST_SPREAD = 2;

/** Why the settings cannot run, or null. */
export function multibandProblem({ lowHz, highHz, bands, makeupDb, solo }: Multiband): string | null {
  const within = (v: number, { min, max }: { min: number; max: number }) => v >= min && v <= max;
  if (!within(lowHz, CROSSOVER_HZ) || !within(highHz, CROSSOVER_HZ))
    return `The crossovers must be ${CROSSOVER_HZ.min} to ${CROSSOVER_HZ.max} Hz.`;
  if (!(highHz >= LEAST_SPREAD * lowHz)) return 'The high crossover must be an octave or more over the low one.';
  if (!Array.isArray(bands) || bands.length !== 3) return 'A multiband compressor has three bands.';
  for (const [i, band] of bands.entries()) {
    if (!within(band?.thresholdDb, THRESHOLD_DB))
      return `The ${BAND_NAMES[i].toLowerCase()}' threshold must be ${THRESHOLD_DB.min} to ${THRESHOLD_DB.max} dBFS.`;
    if (!within(band.ratio, RATIO))
      return `The ${BAND_NAMES[i].toLowerCase()}' ratio must be ${RATIO.min} to ${RATIO.max}.`;
  }
  if (solo !== undefined && ![0, 1, 2].includes(solo)) return 'A solo band is the lows, the mids or the highs.';
  if (!within(makeupDb, MULTIBAND_MAKEUP_DB))
    return `The make-up gain must be ${MULTIBAND_MAKEUP_DB.min} to ${MULTIBAND_MAKEUP_DB.max} dB.`;
  return null;
}

/** The filters that take one channel apart: its own memory for each. */
class Splitter {
  private readonly lowOfAll: BiquadState[];
  private readonly restOfAll: BiquadState[];
  private readonly midOfRest: BiquadState[];
  private readonly highOfRest: BiquadState[];
  /** The lows through the high crossover's two halves, added: its phase turn without its split. */
  private readonly lowBelow: BiquadState[];
  private readonly lowAbove: BiquadState[];

  constructor(rate: number, lowHz: number, highHz: number) {
    const states = (type: 'lowpass' | 'highpass', hz: number) =>
      linkwitzRiley(type, Math.min(hz, 0.45 * rate), rate).map((s) => new BiquadState(s));
    this.lowOfAll = states('lowpass', lowHz);
    this.restOfAll = states('highpass', lowHz);
    this.midOfRest = states('lowpass', highHz);
    this.highOfRest = states('highpass', highHz);
    this.lowBelow = states('lowpass', highHz);
    this.lowAbove = states('highpass', highHz);
  }

  /** `x` taken apart into `low`, `mid` and `high` (each as long as `x`). */
  split(x: Float32Array, [low, mid, high]: Float32Array[]): void {
    const through = (into: Float32Array, from: Float32Array, states: BiquadState[]) => {
      into.set(from);
      for (const s of states) s.run(into);
    };
    through(mid, x, this.restOfAll);
    through(high, mid, this.highOfRest);
    through(mid, mid, this.midOfRest);
    through(low, x, this.lowOfAll);
    // `x`'s array holds the lows' high half for a moment; the lows become their two halves added.
    through(x, low, this.lowAbove);
    for (const s of this.lowBelow) s.run(low);
    for (let i = 0; i < low.length; i++) low[i] += x[i];
  }
}

/** The multiband compressor block by block, in place, its filters' and detectors' memory carried on. */
export class MultibandLine {
  private splitters: Splitter[] = [];
  private readonly compressors: Compressor[];
  private makeup: number;
  private solo: number | undefined;
  /** Per band, per channel: the band of the block (only ever grown). */
  private bands: Float32Array[][] = [];

  constructor(
    private readonly rate: number,
    private readonly settings: Multiband,
  ) {
    this.compressors = settings.bands.map((b) => new Compressor(rate, b));
    this.makeup = 10 ** (settings.makeupDb / 20);
    this.solo = settings.solo;
  }

  /** Takes the bands' thresholds and ratios and the make-up gain as it plays, the detectors going on (the
   * crossovers are the line's own). */
  retune({ bands, makeupDb, solo }: Pick<Multiband, 'bands' | 'makeupDb' | 'solo'>): void {
    this.solo = solo;
    bands.forEach((band, b) => {
      this.compressors[b].retune(band);
    });
    this.makeup = 10 ** (makeupDb / 20);
  }

  /** How far each band is turned down now, dB (lows, mids, highs). */
  get reductionsDb(): number[] {
    return this.compressors.map((c) => c.reductionDb);
  }

  run(block: Float32Array[]): void {
    const length = block[0]?.length ?? 0;
    if (this.splitters.length !== block.length) {
      const { lowHz, highHz } = this.settings;
      this.splitters = block.map(() => new Splitter(this.rate, lowHz, highHz));
    }
    if ((this.bands[0]?.[0]?.length ?? 0) < length)
      this.bands = [0, 1, 2].map(() => block.map(() => new Float32Array(length)));
    const bands = this.bands.map((channels) => channels.map((c) => c.subarray(0, length)));
    block.forEach((channel, c) => {
      this.splitters[c].split(channel, [bands[0][c], bands[1][c], bands[2][c]]);
    });
    bands.forEach((channels, b) => {
      this.compressors[b].run(channels);
    });
    const { makeup, solo } = this;
    block.forEach((channel, c) => {
      const [lows, mids, highs] = [bands[0][c], bands[1][c], bands[2][c]];
      if (solo === undefined) for (let i = 0; i < length; i++) channel[i] = makeup * (lows[i] + mids[i] + highs[i]);
      else for (let i = 0; i < length; i++) channel[i] = makeup * bands[solo][c][i];
    });
  }
}
