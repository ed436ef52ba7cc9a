/** Realtime effects (a track's, a bus's or the master's) in the audio rendering thread: the project's effect chain (src/dsp/effect-chain.ts,
 * the code the mixdown runs) over each 128-frame quantum. New settings come by message and retune the chain (the
 * effects they change start from rest, the others go on), so what is heard follows the controls without restarting
 * playback; 'stop' ends it. The meters (gain reductions) are posted ten times a second. The chain is told which
 * timeline sample each frame is (timeline sample `from` arrives at context time `when`), so its LFOs swing as the
 * export's do. */
import type { Impulses } from '../src/dsp/convolution';
import { EffectChain, effectsLatency, type TrackEffect } from '../src/dsp/effect-chain';

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: WorkletOptions) => AudioWorkletProcessor,
): void;
declare const sampleRate: number;
declare const currentFrame: number;

interface WorkletOptions {
  /** `keys`: the tracks whose clips come in on inputs 1, 2, ... for keyed compressors. */
  /** `live`: a microphone's sound (input monitoring), on no timeline: the chain is reckoned from its first frame. */
  /** `impulses`: the samples of the loaded impulses its convolution reverbs play. */
  processorOptions: {
    effects: TrackEffect[];
    impulses: Impulses;
    channels: number;
    from: number;
    when: number;
    keys: string[];
    live?: boolean;
  };
}

class TrackEffectsProcessor extends AudioWorkletProcessor {
  private readonly options: WorkletOptions['processorOptions'];
  /** Made on the first quantum, when the frame it starts at is known. */
  private chain: EffectChain | undefined;
  /** Playback moved on: the processor ends (returning false lets it go). */
  private stopped = false;
  /** Frames since the meters were last posted (about ten times a second). */
  private sinceReading = 0;
  /** The keys this quantum, and silence for a key input with nothing playing into it (the mixdown's key there). */
  private readonly keys = new Map<string, Float32Array[]>();
  private readonly silence = [new Float32Array(128)];

  constructor({ processorOptions }: WorkletOptions) {
    super();
    this.options = processorOptions;
    this.port.onmessage = (e: MessageEvent<{ effects?: TrackEffect[]; impulses?: Impulses; stop?: boolean }>) => {
      if (e.data.stop) this.stopped = true;
      if (e.data.effects) {
        this.options.effects = e.data.effects;
        if (e.data.impulses) this.options.impulses = e.data.impulses;
        this.chain?.retune(e.data.effects, e.data.impulses);
      }
    };
  }

  /** The input (silence between clips, so tails and the compressor's release run on) through the chain. */
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const { effects, impulses, channels, from, when, live } = this.options;
    // Timeline sample `from` comes in at `when`; the chain is reckoned from its look-ahead before that, as an export's.
    const at = from - (Math.round(when * sampleRate) - currentFrame);
    this.chain ??= new EffectChain(
      effects,
      sampleRate,
      channels,
      at,
      live ? at : from - effectsLatency(effects, sampleRate),
      impulses,
    );
    const input = inputs[0] ?? [];
    const output = outputs[0];
    output.forEach((channel, c) => {
      if (input[c]) channel.set(input[c]);
      else channel.fill(0);
    });
    this.options.keys.forEach((id, i) => {
      const key = inputs[1 + i];
      this.keys.set(id, key?.length ? key : this.silence);
    });
    this.chain.process(output, this.keys);
    this.sinceReading += output[0]?.length ?? 0;
    if (this.sinceReading >= sampleRate / 10) {
      this.sinceReading = 0;
      const readings = this.chain.readings();
      if (Object.keys(readings).length > 0) this.port.postMessage({ readings });
    }
    return true;
  }
}

registerProcessor('omni-track-effects', TrackEffectsProcessor);
