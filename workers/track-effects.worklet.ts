/** Realtime effects (a track's, a bus's or the master's) in the audio rendering thread: the project's effect chain (src/dsp/effect-chain.ts,
 * the code the mixdown runs) over each 128-frame quantum. New settings come by message and retune the chain (the
 * effects they change start from rest, the others go on), so what is heard follows the controls without restarting
 * playback; 'stop' ends it. The meters (a compressor's gain reduction) are posted ten times a second. */
import { EffectChain, type TrackEffect } from '../src/dsp/effect-chain';

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(
  name: string,
  processor: new (options: WorkletOptions) => AudioWorkletProcessor,
): void;
declare const sampleRate: number;

interface WorkletOptions {
  processorOptions: { effects: TrackEffect[]; channels: number };
}

class TrackEffectsProcessor extends AudioWorkletProcessor {
  private readonly chain: EffectChain;
  private readonly channels: number;
  /** Playback moved on: the processor ends (returning false lets it go). */
  private stopped = false;
  /** Frames since the meters were last posted (about ten times a second). */
  private sinceReading = 0;

  constructor({ processorOptions }: WorkletOptions) {
    super();
    this.channels = processorOptions.channels;
    this.chain = new EffectChain(processorOptions.effects, sampleRate, this.channels);
    this.port.onmessage = (e: MessageEvent<{ effects?: TrackEffect[]; stop?: boolean }>) => {
      if (e.data.stop) this.stopped = true;
      if (e.data.effects) this.chain.retune(e.data.effects);
    };
  }

  /** The input (silence between clips, so tails and the compressor's release run on) through the chain. */
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const input = inputs[0] ?? [];
    const output = outputs[0];
    output.forEach((channel, c) => {
      if (input[c]) channel.set(input[c]);
      else channel.fill(0);
    });
    this.chain.process(output);
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
