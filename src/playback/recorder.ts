/** Records from the microphone losslessly: its samples as the browser delivers them, gathered by an audio worklet
 * (workers/capture.worklet.ts), become a 32-bit float WAV that the importer decodes like any file (resampled to the
 * project's rate where it differs). MediaRecorder, used before, wrote Opus: a lossy copy of every take. The same
 * input feeds taps for the level meter, and is heard (where asked) through the armed track's effects. */
import captureWorklet from '../../workers/capture.worklet.ts?worker&url';
import trackEffectsWorklet from '../../workers/track-effects.worklet.ts?worker&url';
import type { Impulses } from '../dsp/convolution';
import { activeEffects, type TrackEffect } from '../dsp/effect-chain';
import { encodeWav } from '../dsp/wav';
import { joinChunks } from './capture-chunks';
import { METER_BUFFER } from './meter';

export class RecorderError extends Error {
  override name = 'RecorderError';
}

/** A microphone the browser offers (its label is empty until the page may use the microphone). */
export interface AudioInput {
  id: string;
  label: string;
}

/** The open input: its stream, the context the capture and the meter's taps run in, and which device it is. */
interface OpenInput {
  deviceId: string;
  label: string;
  stream: MediaStream;
  context: AudioContext;
  source: MediaStreamAudioSourceNode;
}

export class MicRecorder {
  private input: OpenInput | undefined;
  private capture: AudioWorkletNode | undefined;
  private chunks: Float32Array[][] = [];
  private taps: AnalyserNode[] = [];
  /** The meter reads the input without recording (Audacity's monitoring), so a level can be set before a take. */
  private monitoring = false;
  /** The input is heard (software playthrough, for headphones) while it is open, and where it goes to the speakers. */
  private hearing = false;
  private playthrough: GainNode | undefined;
  /** The effects the input is heard through (the armed track's, as a DAW monitors through a track's inserts), and
   * where they run while it is heard. */
  private monitorEffects: readonly TrackEffect[] = [];
  private monitorImpulses: Impulses = new Map();
  private effectsNode: AudioWorkletNode | undefined;

  /** Called with the monitored effects' meter readings (gain reductions, pitch correction), by effect id. */
  onReadings: ((readings: Record<string, number>) => void) | undefined;

  /** The level meter's taps on the microphone while recording or monitoring (none otherwise). */
  meterTaps(): readonly AnalyserNode[] {
    return this.taps;
  }

  /** When recording began, in performance.now() milliseconds, and the input's latency the browser reports, s. */
  startedAt = 0;
  inputLatency = 0;

  get active(): boolean {
    return this.capture !== undefined;
  }

  /** Called with each block of samples as it is recorded (the take journal keeps them safe). */
  onChunk: ((chunk: Float32Array[]) => void) | undefined;

  /** The open input's rate (0 when none is open). */
  get sampleRate(): number {
    return this.input?.context.sampleRate ?? 0;
  }

