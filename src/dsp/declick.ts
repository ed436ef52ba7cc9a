/**
 * De-click, as iZotope RX's De-click and Audacity's Click Removal: clicks (a worn or dusty record, a bad edit, a
 * digital glitch, a mouth click) are short loud disturbances that the sound around them does not predict. Each
 * channel is modelled block by block (an all-pole model of its spectrum) and each sample is predicted from the
 * samples either side of it; where that error jumps far over its usual spread, something the recording's own sound
 * would not do happened, and where the waveform there also stands out of the sound around it (a click under a loud
 * bed is masked by it), a click: from the first sample the forward prediction error jumps to the last the backward
 * one does. A jump that lasts too long, or after which the sound is much louder or quieter than before it, is a
 * sound starting or stopping (a drum, a door) and is left alone. Each click is then drawn again from the audio
 * either side of it (least-squares autoregressive interpolation, src/dsp/autoregressive.ts); every other sample is
 * kept bit for bit. */
import { allPoleModel, autocorrelation, interpolate, windowedModel } from './autoregressive';

/** One channel's clicks, in samples [start, end). */
export type ClickSpans = [number, number][];

/** How sure a jump of the prediction error must be before it is taken for a click: settable, 1 (only the loudest)
 * to 10 (the faintest), as RX's sensitivity. */
export const SENSITIVITY = { min: 1, max: 10, default: 5 } as const;

/** Poles of the model that finds clicks... */
const FIND_ORDER = 20;
/** ...fitted afresh every this many seconds, to this many blocks' audio (Hann-windowed) either side. */
const BLOCK_S = 0.02;
const SIDE = 1.5;
/** A jump of the prediction error this many times its spread (its median magnitude, as a Gaussian's sigma)... */
const THRESHOLD = 12;
/** ...whose loudest sample stands this many times over the RMS level around it (AROUND_S either side; a click under
 * the level around it is masked by it, and drawing it again would change more than it mends: development set)... */
const STANDS_OUT = 2.5;
/** ...and whose largest two-sided error stands this many times over the largest within NEIGHBOURHOOD_S around it,
 * past the model's ringing (a voice's glottal pulses come every few milliseconds, each like the last: in espeak's
 * speech, eight stretches of voice were taken for clicks without it), is a click at the default sensitivity; each
 * step of sensitivity moves all three by STEP. */
const NEIGHBOURHOOD_S = 0.01;
const NEIGHBOURS = 1.5;
const STEP = 2 ** (1 / 3);
/** Error spread is never taken as under this (-120 dBFS), so digital silence is not all clicks. */
const QUIET = 1e-6;
/** A click reaches out to where the forward and backward errors fall under this many times their spread, or under
 * this share of the click's own largest error (what is fainter is other sound: a voice's glottal pulses)... */
const EDGE = 3;
const EDGE_SHARE = 0.05;
/** ...and the samples either side of a found click that are drawn again too (its faint edges). */
const MARGIN_S = 0.00005;
/** Longer than this is a sound, not a click (in a voice, a drawn stretch this long is heard). */
const LONGEST_S = 0.0015;
/** Around a click the sound this long either side is heard: one side louder by ONSET_DB is a sound starting or
 * stopping. */
const AROUND_S = 0.005;
const ONSET_DB = 10;
/** Poles of the model that draws clicks again, fitted to the audio either side (at least CONTEXT_S). */
const FILL_ORDER = 32;
const CONTEXT_S = 0.01;

/** Samples searched at a time, with this much audio either side (more than a block's model, a click and the sound
 * around it reach). */
const PIECE = 1 << 20;
const PIECE_MARGIN_S = 0.2;

interface Threshold {
  /** Times the prediction error's spread. */
  error: number;
  /** Times the RMS level around. */
  level: number;
  /** Times the largest error around. */
  neighbours: number;
}

