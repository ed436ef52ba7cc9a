/** The metronome, as a DAW's click: a click on every beat of the project's grid while it plays or records, a bar's
 * first beat higher (src/dsp/signals.ts `click`). Clicks are scheduled on the audio clock a little ahead (a timer tops
 * the schedule up every 25 ms, 200 ms ahead), so each lands on its beat to the sample whatever the page is doing, and
 * they play straight to the speakers: not through the master meter, never into a take or an export. */
import { dbToGain } from '../dsp/gain';
import { click } from '../dsp/signals';
import { type BeatGrid, beatsIn } from '../project/tempo';
import type { SampleRange } from '../project/types';
import type { Clock } from './clock';

const LOOKAHEAD_S = 0.2;
const TOP_UP_MS = 25;

/** How the timeline runs against the audio clock: timeline sample `from` sounds at context time `when`, `rate`
 * timeline samples a second; within `loop` it goes round (from its start, reached straight away or after a count-in
 * from an earlier `from`). */
export interface TimelineClock extends Clock {
  loop?: SampleRange;
}

/** A click due: when (context time, s) and whether a bar begins there. */
export interface Click {
  time: number;
  downbeat: boolean;
}

/** The clicks of `grid` (at project rate `projectRate`) that sound in context time [t0, t1) as `clock` runs. */
export function clicksBetween(
  grid: BeatGrid,
  projectRate: number,
  clock: TimelineClock,
  t0: number,
  t1: number,
): Click[] {
  const pass = (from: number, when: number, until: number) =>
    beatsIn(
      grid,
      projectRate,
      Math.max(from, from + (t0 - when) * clock.rate),
      Math.min(until, from + (t1 - when) * clock.rate),
    ).map((b) => ({ time: when + (b.at - from) / clock.rate, downbeat: b.downbeat }));
  const { loop } = clock;
  if (!loop) return pass(clock.from, clock.when, Number.POSITIVE_INFINITY);
  // A count-in before the loop's start plays straight through; the passes begin when it ends.
  const lead = Math.max(0, loop.start - clock.from);
  const clicks = lead > 0 ? pass(clock.from, clock.when, loop.start) : [];
  const loopWhen = clock.when + lead / clock.rate;
  const seconds = (loop.end - loop.start) / clock.rate;
  for (let k = Math.max(0, Math.floor((t0 - loopWhen) / seconds)); loopWhen + k * seconds < t1; k++)
    clicks.push(...pass(loop.start, loopWhen + k * seconds, loop.end));
  return clicks;
}

export class Metronome {
  /** Where the clicks come out (on to the speakers); taps may listen here. */
  readonly output: GainNode;
  private readonly sounds: AudioBuffer[];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The clicks scheduled and not yet over, and when each ends (context time). */
  private sources: { node: AudioBufferSourceNode; end: number }[] = [];

  constructor(private readonly context: AudioContext) {
    this.output = new GainNode(context);
    this.output.connect(context.destination);
    this.sounds = [false, true].map((accent) => {
      const samples = click(accent, 1, context.sampleRate);
      const buffer = context.createBuffer(1, samples.length, context.sampleRate);
      buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
      return buffer;
    });
  }

  /** Clicks `grid`'s beats as `clock` runs, at `levelDb` (a bar's first beat at that peak, the others 6 dB under). */
  start(grid: BeatGrid, projectRate: number, clock: TimelineClock, levelDb: number): void {
    this.stop();
    this.output.gain.value = dbToGain(levelDb);
    let until = Math.max(this.context.currentTime, clock.when);
    const topUp = () => {
      const ahead = this.context.currentTime + LOOKAHEAD_S;
      for (const c of clicksBetween(grid, projectRate, clock, until, ahead)) this.play(c);
      until = Math.max(until, ahead);
      this.sources = this.sources.filter((s) => s.end > this.context.currentTime);
    };
    topUp();
    this.timer = setInterval(topUp, TOP_UP_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const { node } of this.sources) {
      node.stop();
      node.disconnect();
    }
    this.sources = [];
  }

  private play({ time, downbeat }: Click): void {
    const buffer = this.sounds[Number(downbeat)];
    const node = new AudioBufferSourceNode(this.context, { buffer });
    node.connect(this.output);
    node.start(time);
    this.sources.push({ node, end: time + buffer.duration });
  }
}
