/**
 * Distortion (src/dsp/distortion.ts's rule) as a realtime effect, as a saturation or amp plug-in on an insert: the
 * sound brought up to four times the rate by the resampler's own windowed sinc (its weights worked out once), driven
 * into the curve there (so the harmonics it makes do not fold back as whistles), brought back down, the tube curve's
 * offset taken away. Samples are worked out as soon as the sinc's reach allows, with the very arithmetic of the
 * whole-clip effect, so the insert gives the offline effect's samples `distortionLatency` (50 samples, about a
 * millisecond) late; the mixdown and the player make up for it. Drive and output are taken as it plays (automated
 * drive), the memory kept.
 */
import { DcBlocker, type Distortion, OVERSAMPLE, shape } from './distortion';
import { resampleReach, resampleWeights } from './resample';

const UP = OVERSAMPLE;
const DOWN = 1 / OVERSAMPLE;

/** How many samples late the realtime distortion's output comes (at any rate): the up- and the down-sampler's reach,
 * reckoned at the input's rate. */
export const distortionLatency = (): number => Math.ceil(resampleReach(DOWN) / OVERSAMPLE + resampleReach(UP));

/** A growing stretch of a stream: its samples from `start` on (absolute indices), older ones let go as it fills. */
class Stretch {
  data = new Float32Array(4096);
  start = 0;
  length = 0;

  get end(): number {
    return this.start + this.length;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.letGo();
    this.data[this.length++] = v;
  }

  /** Keeps only the newer half (the readers reach far less far back). */
  private letGo(): void {
    const half = this.data.length >> 1;
    this.data.copyWithin(0, half);
    this.start += half;
    this.length -= half;
  }
}

/** One channel's way through: input, the driven fast stream, the output waiting its turn. */
class Channel {
  readonly input = new Stretch();
  readonly fast = new Stretch();
  readonly output = new Stretch();
  readonly dc: DcBlocker | null;

  constructor(rate: number, tube: boolean) {
    this.dc = tube ? new DcBlocker(rate) : null;
  }
}

/** The resampler's weights for each of the four places of a fast sample between two input samples, and for an output
 * sample (on a fast one), worked out once. */
const upWeights = [0, 1, 2, 3].map((phase) => resampleWeights(phase / UP, UP));
const downWeights = resampleWeights(0, DOWN);

/** `resampledAt` with weights worked out before: the sum over `data` from `at + first` on (silence before 0). */
function weighed(data: Float32Array, at: number, { first, weights, scale }: ReturnType<typeof resampleWeights>) {
  const from = at + first;
  let acc = 0;
  for (let k = Math.max(0, -from); k < weights.length; k++) acc += data[from + k] * weights[k];
  return acc * scale;
}

export class DistortionLine {
  readonly latency = distortionLatency();
  private drive: number;
  private gain: number;
  private channels: Channel[] = [];
  private readonly upReach = resampleReach(UP);
  private readonly downReach = resampleReach(DOWN);
  private readonly one = new Float32Array(1);

  constructor(
    private readonly rate: number,
    private readonly settings: Distortion,
  ) {
    this.drive = 10 ** (settings.driveDb / 20);
    this.gain = 10 ** (settings.outputDb / 20);
  }

  /** Takes a new drive and output (the curve is the stage's own), its memory going on. */
  retune({ driveDb, outputDb }: Pick<Distortion, 'driveDb' | 'outputDb'>): void {
    this.drive = 10 ** (driveDb / 20);
    this.gain = 10 ** (outputDb / 20);
  }

  run(block: Float32Array[]): void {
    if (this.channels.length !== block.length)
      this.channels = block.map(() => new Channel(this.rate, this.settings.curve === 'tube'));
    block.forEach((samples, c) => {
      this.runChannel(samples, this.channels[c]);
    });
  }

  private runChannel(samples: Float32Array, channel: Channel): void {
    const { input, fast, output } = channel;
    for (let i = 0; i < samples.length; i++) {
      input.push(samples[i]);
      // Every fast sample whose sinc the input now covers, driven into the curve.
      while (Math.floor(fast.end / UP) + this.upReach < input.end) {
        // Held as a 32-bit float before the curve, as the whole-clip effect's up-sampled array holds it.
        const j = fast.end;
        const v = Math.fround(weighed(input.data, Math.floor(j / UP) - input.start, upWeights[j % UP]));
        fast.push(this.gain * shape(this.settings.curve, this.drive * v));
      }
      // Every output sample whose sinc the fast stream now covers.
      while (output.end * UP + this.downReach < fast.end) {
        this.one[0] = weighed(fast.data, output.end * UP - fast.start, downWeights);
        output.push(channel.dc ? channel.dc.run(this.one)[0] : this.one[0]);
      }
      const at = input.end - 1 - this.latency;
      samples[i] = at >= output.start && at < output.end ? output.data[at - output.start] : 0;
    }
  }
}
