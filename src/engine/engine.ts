/** The engine behind the worker: probes the device, loads one pack, runs one job at a time, cancels on request. */
import {
  type BackendChoice,
  type CachedPack,
  ENGINE_PROTOCOL_VERSION,
  type EngineApi,
  type EngineErrorValue,
  type EngineTestHooks,
  type GenerateJob,
  type LabelMatch,
  type LoadOptions,
  type PackInfo,
  type Preview,
  type ProbeResult,
  type Progress,
  type Result,
  type DetectJob,
  type Detection,
  type SeparateJob,
  type Separation,
} from '../protocol/engine-protocol';
import { cachedReader, deleteCachedPack, ensureRoom, listCachedPacks, QuotaError } from '../modelpack/pack-cache';
import { folderReader, zipReader } from '../modelpack/local-pack';
import { PackError, type PackReader } from '../modelpack/pack-files';
import { loadPack, type PackHandle } from './pack-loader';
import { LabelMatcher } from './label-match';
import { generateLong } from './long-audio';
import { reconstruct, warmUp } from './pipeline';
import { estimateKey } from '../dsp/key';
import { estimateTempo } from '../dsp/tempo';
import { detect } from './detect';
import { separate } from './separate';
import { type Backend, destroyGpuDevice, gpuDeviceLost, loadOrt, type OpenedSession, openSession } from './runtime';
import { SILERO_URL } from './speech';

class Cancelled extends Error {}

