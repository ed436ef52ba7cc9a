/** Records from the microphone with MediaRecorder into a Blob that the importer decodes like any file. */

export class RecorderError extends Error {
  override name = 'RecorderError';
}

export class MicRecorder {
  private recorder: MediaRecorder | undefined;
  private chunks: Blob[] = [];
  private stream: MediaStream | undefined;

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
  }

  /** Stops and returns the recording as a file. */
  stop(): Promise<File> {
    const recorder = this.recorder;
    if (!recorder) return Promise.reject(new RecorderError('Nothing is being recorded.'));
    return new Promise((resolve) => {
      recorder.onstop = () => {
        this.stream?.getTracks().forEach((t) => t.stop());
        const type = recorder.mimeType || 'audio/webm';
        const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '-');
        resolve(new File(this.chunks, `Recording ${stamp}.webm`, { type }));
        this.recorder = undefined;
      };
      recorder.stop();
    });
  }
}