  /** The microphones the browser offers now. */
  static async inputs(): Promise<AudioInput[]> {
    if (!navigator.mediaDevices?.enumerateDevices) return [];
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices
      .filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== '')
      .map((d, i) => ({ id: d.deviceId, label: d.label || `Microphone ${i + 1}` }));
  }

  /** Opens the input (`deviceId`, '' for the default) for the meter alone. */
  async monitor(deviceId: string): Promise<void> {
    await this.open(deviceId);
    this.monitoring = true;
  }

  /** Software playthrough, as Audacity's and a DAW's input monitoring: the open input heard on the speakers (meant for
   * headphones: through speakers it feeds back), now and whenever it opens, until switched off. */
  hear(on: boolean): void {
    this.hearing = on;
    this.routePlaythrough();
  }

  /** Hears the input through `effects` (those switched on; none: as it is), at once where it is heard: settings
   * changed while heard are taken by the running effects. */
  hearThrough(effects: readonly TrackEffect[], impulses: Impulses): void {
    this.monitorEffects = effects;
    this.monitorImpulses = impulses;
    const through = activeEffects(effects).length > 0;
    if (through && this.effectsNode) this.effectsNode.port.postMessage({ effects, impulses });
    else if (this.playthrough && through !== (this.effectsNode !== undefined)) {
      this.stopPlaythrough();
      this.routePlaythrough();
    }
  }

  /** Where the input is heard (none while it is not): for a test's tap. */
  playthroughOutput(): AudioNode | undefined {
    return this.playthrough;
  }

  private routePlaythrough(): void {
    const input = this.input;
    if (this.hearing && input && !this.playthrough) {
      const { context, source } = input;
      this.playthrough = new GainNode(context);
      this.playthrough.connect(context.destination);
      this.effectsNode = activeEffects(this.monitorEffects).length ? this.effectsOn(context) : undefined;
      if (this.effectsNode) source.connect(this.effectsNode).connect(this.playthrough);
      else source.connect(this.playthrough);
    } else if (!(this.hearing && input) && this.playthrough) this.stopPlaythrough();
  }

  /** The monitored effects running in the input's context (its first channel: a microphone's one). */
  private effectsOn(context: AudioContext): AudioWorkletNode {
    const node = new AudioWorkletNode(context, 'omni-track-effects', {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: {
        effects: this.monitorEffects,
        impulses: this.monitorImpulses,
        channels: 1,
        from: 0,
        when: 0,
        keys: [],
        live: true,
      },
    });
    node.port.onmessage = (e: MessageEvent<{ readings: Record<string, number> }>) => this.onReadings?.(e.data.readings);
    return node;
  }

  private stopPlaythrough(): void {
    this.input?.source.disconnect(this.effectsNode ?? this.playthrough!);
    this.effectsNode?.port.postMessage({ stop: true });
    this.effectsNode?.disconnect();
    this.playthrough?.disconnect();
    [this.effectsNode, this.playthrough] = [undefined, undefined];
  }

  stopMonitoring(): void {
    this.monitoring = false;
    if (!this.capture) this.close();
  }

  /** Starts recording from `deviceId` ('' for the default input). */
  async start(deviceId = ''): Promise<void> {
    const { context, source, stream } = await this.open(deviceId);
    const capture = new AudioWorkletNode(context, 'omni-capture', { outputChannelCount: [1] });
    this.chunks = [];
    capture.port.onmessage = (e: MessageEvent<{ chunk?: Float32Array[] }>) => e.data.chunk && this.keep(e.data.chunk);
    // The capture node is pulled through a silent gain to the output: nothing is heard.
    capture.connect(new GainNode(context, { gain: 0 })).connect(context.destination);
    source.connect(capture);
    this.capture = capture;
    this.startedAt = performance.now();
    // Chromium reports it (not yet in TypeScript's DOM types).
    const settings = stream.getAudioTracks()[0]?.getSettings() as { latency?: number } | undefined;
    this.inputLatency = Number(settings?.latency) || 0;
  }

  /** Stops and returns the recording as a 32-bit float WAV file at the input's rate, named for when and from what;
   * its first `skipSeconds` left out (a count-in). */
  async stop(skipSeconds = 0): Promise<File> {
    const { capture, input } = this;
    if (!capture || !input) throw new RecorderError('Nothing is being recorded.');
    await new Promise<void>((resolve) => {
      capture.port.onmessage = (e: MessageEvent<{ chunk?: Float32Array[]; done?: boolean }>) => {
        if (e.data.chunk) this.keep(e.data.chunk);
        if (e.data.done) resolve();
      };
      capture.port.postMessage('stop');
    });
    capture.disconnect();
    input.source.disconnect(capture);
    this.capture = undefined;
    if (!this.monitoring) this.close();
    const skip = Math.round(skipSeconds * input.context.sampleRate);
    const channels = joinChunks(this.chunks).map((c) => c.subarray(skip));
    this.chunks = [];
    if (skip > 0 && channels[0]?.length === 0)
      throw new RecorderError('Recording stopped during the count-in: nothing was recorded.');
    if (channels.length === 0 || channels[0].length === 0)
      throw new RecorderError('Nothing was recorded: the microphone sent no sound. Check the input and record again.');
    const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '-');
    const from = input.label ? ` (${input.label.replace(/[\\/:*?"<>|]/g, ' ')})` : '';
    return new File([encodeWav(channels, input.context.sampleRate, 'float32')], `Recording ${stamp}${from}.wav`, {
      type: 'audio/wav',
    });
  }

  private keep(chunk: Float32Array[]): void {
    this.chunks.push(chunk);
    this.onChunk?.(chunk);
  }

  /** The input open on `deviceId`: the one already open, or a new one (the other closed first). */
  private async open(deviceId: string): Promise<OpenInput> {
    if (this.input?.deviceId === deviceId) return this.input;
    if (this.capture) throw new RecorderError('The input cannot change while recording.');
    this.close();
    const stream = await openStream(deviceId);
    const context = new AudioContext();
    try {
      await context.audioWorklet.addModule(captureWorklet);
      await context.audioWorklet.addModule(trackEffectsWorklet);
    } catch (e) {
      stream.getTracks().forEach((t) => t.stop());
      void context.close();
      throw new RecorderError(`Recording could not start (${e instanceof Error ? e.message : String(e)}).`);
    }
    const source = new MediaStreamAudioSourceNode(context, { mediaStream: stream });
    this.taps = meterTaps(context, source);
    const label = stream.getAudioTracks()[0]?.label ?? '';
    this.input = { deviceId, label, stream, context, source };
    this.routePlaythrough();
    return this.input;
  }

  private close(): void {
    this.input?.stream.getTracks().forEach((t) => t.stop());
    void this.input?.context.close();
    this.input = undefined;
    [this.playthrough, this.effectsNode] = [undefined, undefined]; // they went with the context
    this.taps = [];
  }
}

/** The microphone's stream, as it is (no echo cancelling, noise suppression or automatic gain), or a clear reason. */
async function openStream(deviceId: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new RecorderError('This browser cannot record audio here (no microphone access on this page).');
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: {
        deviceId: deviceId ? { exact: deviceId } : undefined,
        echoCancellation: false,
        noiseSuppression: false,
        autoGainControl: false,
      },
    });
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      throw new RecorderError(
        'Microphone access was denied. Allow the microphone for this site in the browser settings, then record again.',
      );
    }
    if (name === 'NotFoundError') throw new RecorderError('No microphone was found. Connect one and record again.');
    if (name === 'OverconstrainedError')
      throw new RecorderError('The chosen input is not connected any more. Choose another input and record again.');
    throw new RecorderError(`The microphone could not be opened (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Taps on the input for the meter: its channels apart, through analysers that lead nowhere (nothing is heard). */
function meterTaps(context: AudioContext, source: MediaStreamAudioSourceNode): AnalyserNode[] {
  const channels = Math.min(2, source.channelCount);
  const split = new ChannelSplitterNode(context, { numberOfOutputs: channels });
  source.connect(split);
  return Array.from({ length: channels }, (_, c) => {
    const tap = new AnalyserNode(context, { fftSize: METER_BUFFER });
    split.connect(tap, c);
    return tap;
  });
}
