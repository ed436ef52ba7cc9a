/**
 * Pitch correction as it plays, as Auto-Tune's plug-in on an insert: the whole-clip corrector's steps
 * (src/dsp/pitch-correct.ts) taken one by one as the samples come, each as soon as what it reads has arrived. The
 * tracker hears the same 16 kHz samples (the resampler's own, sample by sample), the same frames, the same held notes
 * and retune speed, the same pitch marks and grains, so the sound is the whole-clip correction's, LATENCY_SECONDS late
 * (the chain's delay compensation makes that up); how the samples are cut into blocks changes nothing.
 */
import { type PitchCorrection, Retuner } from './pitch-correct';
import {
  frameHz,
  HOP,
  medianFrame,
  PITCH_RANGE_HZ,
  TRACK_RATE,
  type TrackerRange,
  trackerRange,
  yinScratch,
} from './pitch-track';
import { layGrains, markAfter, markReach, UNVOICED_STEP_SECONDS } from './psola';
import { resampledAt, resampleReach } from './resample';

/** How late the corrected sound comes, by the lowest note listened for: the tracker reads past a frame's centre (18 ms
 * from 60 Hz, 15 from 100), and a grain's marks need up to three of the lowest voice's periods after it. Voices at
 * the lowest note and up to a semitone over it, wavering, corrected at once, at 44.1 and 48 kHz, needed 65 ms from
 * 60 Hz (60 fell short) and 45 from 100 Hz (40 fell short): 5 ms more leaves room. */
const LATENCY_SECONDS: Readonly<Record<number, number>> = { 60: 0.07, 100: 0.05 };

const PIECE = 512;

/** How many samples late a line at `rate` sounds, listening from `lowestHz`. */
export const pitchLineLatency = (rate: number, lowestHz: number = PITCH_RANGE_HZ.min): number =>
  Math.round((LATENCY_SECONDS[lowestHz] ?? LATENCY_SECONDS[PITCH_RANGE_HZ.min]) * rate);

/** Samples of a stream held from `base` on: what has been written (up to `end`) and is still needed. */
class Held {
  data: Float32Array;
  base = 0;
  end = 0;

  constructor(capacity: number) {
    this.data = new Float32Array(capacity);
  }

  at(i: number): number {
    return this.data[i - this.base];
  }

  /** Room for samples up to `to` (absolute), forgetting what lies before `keepFrom` if room is short. */
  reserve(to: number, keepFrom: number): void {
    if (to - this.base <= this.data.length) return;
    const from = Math.max(this.base, Math.min(keepFrom, this.end));
    const kept = this.data.subarray(from - this.base, this.end - this.base);
    if (to - from <= this.data.length) this.data.copyWithin(0, from - this.base, this.end - this.base);
    else {
      const data = new Float32Array(2 * (to - from));
      data.set(kept);
      this.data = data;
    }
    this.base = from;
  }

  push(value: number, keepFrom: number): void {
    this.reserve(this.end + 1, keepFrom);
    this.data[this.end++ - this.base] = value;
  }

  /** What has been written, indexed from `base`. */
  written(): Float32Array {
    return this.data.subarray(0, this.end - this.base);
  }
}

/** Corrects one line (all channels together) block by block, its output LATENCY_SECONDS late. */
export class PitchCorrectLine {
  readonly latency: number;
  private readonly keep: number;
  /** The input's channels, their mean (what the tracker and the marks hear) and the corrected output, sharing `base`. */
  private readonly inputs: Held[];
  private readonly mono: Held;
  private readonly outputs: Held[];
  private readonly heard = new Held(4096);
  private readonly rawHz = new Held(256);
  private readonly hz = new Held(256);
  private readonly cents = new Held(256);
  private readonly scratch = yinScratch();
  private readonly range: TrackerRange;
  private readonly retuner: Retuner;
  private readonly toTrack: number;
  private readonly hop: number;
  private readonly offset: number;
  private readonly unvoicedStep: number;
  private readonly marks: number[] = [];
  /** Where the next analysis mark falls (between samples). */
  private markExact = 0;
  /** The last grain laid: its time and source. */
  private grainTime = 0;
  private grainSource = 0;
  private synthesisExact = 0;
  /** The marks list's index nearest the last grain's time. */
  private nearest = 0;
  /** How far the output is laid. */
  private laid = 0;
  /** What the buffers keep while this block runs. */
  private keepFrom = 0;
  /** Output samples that were due before they were laid (the dry sound went out instead): 0 unless the latency is
   * too short for what the line meets. */
  starved = 0;
  /** The correction being made about where the output now is, cents (0 where the voice is left alone): Auto-Tune's meter. */
  correctionCents = 0;