/** The clicks of every channel. */
export function findClicks(
  channels: readonly Float32Array[],
  rate: number,
  sensitivity: number = SENSITIVITY.default,
  piece = PIECE,
) {
  const scale = STEP ** (SENSITIVITY.default - sensitivity);
  const threshold = { error: THRESHOLD * scale, level: STANDS_OUT * scale, neighbours: NEIGHBOURS * scale };
  return channels.map((x) => clicksOf(x, rate, threshold, piece));
}

/** The spans inside [0, length), those that overlap or touch merged. */
function merged(length: number, spans: ClickSpans): ClickSpans {
  const marked = new Uint8Array(length);
  for (const [a, b] of spans) marked.fill(1, Math.max(0, a), Math.min(length, b));
  return runsOf(marked);
}

/** The channels with their clicks drawn again (new arrays; a channel with none is the same array). */
export function declick(channels: readonly Float32Array[], rate: number, found: ClickSpans[]): Float32Array[] {
  return channels.map((x, c) => {
    if (found[c].length === 0) return x;
    const out = Float32Array.from(x);
    const spans = merged(x.length, found[c]);
    const missing = new Uint8Array(x.length);
    for (const [a, b] of spans) missing.fill(1, a, b);
    for (const stretch of joinSpans(spans)) fill(out, stretch, missing, rate);
    return out;
  });
}

/** The runs of marked samples (spans that overlap or touch are one). */
function runsOf(marked: Uint8Array): ClickSpans {
  const runs: ClickSpans = [];
  for (let n = 0; n < marked.length; n++)
    if (marked[n] && !marked[n - 1]) runs.push([n, n]);
    else if (!marked[n] && marked[n - 1]) runs[runs.length - 1][1] = n;
  if (marked[marked.length - 1]) runs[runs.length - 1][1] = marked.length;
  return runs;
}

/** One channel's clicks, found a piece at a time (with audio either side of it), so an hour's recording needs no
 * hour-long working arrays; a click belongs to the piece it starts in. */
function clicksOf(x: Float32Array, rate: number, threshold: Threshold, piece: number): ClickSpans {
  // Pieces and their margins on the blocks' grid, so each block's model is the one a search of the whole would fit.
  const block = blockOf(rate);
  const around = block * Math.ceil((PIECE_MARGIN_S * rate) / block);
  const step = block * Math.max(1, Math.round(piece / block));
  const found: ClickSpans = [];
  for (let start = 0; start < x.length; start += step) {
    const from = Math.max(0, start - around);
    for (const [a, b] of clicksIn(x.subarray(from, Math.min(x.length, start + step + around)), rate, threshold))
      if (from + a >= start && from + a < start + step) found.push([from + a, from + b]);
  }
  return found;
}

/** The clicks in x. */
function clicksIn(x: Float32Array, rate: number, threshold: Threshold): ClickSpans {
  const errors = predictionErrors(x, rate);
  const { block } = errors;
  const exceeds = (e: PredictionError, n: number, times: number) =>
    Math.abs(e.error[n]) > times * e.spreads[Math.floor(n / block)];
  const over: number[] = [];
  // The first and last samples have no audio on one side to be predicted from.
  for (let n = 2 * errors.order; n < x.length - 2 * errors.order; n++)
    if (exceeds(errors.both, n, threshold.error)) over.push(n);
  const margin = Math.round(MARGIN_S * rate);
  const reach = errors.order;
  return clusters(over, reach)
    .map(([a, b]): [number, number] => {
      // The two-sided error rings on for the model's order either side of a click; the forward error starts at the
      // click's first sample and the backward one stops at its last. Edges fainter than a share of the click's own
      // error are other sound (a voice's glottal pulses).
      const from = Math.max(0, a - reach);
      const to = Math.min(x.length, b + reach);
      const edge = (e: PredictionError) => {
        let top = 0;
        for (let n = from; n < to; n++) top = Math.max(top, Math.abs(e.error[n]));
        return (n: number) =>
          Math.abs(e.error[n]) > Math.max(EDGE * e.spreads[Math.floor(n / block)], EDGE_SHARE * top);
      };
      const startsAt = edge(errors.forward);
      const endsAt = edge(errors.backward);
      let start = from;
      while (start < to && !startsAt(start)) start++;
      let end = to;
      while (end > start && !endsAt(end - 1)) end--;
      if (end <= start) [start, end] = [a, b];
      return [Math.max(0, start - margin), Math.min(x.length, end + margin)];
    })
    .filter(
      ([a, b]) =>
        b - a <= LONGEST_S * rate &&
        standsOut(x, a, b, rate, threshold.level) &&
        aboveNeighbours(errors.both, block, [a, b], threshold.neighbours, rate),
    );
}