const fail = (code: EngineErrorValue['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

export async function probe(): Promise<ProbeResult> {
  const result: ProbeResult = {
    webgpu: { available: false },
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    threads: navigator.hardwareConcurrency ?? 1,
  };
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { ...result, webgpu: { available: false, reason: 'this browser has no WebGPU' } };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ...result, webgpu: { available: false, reason: 'no WebGPU adapter (GPU blocked or absent)' } };
  const info = adapter.info ?? {};
  return {
    ...result,
    webgpu: {
      available: true,
      vendor: info.vendor,
      architecture: info.architecture,
      fallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter,
      shaderF16: adapter.features.has('shader-f16'),
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  };
}

/** Loads a pack's sessions and, on WebGPU, compiles their shaders once, so a variant that cannot run fails here. */
async function loadWorking(
  read: PackReader,
  backend: Backend,
  options: Parameters<typeof loadPack>[2],
): Promise<PackHandle> {
  const loaded = await loadPack(read, backend, options);
  if (backend === 'webgpu')
    await warmUp(loaded).catch(async (e) => {
      await loaded.release();
      throw e;
    });
  return loaded;
}

interface GpuAdapterLike {
  features: Set<string>;
  limits: { maxBufferSize: number };
  info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** Reads pack files over HTTP (the app's own /models/, or a URL), reporting bytes as they arrive. */
export function httpReader(base: string, onBytes?: (file: string, loaded: number) => void): PackReader {
  const root = new URL(base.endsWith('/') ? base : `${base}/`, globalThis.location?.href);
  return async (path) => {
    const response = await fetch(new URL(path, root));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${path}`);
    // Single-page hosts answer unknown paths with the app's own page: that is a missing file, not a damaged one.
    if (response.headers.get('content-type')?.includes('text/html'))
      throw new Error(`the server has no ${path} there (it answered with a web page)`);
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const parts: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.byteLength;
      onBytes?.(path, loaded);
    }
    const out = new Uint8Array(loaded);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  };
}

/** WebGPU where a real adapter exists; a software fallback adapter (SwiftShader) is far slower than WASM. */
export function chooseBackend(choice: BackendChoice, device: ProbeResult): { backend: Backend; reason: string } {
  if (choice !== 'auto')
    return { backend: choice, reason: `${choice === 'webgpu' ? 'WebGPU' : 'WASM'} was chosen by hand` };
  const gpu = device.webgpu;
  if (!gpu.available) return { backend: 'wasm', reason: `WASM on the CPU: ${gpu.reason}` };
  if (gpu.fallbackAdapter)
    return {
      backend: 'wasm',
      reason: `WASM on the CPU: the WebGPU adapter is a software fallback (${gpu.architecture ?? 'no GPU'}), slower than WASM`,
    };
  return {
    backend: 'webgpu',
    reason: `WebGPU adapter found (${gpu.vendor ?? 'unknown vendor'}, ${gpu.architecture ?? 'unknown'})`,
  };
}

/** Marks a value's buffers to be moved, not copied, when it crosses to the page (the worker passes Comlink.transfer;
 * in-process, as in unit tests, values pass as they are). */
export type HandOver = <T>(value: T, buffers: Transferable[]) => T;

/** Tempo and key where the clip is music. */
export function musicFeatures(
  pack: Pick<PackHandle, 'manifest'>,
  source: Float32Array,
  events: { label: string }[],
): Pick<Detection, 'tempoBpm' | 'beatSeconds' | 'key'> {
  // The pack says which of its labels are music (their family); only then are a tempo and a key worth estimating.
  const music = new Set(
    pack.manifest.understanding?.detector?.labels.filter((l) => l.family === 'music').map((l) => l.id),
  );
  if (!events.some((e) => music.has(e.label))) return { tempoBpm: null, beatSeconds: null, key: null };
  const rate = pack.manifest.audio.sample_rate;
  const key = estimateKey(source, rate);
  const tempo = estimateTempo(source, rate);
  return {
    tempoBpm: tempo?.bpm ?? null,
    beatSeconds: tempo?.firstBeat ?? null,
    key: key ? `${key.tonic} ${key.mode}` : null,
  };
}

export class Engine implements EngineApi, EngineTestHooks {
  constructor(private readonly handOver: HandOver = (value) => value) {}

  private pack: PackHandle | undefined;
  /** Where the loaded pack came from, to open it again on another backend after the GPU is lost. */
  private source: { read: PackReader; options: LoadOptions } | undefined;
  private running: string | undefined;
  private vad: Promise<OpenedSession> | undefined;
  /** Embeds the loaded pack's label words once, on the first question that needs it. */
  private matcher: LabelMatcher | undefined;
  private readonly waiting = new Set<string>();
  private readonly cancelled = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  protocolVersion(): number {
    return ENGINE_PROTOCOL_VERSION;
  }

  probe(): Promise<ProbeResult> {
    return probe();
  }

  /** Loads a pack from a base URL (the app's /models/ or any URL), through the offline cache. */
  async loadPack(
    base: string,
    options: LoadOptions = {},
    onBytes?: (file: string, loaded: number) => void,
  ): Promise<Result<PackInfo>> {
    const root = new URL(base.endsWith('/') ? base : `${base}/`, globalThis.location?.href);
    const network = httpReader(root.href, onBytes);
    const read =
      typeof caches === 'undefined'
        ? network
        : cachedReader(root, async (path, progress) => {
            const bytes = await network(path, progress);
            if (path === 'manifest.json')
              await ensureRoom(Number(JSON.parse(new TextDecoder().decode(bytes)).bytes) || 0);
            return bytes;
          });
    const result = await this.open(read, options);
    // A damaged cached copy must not stick: the next load fetches the pack again.
    if (!result.ok && result.error.code === 'bad-hash' && typeof caches !== 'undefined')
      await deleteCachedPack(root.href);
    return result;
  }

  /** Loads a pack the user picked: the files of a folder, or one zip. It is not cached: the files are the user's. */
  async loadPackFromFiles(files: File[], options: LoadOptions = {}): Promise<Result<PackInfo>> {
    if (files.length === 0) return fail('missing-file', 'No files were chosen.');
    let read: PackReader;
    try {
      read = files.length === 1 && /\.zip$/i.test(files[0].name) ? await zipReader(files[0]) : folderReader(files);
    } catch (e) {
      return fail('missing-file', `"${files[0].name}": ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.open(read, options);
  }

  /** Opens a pack with the backend the options and the device allow; says which and why. */
  private async open(read: PackReader, options: LoadOptions): Promise<Result<PackInfo>> {
    const device = await probe();
    const { backend, reason: backendReason } = chooseBackend(options.backend ?? 'auto', device);
    let reason = backendReason;
    if (backend === 'webgpu' && !device.webgpu.available)
      return fail('failed', `WebGPU was asked for, but ${device.webgpu.reason}.`);
    try {
      // Threads need cross-origin isolation (SharedArrayBuffer); without it ORT would silently run one.
      const threads = options.threads ?? (device.crossOriginIsolated ? Math.min(4, device.threads) : 1);
      // ORT finds its wasm files beside its own bundle: Vite emits them into the app, so nothing comes from a CDN.
      const shaderF16 = device.webgpu.available && device.webgpu.shaderF16 === true;
      let loaded: PackHandle;
      try {
        loaded = await loadWorking(read, backend, { threads, dtype: options.dtype, shaderF16 });
      } catch (e) {
        // Half precision is the newest path in drivers and in ORT's WebGPU kernels: where it fails, float32 runs
        // instead and the user is told why.
        if (e instanceof PackError || !shaderF16 || backend !== 'webgpu' || (options.dtype ?? 'auto') !== 'auto')
          throw e;
        loaded = await loadWorking(read, backend, { threads, dtype: 'fp32' });
        reason = `${reason} (half precision failed: ${e instanceof Error ? e.message : String(e)}; float32 instead)`;
      }
      // The pack in use goes only once its replacement works: a bad pack leaves the engine as it was.
      await this.queue;
      await this.unload();
      this.pack = loaded;
      this.matcher = undefined;
      this.source = { read, options };
    } catch (e) {
      if (e instanceof PackError) return fail(e.code, e.message);
      if (e instanceof QuotaError) return fail('quota', e.message);
      return fail('failed', `The pack could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
    const m = this.pack.manifest;
    return {
      ok: true,
      value: {
        name: m.name,
        version: m.pack_version,
        bytes: m.variant_bytes?.[this.pack.dtype] ?? m.bytes,
        backend,
        backendReason: reason,
        dtype: this.pack.dtype,
        sampleRate: m.audio.sample_rate,
        tasks: m.tasks.map((t) => ({
          id: t.id,
          label: t.label,
          family: t.family,
          template: t.template,
          conditions: t.conditions,
        })),
        separates: m.separation && m.sessions.separator ? m.separation.tasks : [],
        soundLabels:
          m.understanding && m.sessions.detector
            ? m.understanding.detector.labels.map((l) => ({
                id: l.id,
                name: l.name,
                description: l.words[0],
                words: l.words,
              }))
            : [],
        video: { size: m.video.frame_size, fps: m.video.frames_per_second },
      },
    };
  }

  /**
   * Queues a job; jobs run one at a time in the order they came. Previews (per window, with their offset in the
   * result) and the result are fresh arrays the caller may transfer.
   */
  generate(
    job: GenerateJob,
    onProgress?: (p: Progress) => void,
    onPreview?: (p: Preview) => void,
  ): Promise<Result<Float32Array>> {
    this.waiting.add(job.jobId);
    const result = this.queue.then(() => this.runJob(job, onProgress, onPreview));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private runJob(
    job: GenerateJob,
    onProgress?: (p: Progress) => void,
    onPreview?: (p: Preview) => void,
  ): Promise<Result<Float32Array>> {
    return this.runQueued(job.jobId, (pack, checkpoint) => {
      const s = pack.manifest.sampler;
      const { jobId: _, ...request } = job;
      return generateLong(
        pack,
        {
          ...request,
          steps: job.steps ?? s.steps,
          guidanceScale: job.guidanceScale ?? s.guidance_scale,
          shift: job.shift ?? s.shift,
        },
        {
          onProgress: (step, steps) => onProgress?.({ jobId: job.jobId, step, steps }),
          // A copy of the sampler's buffer, handed over (transferred) rather than copied again on the way out.
          onPreview: onPreview
            ? (audio, offset, step) => {
                const copy = audio.slice();
                onPreview(this.handOver({ jobId: job.jobId, audio: copy, offset, step }, [copy.buffer]));
              }
            : undefined,
          checkpoint,
        },
      );
    });
  }

  /** Queues a remove or extract by the pack's separator; progress counts its windows. */
  separate(job: SeparateJob, onProgress?: (p: Progress) => void): Promise<Result<Separation>> {
    this.waiting.add(job.jobId);
    const result = this.queue.then(() =>
      this.runQueued(job.jobId, (pack, checkpoint) =>
        separate(pack, job.description, job.source, {
          checkpoint,
          onProgress: (step, steps) => onProgress?.({ jobId: job.jobId, step, steps }),
        }),
      ),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Queues sound event detection; progress counts its windows. */
  detect(job: DetectJob, onProgress?: (p: Progress) => void): Promise<Result<Detection>> {
    this.waiting.add(job.jobId);
    const result = this.queue.then(() =>
      this.runQueued(job.jobId, async (pack, checkpoint) => {
        const notes: string[] = [];
        const vad = await this.voiceActivity().catch((e: unknown) => {
          notes.push(`Speech was judged by the pack's detector alone: ${e instanceof Error ? e.message : String(e)}`);
          return undefined;
        });
        const { events, tags } = await detect(
          pack,
          job.source,
          { checkpoint, onProgress: (step, steps) => onProgress?.({ jobId: job.jobId, step, steps }) },
          vad?.run,
        );
        return { events, tags, notes, ...musicFeatures(pack, job.source, events) };
      }),
    );
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The Silero VAD, opened once on WASM (a tiny recurrent model run frame by frame: a GPU would only add latency). */
  private voiceActivity(): Promise<OpenedSession> {
    this.vad ??= (async () => {
      const response = await fetch(SILERO_URL);
      if (!response.ok) throw new Error(`The voice activity model could not be loaded (HTTP ${response.status}).`);
      return openSession(await loadOrt('wasm'), new Uint8Array(await response.arrayBuffer()), 'wasm');
    })();
    this.vad.catch(() => (this.vad = undefined)); // a failed load is tried again next time
    return this.vad;
  }

  /** Runs a job that came to the head of the queue: cancellable between its steps, a lost GPU reported as such. */
  private async runQueued<T>(
    jobId: string,
    work: (pack: PackHandle, checkpoint: () => Promise<void>) => Promise<T>,
  ): Promise<Result<T>> {
    this.waiting.delete(jobId);
    if (this.cancelled.delete(jobId)) return fail('cancelled', 'The job was cancelled before it started.');
    if (!this.pack) return fail('no-pack', 'No model pack is loaded.');
    this.running = jobId;
    try {
      const value = await work(this.pack, async () => {
        // A macrotask between steps lets the worker read its messages (a cancel, a new job) while a job runs.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.cancelled.delete(jobId)) throw new Cancelled();
      });
      return { ok: true, value };
    } catch (e) {
      if (e instanceof Cancelled) return fail('cancelled', 'The job was cancelled.');
      const message = e instanceof Error ? e.message : String(e);
      if (this.pack.backend === 'webgpu' && (await gpuDeviceLost())) {
        // The sessions died with the device: drop them, so the next job asks for a reopen instead of failing again.
        await this.pack.release().catch(() => undefined);
        this.pack = undefined;
        this.matcher = undefined;
        return fail(
          'device-lost',
          `The GPU was lost during the job (${message}). The pack can be opened again on WASM.`,
        );
      }
      return fail('failed', message);
    } finally {
      this.running = undefined;
      this.cancelled.delete(jobId);
    }
  }

  /** Opens the last pack again, on the backend asked for (after a lost GPU: 'wasm'). */
  async reopen(backend: BackendChoice): Promise<Result<PackInfo>> {
    if (!this.source) return fail('no-pack', 'No model pack was loaded before.');
    return this.open(this.source.read, { ...this.source.options, backend });
  }

  loseDeviceForTesting(): Promise<boolean> {
    return destroyGpuDevice();
  }

  /** The source through the pack's VAE and vocoder (queued like a job). */
  reconstruct(source: Float32Array): Promise<Result<Float32Array>> {
    const result = this.queue.then(async (): Promise<Result<Float32Array>> => {
      if (!this.pack) return fail('no-pack', 'No model pack is loaded.');
      try {
        return { ok: true, value: await reconstruct(this.pack, source) };
      } catch (e) {
        return fail('failed', e instanceof Error ? e.message : String(e));
      }
    });
    this.queue = result;
    return result;
  }

  /** The detector's labels nearest to a user's words (src/engine/label-match.ts), queued like a job. */
  matchLabels(phrase: string): Promise<Result<LabelMatch[]>> {
    const result = this.queue.then(async (): Promise<Result<LabelMatch[]>> => {
      if (!this.pack?.manifest.understanding) return fail('no-pack', 'No pack with a sound event detector is loaded.');
      try {
        this.matcher ??= new LabelMatcher(this.pack);
        return { ok: true, value: await this.matcher.match(phrase) };
      } catch (e) {
        return fail('failed', e instanceof Error ? e.message : String(e));
      }
    });
    this.queue = result;
    return result;
  }

  listCachedPacks(): Promise<CachedPack[]> {
    return listCachedPacks();
  }

  deleteCachedPack(base: string): Promise<number> {
    return deleteCachedPack(new URL(base, globalThis.location?.href).href);
  }

  /** Cancels a running job at its next step, or a queued one before it starts. */
  cancel(jobId: string): void {
    if (this.running === jobId || this.waiting.has(jobId)) this.cancelled.add(jobId);
  }

  async unload(): Promise<void> {
    await this.pack?.release();
    this.pack = undefined;
    this.matcher = undefined;
  }
}