  /** Input still to be left out (the line reckons its input from later). */
  private skip = 0;

  /** `heard`: how much silence the line is taken to have heard before its first input (negative: how much of its
   * input to leave out), so that lines started at different times on the same sound hear the same stream. */
  constructor(
    private readonly rate: number,
    channels: number,
    settings: PitchCorrection,
    heard = 0,
  ) {
    this.latency = pitchLineLatency(rate, settings.lowestHz);
    this.range = trackerRange(settings.lowestHz);
    this.keep = 2 * this.latency + 4096;
    this.inputs = Array.from({ length: channels }, () => new Held(this.keep * 2));
    this.mono = channels === 1 ? this.inputs[0] : new Held(this.keep * 2);
    this.outputs = Array.from({ length: channels }, () => new Held(this.keep * 2));
    this.toTrack = TRACK_RATE / rate;
    const scale = rate / TRACK_RATE;
    this.hop = HOP * scale;
    this.offset = this.range.centre * scale;
    this.unvoicedStep = Math.round(UNVOICED_STEP_SECONDS * rate);
    this.retuner = new Retuner(settings, (1000 * this.hop) / rate);
    if (heard > 0) this.run(Array.from({ length: channels }, () => new Float32Array(heard)));
    this.skip = Math.max(0, -heard);
  }

  /** Takes new settings (key, speed, strength, Humanize, range) as it runs: what it has heard and laid is kept, so a
   * change while playing is heard without a gap. */
  retune(settings: PitchCorrection): void {
    this.retuner.retune(settings);
  }

  /** Takes the next block (every channel the same length) and puts in its place the output LATENCY late. */
  run(block: Float32Array[]): void {
    let length = block[0]?.length ?? 0;
    if (this.skip > 0) {
      const left = Math.min(this.skip, length);
      for (const channel of block) channel.fill(0, 0, left);
      this.skip -= left;
      block = block.map((channel) => channel.subarray(left));
      length -= left;
    }
    // A long block (an export's) goes through in pieces, so that what is held stays short.
    for (let from = 0; from < length; from += PIECE)
      this.runPiece(block.map((channel) => channel.subarray(from, Math.min(length, from + PIECE))));
  }

  private runPiece(block: Float32Array[]): void {
    const length = block[0]?.length ?? 0;
    const first = this.mono.end;
    // Held back to well before the first output this block sends, however long the block.
    const keepFrom = first - this.keep;
    this.keepFrom = keepFrom;
    for (let c = 0; c < this.inputs.length; c++) {
      const input = this.inputs[c];
      input.reserve(first + length, keepFrom);
      input.data.set(block[c], first - input.base);
      input.end = first + length;
    }
    if (this.inputs.length > 1) this.mixToMono(first, length, keepFrom);
    this.advance();
    // Read where the grains are being laid: a few periods ahead of the output, nothing a meter shows.
    this.correctionCents = this.at(this.synthesisExact)?.cents ?? this.correctionCents;
    for (let c = 0; c < block.length; c++) {
      const [out, input, channel] = [this.outputs[c], this.inputs[c], block[c]];
      for (let i = 0; i < length; i++) {
        const u = first + i - this.latency;
        if (u < 0) channel[i] = 0;
        else if (u < this.laid) channel[i] = out.at(u);
        else {
          channel[i] = input.at(u);
          if (c === 0) this.starved++;
        }
      }
    }
  }

  /** The channels' mean, summed in the order (and the precision) `toMono` sums them. */
  private mixToMono(first: number, length: number, keepFrom: number): void {
    const n = this.inputs.length;
    this.mono.reserve(first + length, keepFrom);
    for (let i = first; i < first + length; i++) {
      let sum = 0;
      for (const input of this.inputs) sum = Math.fround(sum + Math.fround(input.at(i) / n));
      this.mono.data[i - this.mono.base] = sum;
    }
    this.mono.end = first + length;
  }

  /** Every step whose input has arrived: the tracker's samples and frames, the marks, the grains. */
  private advance(): void {
    this.hearMore();
    this.trackMore();
    this.markMore();
    this.synthesiseMore();
  }

  private hearMore(): void {
    const { heard, mono } = this;
    if (this.rate === TRACK_RATE) {
      while (heard.end < mono.end) heard.push(mono.at(heard.end), this.rawHz.end * HOP);
      return;
    }
    const reach = resampleReach(this.toTrack);
    const x = mono.written();
    for (;;) {
      const centre = heard.end / this.toTrack;
      if (Math.floor(centre) + reach >= mono.end) return;
      heard.push(resampledAt(x, centre - mono.base, this.toTrack), this.rawHz.end * HOP);
    }
  }