interface PredictionError {
  error: Float32Array;
  /** Per block, as a Gaussian's sigma (at least QUIET). */
  spreads: number[];
}

interface Errors {
  /** Each sample predicted from the samples before it, after it, and both (the forward error filtered again by
   * the model backwards: the detector matched to a one-sample click, which it finds sqrt(sum a_k^2) times better
   * than the forward error alone, but rings on either side of it). */
  forward: PredictionError;
  backward: PredictionError;
  both: PredictionError;
  block: number;
  order: number;
}

const blockOf = (rate: number) => Math.max(2 * FIND_ORDER, Math.round(BLOCK_S * rate));

/** The prediction errors of a model fitted every block (beside it). */
function predictionErrors(x: Float32Array, rate: number): Errors {
  const block = blockOf(rate);
  const make = (): PredictionError => ({ error: new Float32Array(x.length), spreads: [] });
  const [forward, backward, both] = [make(), make(), make()];
  const ahead = new Float64Array(block + FIND_ORDER);
  for (let start = 0; start < x.length; start += block) {
    const end = Math.min(x.length, start + block);
    // Fitted to the audio either side of the block, not the block itself: a loud click would sway its own block's
    // model towards its spectrum, and the model would then predict it.
    const a = windowedModel(
      x,
      [
        [start - SIDE * block, start],
        [end, end + SIDE * block],
      ],
      FIND_ORDER,
    );
    const p = a.length - 1;
    const last = Math.min(x.length, end + p);
    for (let n = start; n < last; n++) {
      const top = Math.min(p, n);
      let f = 0;
      for (let k = 0; k <= top; k++) f += a[k] * x[n - k];
      ahead[n - start] = f;
    }
    for (let n = start; n < end; n++) {
      const top = Math.min(p, x.length - 1 - n);
      let b = 0;
      let d = 0;
      for (let k = 0; k <= top; k++) {
        b += a[k] * x[n + k];
        d += a[k] * ahead[n - start + k];
      }
      forward.error[n] = ahead[n - start];
      backward.error[n] = b;
      both.error[n] = d;
    }
    for (const e of [forward, backward, both]) e.spreads.push(Math.max(QUIET, spread(e.error.subarray(start, end))));
  }
  return { forward, backward, both, block, order: FIND_ORDER };
}

/** The error's spread as a Gaussian's sigma, from its median magnitude (clicks barely move it). */
function spread(e: Float32Array): number {
  const magnitudes = new Float64Array(e.length);
  for (let i = 0; i < e.length; i++) magnitudes[i] = Math.abs(e[i]);
  return middle(magnitudes) / 0.6745;
}

