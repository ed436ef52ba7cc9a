/**
 * The pitch of a monophonic voice or instrument, frame by frame: YIN (de Cheveigné and Kawahara, 2002), the tracker
 * that pitch correctors and tuners are built on. Each 5 ms the cumulative mean normalised difference of a 20 ms window
 * with itself shifted is taken; the first lag where it dips under 0.12 (else its lowest, if under 0.3) is the period,
 * refined between samples by a parabola. The audio is heard at 16 kHz: enough for voices up to 1 kHz, and a minute of
 * audio takes about a second. A frame quieter than -50 dBFS, or without a clear period (breath, s, noise, chords), is
 * unvoiced: 0 Hz.
 */
import { resample } from './resample';

export interface PitchTrack {
  /** Samples of the input between frames. */
  hop: number;
  /** Where frame 0's centre falls, samples of the input. */
  offset: number;
  /** The pitch of each frame, Hz; 0 where unvoiced. */
  hz: Float32Array;
}

export const PITCH_RANGE_HZ = { min: 60, max: 1000 } as const;

/** The rate the tracker hears at; a frame every HOP of its samples, each reading FRAME_SPAN of them. */
export const TRACK_RATE = 16000;
const RATE = TRACK_RATE;
export const HOP = 80;
const MIN_LAG = Math.floor(RATE / PITCH_RANGE_HZ.max);
const WINDOW = 320;

/** What the tracker's frames read, for the lowest pitch it listens for (Hz): the longest lag, where a frame's centre
 * falls after its first sample, and how many samples it reads. Listening for higher voices only (as Auto-Tune's
 * input type), a frame reads less and its pitch is known sooner: what a corrector played live waits for. */
export interface TrackerRange {
  maxLag: number;
  centre: number;
  span: number;
}

export function trackerRange(lowestHz: number = PITCH_RANGE_HZ.min): TrackerRange {
  const maxLag = Math.ceil(RATE / lowestHz);
  return { maxLag, centre: Math.floor((WINDOW + maxLag) / 2), span: WINDOW + maxLag + 1 };
}

/** The full range's (from 60 Hz). */
const FULL = trackerRange();
export const CENTRE = FULL.centre;
export const FRAME_SPAN = FULL.span;
const DIP = 0.12;
const CLEAR = 0.3;
const QUIET_RMS = 10 ** (-50 / 20);

/** The pitch of `x` (one channel at `rate`), every 5 ms, listening from `lowestHz` up. */
export function trackPitch(x: Float32Array, rate: number, lowestHz: number = PITCH_RANGE_HZ.min): PitchTrack {
  const range = trackerRange(lowestHz);
  const heard = rate === RATE ? x : resample(x, rate, RATE);
  const frames = Math.max(0, Math.floor((heard.length - range.span) / HOP) + 1);
  const hz = new Float32Array(frames);
  const difference = yinScratch();
  for (let f = 0; f < frames; f++) hz[f] = frameHz(heard, f * HOP, difference, range);
  const scale = rate / RATE;
  return { hop: HOP * scale, offset: range.centre * scale, hz: medianOfThree(hz) };
}

/** Working memory for `frameHz` (enough for the full range). */
export const yinScratch = () => new Float64Array(FULL.maxLag + 1);

/** The pitch of the frame whose `range.span` samples of `heard` (at TRACK_RATE) start at `start`, Hz; 0: unvoiced. */
export function frameHz(heard: Float32Array, start: number, difference: Float64Array, range = FULL): number {
  if (rms(heard, start, WINDOW + range.maxLag) < QUIET_RMS) return 0;
  const lag = periodOf(heard, start + range.centre, difference, range.maxLag);
  return lag > 0 ? RATE / lag : 0;
}

/** The period in samples (fractional) of the sound around `centre`, or 0 when it has none clear enough. Each lag
 * compares the window half a lag before the centre with the one half a lag after it, so every lag hears the same
 * moment (YIN's own windows drift later with the lag: milliseconds, cents in a vibrato). The lags are worked out in
 * order and only as far as the search needs them: a clear dip ends it (a voice at 200 Hz needs 80 of 267 lags), and
 * each lag's value is what working them all out would give. */
function periodOf(x: Float32Array, centre: number, d: Float64Array, maxLag: number): number {
  const lags = new CumulativeDifference(x, centre, d);
  let best = -1;
  for (let lag = MIN_LAG; lag < maxLag; lag++) {
    if (lags.at(lag) < DIP) {
      while (lag + 1 < maxLag && lags.at(lag + 1) < d[lag]) lag++;
      best = lag;
      break;
    }
  }
  if (best < 0) {
    best = MIN_LAG;
    for (let lag = MIN_LAG + 1; lag < maxLag; lag++) if (d[lag] < d[best]) best = lag;
    if (d[best] >= CLEAR) return 0;
  }
  const [a, b, c] = [d[best - 1], d[best], lags.at(best + 1)];
  const curve = a - 2 * b + c;
  return curve > 0 ? best + (0.5 * (a - c)) / curve : best;
}

/** YIN's cumulative mean normalised difference, d'(lag) = d(lag) / mean(d(1..lag)) (so short lags are not favoured),
 * worked out lag by lag as far as asked, into `d`. */
class CumulativeDifference {
  private done = 0;
  private running = 0;

  constructor(
    private readonly x: Float32Array,
    private readonly centre: number,
    private readonly d: Float64Array,
  ) {
    d[0] = 1;
  }

  at(lag: number): number {
    const { x, d } = this;
    for (let next = this.done + 1; next <= lag; next++) {
      const start = this.centre - WINDOW / 2 - Math.floor(next / 2);
      let sum = 0;
      for (let i = start; i < start + WINDOW; i++) {
        const diff = x[i] - x[i + next];
        sum += diff * diff;
      }
      this.running += sum;
      d[next] = this.running > 0 ? (sum * next) / this.running : 1;
      this.done = next;
    }
    return d[lag];
  }
}

function rms(x: Float32Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / length);
}

/** A lone frame's octave jump or dropout is smoothed away; frames at the edge of voicing keep their own pitch. */
function medianOfThree(hz: Float32Array): Float32Array {
  const out = hz.slice();
  for (let f = 1; f + 1 < hz.length; f++) out[f] = medianFrame(hz[f - 1], hz[f], hz[f + 1]);
  return out;
}

/** Frame `b` smoothed by its neighbours `a` and `c`: their median where all three are voiced, else its own. */
export const medianFrame = (a: number, b: number, c: number): number =>
  a > 0 && b > 0 && c > 0 ? Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)) : b;

/** The pitch at `position` (samples of the input), between the frames either side where both are voiced, else the
 * nearest frame's; 0 where unvoiced. */
export function pitchAt(track: PitchTrack, position: number): number {
  return between(track.hz, (position - track.offset) / track.hop, (a, b) => a > 0 && b > 0);
}

/** `values` at a fractional frame: drawn straight between its neighbours where `joins` them, else the nearest's;
 * outside the frames, the first's or the last's. */
export function between(
  values: Float32Array,
  frame: number,
  joins: (a: number, b: number) => boolean = () => true,
): number {
  if (!values.length) return 0;
  const at = Math.min(Math.max(frame, 0), values.length - 1);
  const [low, high] = [Math.floor(at), Math.ceil(at)];
  const [a, b] = [values[low], values[high]];
  if (!joins(a, b)) return values[Math.round(at)];
  return a + (b - a) * (at - low);
}
