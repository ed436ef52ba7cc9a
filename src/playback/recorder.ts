/** Records from the microphone losslessly: its samples as the browser delivers them, gathered by an audio worklet
 * (workers/capture.worklet.ts), become a 32-bit float WAV that the importer decodes like any file (resampled to the
 * project's rate where it differs). MediaRecorder, used before, wrote Opus: a lossy copy of every take. The same
 * input feeds taps for the level meter. */
import captureWorklet from '../../workers/capture.worklet.ts?worker&url';
import { encodeWav } from '../dsp/wav';
import { joinChunks } from './capture-chunks';
import { METER_BUFFER } from './meter';

export class RecorderError extends Error {
  override name = 'RecorderError';
}

export class MicRecorder {
  private stream: MediaStream | undefined;
  /** The input's context (the capture and the meter's taps run in it), the capture node, the blocks it posted. */
  private context: AudioContext | undefined;
  private capture: AudioWorkletNode | undefined;
  private chunks: Float32Array[][] = [];
  private taps: AnalyserNode[] = [];

  /** The level meter's taps on the microphone while recording (none otherwise). */
  meterTaps(): readonly AnalyserNode[] {
    return this.taps;
  }

  /** When recording began, in performance.now() milliseconds, and the input's latency the browser reports, s. */
  startedAt = 0;
  inputLatency = 0;

  get active(): boolean {
    return this.capture !== undefined;
  }

  async start(): Promise<void> {
    if (!navigator.mediaDevices?.getUserMedia)
      throw new RecorderError('This browser cannot record audio here (no microphone access on this page).');
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
    } catch (e) {
      const name = e instanceof DOMException ? e.name : '';
      if (name === 'NotAllowedError' || name === 'SecurityError') {
        throw new RecorderError(
          'Microphone access was denied. Allow the microphone for this site in the browser settings, then record again.',
        );
      }
      if (name === 'NotFoundError') throw new RecorderError('No microphone was found. Connect one and record again.');
      throw new RecorderError(`The microphone could not be opened (${e instanceof Error ? e.message : String(e)}).`);
    }
    const context = new AudioContext();
    try {
      await context.audioWorklet.addModule(captureWorklet);
    } catch (e) {
      this.release();
      void context.close();
      throw new RecorderError(`Recording could not start (${e instanceof Error ? e.message : String(e)}).`);
    }
    const source = new MediaStreamAudioSourceNode(context, { mediaStream: this.stream });
    const capture = new AudioWorkletNode(context, 'omni-capture', { outputChannelCount: [1] });
    this.chunks = [];
    capture.port.onmessage = (e: MessageEvent<{ chunk?: Float32Array[] }>) =>
      e.data.chunk && this.chunks.push(e.data.chunk);
    // The capture node is pulled through a silent gain to the output: nothing is heard.
    capture.connect(new GainNode(context, { gain: 0 })).connect(context.destination);
    source.connect(capture);
    this.context = context;
    this.capture = capture;
    this.startedAt = performance.now();
    // Chromium reports it (not yet in TypeScript's DOM types).
    const settings = this.stream.getAudioTracks()[0]?.getSettings() as { latency?: number } | undefined;
    this.inputLatency = Number(settings?.latency) || 0;
    this.listen(context, source);
  }

  /** Taps the input for the meter: its channels apart, through analysers that lead nowhere (nothing is heard). */
  private listen(context: AudioContext, source: MediaStreamAudioSourceNode): void {
    const channels = Math.min(2, source.channelCount);
    const split = new ChannelSplitterNode(context, { numberOfOutputs: channels });
    source.connect(split);
    this.taps = Array.from({ length: channels }, (_, c) => {
      const tap = new AnalyserNode(context, { fftSize: METER_BUFFER });
      split.connect(tap, c);
      return tap;
    });
  }

  /** Stops and returns the recording as a 32-bit float WAV file at the input's rate. */
  async stop(): Promise<File> {
    const { capture, context } = this;
    if (!capture || !context) throw new RecorderError('Nothing is being recorded.');
    await new Promise<void>((resolve) => {
      capture.port.onmessage = (e: MessageEvent<{ chunk?: Float32Array[]; done?: boolean }>) => {
        if (e.data.chunk) this.chunks.push(e.data.chunk);
        if (e.data.done) resolve();
      };
      capture.port.postMessage('stop');
    });
    this.release();
    this.capture = undefined;
    this.context = undefined;
    this.taps = [];
    void context.close();
    const channels = joinChunks(this.chunks);
    this.chunks = [];
    if (channels.length === 0 || channels[0].length === 0)
      throw new RecorderError('Nothing was recorded: the microphone sent no sound. Check the input and record again.');
    const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '-');
    return new File([encodeWav(channels, context.sampleRate, 'float32')], `Recording ${stamp}.wav`, {
      type: 'audio/wav',
    });
  }

  private release(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
  }
}
