/** Records from the microphone with MediaRecorder into a Blob that the importer decodes like any file, with taps on
 * the input for the level meter. */
import { METER_BUFFER } from './meter';

export class RecorderError extends Error {
  override name = 'RecorderError';
}

export class MicRecorder {
  private recorder: MediaRecorder | undefined;
  private chunks: Blob[] = [];
  private stream: MediaStream | undefined;
  /** The input's own context for the level meter, and its taps (one per channel, up to two). */
  private listening: AudioContext | undefined;
  private taps: AnalyserNode[] = [];

  /** The level meter's taps on the microphone while recording (none otherwise). */
  meterTaps(): readonly AnalyserNode[] {
    return this.taps;
  }

  /** When recording began, in performance.now() milliseconds, and the input's latency the browser reports, s. */
  startedAt = 0;
  inputLatency = 0;

  get active(): boolean {
    return this.recorder?.state === 'recording';
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
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream);
    this.recorder.ondataavailable = (e) => e.data.size > 0 && this.chunks.push(e.data);
    this.recorder.start(250);
    this.startedAt = performance.now();
    // Chromium reports it (not yet in TypeScript's DOM types).
    const settings = this.stream.getAudioTracks()[0]?.getSettings() as { latency?: number } | undefined;
    this.inputLatency = Number(settings?.latency) || 0;
    this.listen(this.stream);
  }

  /** Taps the input for the meter: its channels apart, through analysers that lead nowhere (nothing is heard). */
  private listen(stream: MediaStream): void {
    const context = new AudioContext();
    const source = new MediaStreamAudioSourceNode(context, { mediaStream: stream });
    const channels = Math.min(2, source.channelCount);
    const split = new ChannelSplitterNode(context, { numberOfOutputs: channels });
    source.connect(split);
    this.taps = Array.from({ length: channels }, (_, c) => {
      const tap = new AnalyserNode(context, { fftSize: METER_BUFFER });
      split.connect(tap, c);
      return tap;
    });
    this.listening = context;
  }

  /** Stops and returns the recording as a file. */
  stop(): Promise<File> {
    const recorder = this.recorder;
    if (!recorder) return Promise.reject(new RecorderError('Nothing is being recorded.'));
    return new Promise((resolve) => {
      recorder.onstop = () => {
        this.stream?.getTracks().forEach((t) => t.stop());
        void this.listening?.close();
        this.listening = undefined;
        this.taps = [];
        const type = recorder.mimeType || 'audio/webm';
        const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '-');
        resolve(new File(this.chunks, `Recording ${stamp}.webm`, { type }));
        this.recorder = undefined;
      };
      recorder.stop();
    });
  }
}