/** The median of `v` (reordered in place) by quickselect: sorting each block took most of the time. */
function middle(v: Float64Array): number {
  const k = v.length >> 1;
  let low = 0;
  let high = v.length - 1;
  while (low < high) {
    const pivot = v[(low + high) >> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (v[i] < pivot) i++;
      while (v[j] > pivot) j--;
      if (i <= j) {
        const t = v[i];
        v[i++] = v[j];
        v[j--] = t;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return v[k];
}

/** Sorted positions grouped where they lie within `gap` of each other, as [first, last + 1). */
function clusters(positions: number[], gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const n of positions) {
    const last = out.at(-1);
    if (last && n - (last[1] - 1) <= gap) last[1] = n + 1;
    else out.push([n, n + 1]);
  }
  return out;
}

/** Whether [a, b) stands out of the sound around it by `level` (its peak over the RMS level either side), and that
 * sound is much the same on both sides (else a sound starts or stops there). */
function standsOut(x: Float32Array, a: number, b: number, rate: number, level: number): boolean {
  const around = Math.round(AROUND_S * rate);
  const power = (from: number, to: number) => {
    let sum = 0;
    for (let n = Math.max(0, from); n < Math.min(x.length, to); n++) sum += x[n] * x[n];
    return sum / Math.max(1, Math.min(x.length, to) - Math.max(0, from)) + QUIET * QUIET;
  };
  const after = power(b, b + around);
  const before = power(a - around, a);
  let peak = 0;
  for (let n = a; n < b; n++) peak = Math.max(peak, x[n] * x[n]);
  return peak > (level * level * (after + before)) / 2 && Math.abs(10 * Math.log10(after / before)) <= ONSET_DB;
}

/** Whether the two-sided error inside [a, b) rises `times` over its largest jump within NEIGHBOURHOOD_S around, past
 * the model's ringing. */
function aboveNeighbours(e: PredictionError, block: number, [a, b]: [number, number], times: number, rate: number) {
  const order = FIND_ORDER;
  const size = (n: number) => Math.abs(e.error[n]) / e.spreads[Math.floor(n / block)];
  const reach = Math.round(NEIGHBOURHOOD_S * rate);
  let inside = 0;
  for (let n = a; n < b; n++) inside = Math.max(inside, size(n));
  let around = 0;
  for (let n = Math.max(0, a - reach); n < a - order; n++) around = Math.max(around, size(n));
  for (let n = b + order; n < Math.min(e.error.length, b + reach); n++) around = Math.max(around, size(n));
  return inside > times * around;
}

/** Clicks close enough to share a model, as stretches holding their spans. */
function joinSpans(spans: ClickSpans): ClickSpans[] {
  const stretches: ClickSpans[] = [];
  for (const span of spans) {
    const last = stretches.at(-1);
    if (last && span[0] - last[last.length - 1][1] < 2 * FILL_ORDER) last.push(span);
    else stretches.push([span]);
  }
  return stretches;
}

/** Draws one stretch's clicks again in `x`, in place, from the model of the known audio around them; a stretch the
 * model would draw louder than it was (it guesses, on too little around) is left as it was. */
function fill(x: Float32Array, spans: ClickSpans, missing: Uint8Array, rate: number): void {
  const start = spans[0][0];
  const end = spans[spans.length - 1][1];
  const reach = Math.max(Math.round(CONTEXT_S * rate), 2 * (end - start));
  const from = Math.max(0, start - reach);
  const to = Math.min(x.length, end + reach);
  const poles = allPoleModel(x, from, to, FILL_ORDER, (t) => missing[t] === 1);
  const positions = spans.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k));
  if (!poles) {
    // A click in digital silence is taken out to silence; elsewhere too little is known around it to draw it.
    if (silent(x, from, to, missing)) for (const n of positions) x[n] = 0;
    return;
  }
  const drawn = interpolate(x, positions, autocorrelation(poles, FILL_ORDER));
  let before = 0;
  let after = 0;
  positions.forEach((n, k) => {
    before += x[n] * x[n];
    after += drawn[k] * drawn[k];
  });
  if (after > before) return;
  positions.forEach((n, k) => (x[n] = drawn[k]));
}

/** Whether every known sample in [from, to) is zero. */
function silent(x: Float32Array, from: number, to: number, missing: Uint8Array): boolean {
  for (let n = from; n < to; n++) if (!missing[n] && x[n] !== 0) return false;
  return true;
}