  private trackMore(): void {
    const { heard, rawHz, hz, cents } = this;
    while (rawHz.end * HOP + this.range.span <= heard.end) {
      const f = rawHz.end;
      rawHz.push(frameHz(heard.written(), f * HOP - heard.base, this.scratch, this.range), f - 8);
      // A frame is smoothed by its neighbours: the one before it and the one just found.
      const smoothed = f === 1 ? rawHz.at(0) : medianFrame(rawHz.at(f - 2), rawHz.at(f - 1), rawHz.at(f));
      if (f === 0) continue;
      // The frames the marks and the grains have yet to read are kept (a long block is tracked through first).
      const needed = Math.floor((Math.min(this.markExact, this.synthesisExact) - this.offset) / this.hop) - 1;
      hz.push(smoothed, needed);
      cents.push(this.retuner.next(smoothed), needed);
    }
  }

  /** The pitch and correction at `position` (input samples) as the whole-clip corrector reads them from its frames,
   * or null before the frames either side have been found. */
  private at(position: number): { hz: number; cents: number } | null {
    const frame = Math.max((position - this.offset) / this.hop, 0);
    const [low, high] = [Math.floor(frame), Math.ceil(frame)];
    if (high >= this.cents.end) return null;
    const [a, b] = [this.hz.at(low), this.hz.at(high)];
    const hz = a > 0 && b > 0 ? a + (b - a) * (frame - low) : this.hz.at(Math.round(frame));
    const [ca, cb] = [this.cents.at(low), this.cents.at(high)];
    return { hz, cents: ca + (cb - ca) * (frame - low) };
  }

  private periodOf(hz: number): number {
    return hz > 0 ? this.rate / hz : 0;
  }

  private markMore(): void {
    for (;;) {
      const m = Math.round(this.markExact);
      const here = this.at(m);
      if (!here) return;
      const period = this.periodOf(here.hz);
      if (period && m + markReach(period) >= this.mono.end) return;
      this.marks.push(m);
      this.markExact = period
        ? markAfter(this.mono.written(), this.markExact - this.mono.base, period) + this.mono.base
        : this.markExact + this.unvoicedStep;
    }
  }

  /** The next grains' times, a corrected period apart (or on the marks where nothing is corrected), and the output
   * laid between them as soon as the input they read has arrived. */
  private synthesiseMore(): void {
    const { marks } = this;
    for (;;) {
      const here = this.at(this.synthesisExact);
      if (!here) return;
      const ratio = 2 ** (here.cents / 1200);
      const period = this.periodOf(here.hz);
      let exact = this.synthesisExact;
      let nearest = this.nearest;
      if (ratio === 1 || period === 0) {
        while (nearest < marks.length && marks[nearest] <= exact) nearest++;
        if (nearest === marks.length) return;
        exact = marks[nearest];
      } else exact += period / ratio;
      const t = Math.round(exact);
      // The grain's source is the mark nearest its time: known once a mark after the time has been found.
      if (marks[marks.length - 1] <= t) return;
      while (nearest + 1 < marks.length && Math.abs(marks[nearest + 1] - t) <= Math.abs(marks[nearest] - t)) nearest++;
      while (nearest > 0 && Math.abs(marks[nearest - 1] - t) < Math.abs(marks[nearest] - t)) nearest--;
      const source = marks[nearest];
      const { grainTime, grainSource } = this;
      if (Math.max(grainSource + (t - grainTime), source, t) > this.mono.end) return;
      this.synthesisExact = exact;
      this.layBetween(grainTime, t, grainSource, source);
      [this.grainTime, this.grainSource] = [t, source];
      // Marks well behind the grains are no longer needed.
      const drop = Math.max(0, nearest - 2);
      marks.splice(0, drop);
      this.nearest = nearest - drop;
    }
  }

  private layBetween(t: number, next: number, source: number, nextSource: number): void {
    const { keepFrom } = this;
    for (let c = 0; c < this.outputs.length; c++) {
      const [out, input] = [this.outputs[c], this.inputs[c]];
      out.reserve(next, keepFrom);
      out.end = next;
      const b = input.base;
      layGrains(out.data, t - out.base, input.written(), t - b, next - b, source - b, nextSource - b, 1);
    }
    this.laid = next;
  }
}
