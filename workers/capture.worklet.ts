/** The microphone's samples as they come, gathered into blocks and posted to the page: recording without a lossy
 * encoder between the input and the project (MediaRecorder writes Opus). Runs in the audio rendering thread. */

declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** Frames per posted block: about 0.17 s at 48 kHz, so the page gets a few messages a second, not 375. */
const BLOCK = 8192;

class CaptureProcessor extends AudioWorkletProcessor {
  private blocks: Float32Array[] = [];
  private filled = 0;
  private stopped = false;

  constructor() {
    super();
    // 'stop': post what is gathered, then say so, and process no more.
    this.port.onmessage = () => {
      this.post();
      this.stopped = true;
      this.port.postMessage({ done: true });
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const input = inputs[0];
    if (!input || input.length === 0) return true; // no input connected in this quantum
    if (this.blocks.length !== input.length) {
      this.post();
      this.blocks = input.map(() => new Float32Array(BLOCK));
    }
    for (let at = 0; at < input[0].length; ) {
      const count = Math.min(input[0].length - at, BLOCK - this.filled);
      input.forEach((channel, c) => this.blocks[c].set(channel.subarray(at, at + count), this.filled));
      this.filled += count;
      at += count;
      if (this.filled === BLOCK) this.post();
    }
    return true;
  }

  private post(): void {
    if (this.filled === 0) return;
    const chunk = this.blocks.map((b) => b.slice(0, this.filled));
    this.filled = 0;
    this.port.postMessage(
      { chunk },
      chunk.map((c) => c.buffer),
    );
  }
}

registerProcessor('omni-capture', CaptureProcessor);
