/** The only module that imports onnxruntime-web: loads the build for the chosen backend and wraps sessions. */
import type * as OrtModule from 'onnxruntime-web';
import type { SessionRunner, TensorData } from './tensors';

export type Backend = 'webgpu' | 'wasm';
type Ort = typeof OrtModule;

const loaded = new Map<Backend, Promise<Ort>>();

/** The WebGPU build (native EP) for 'webgpu', the plain WASM build (fastest on CPU) for 'wasm'. Their wasm files are
 * found beside the bundle, where Vite emits them. */
export function loadOrt(backend: Backend, threads?: number): Promise<Ort> {
  let ort = loaded.get(backend);
  if (!ort) {
    ort = (backend === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm')) as Promise<Ort>;
    ort = ort.then((m) => {
      if (threads) m.env.wasm.numThreads = threads;
      return m;
    });
    loaded.set(backend, ort);
  }
  return ort;
}

/** Whether the WebGPU device ORT runs on has been lost (destroyed, reset, or taken by the system). A failing job
 * asks this: a lost device surfaces as many different errors (a failed mapAsync, an unmapped buffer, ...). */
export async function gpuDeviceLost(): Promise<boolean> {
  const ort = loaded.get('webgpu');
  if (!ort) return false;
  const device = (await (await ort).env.webgpu.device) as { lost: Promise<unknown> } | undefined;
  if (!device) return false;
  const settle = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100));
  return Promise.race([device.lost.then(() => true), settle]);
}

/** Destroys the WebGPU device ORT runs on, as a driver reset would (for tests of recovery); false when none is open. */
export async function destroyGpuDevice(): Promise<boolean> {
  const ort = loaded.get('webgpu');
  if (!ort) return false;
  const device = (await (await ort).env.webgpu.device) as { destroy(): void } | undefined;
  device?.destroy();
  return device !== undefined;
}

export interface OpenedSession {
  run: SessionRunner;
  inputNames: readonly string[];
  outputNames: readonly string[];
  release(): Promise<void>;
}

export async function openSession(ort: Ort, model: Uint8Array, backend: Backend): Promise<OpenedSession> {
  // On WebGPU outputs stay on the GPU; the pipeline says which feed the next session, the rest are downloaded.
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    ...(backend === 'webgpu' ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
  });
  // One run at a time per session: concurrent run() calls fail in the browser ("Session already started").
  let queue: Promise<unknown> = Promise.resolve();
  const run: SessionRunner = (feeds, options = {}) => {
    const next = queue.then(async () => {
      const inputs = Object.fromEntries(
        Object.entries(feeds).map(([k, t]) => [
          k,
          (t.resident as OrtModule.Tensor | undefined) ?? new ort.Tensor(t.type, t.data, t.dims),
        ]),
      );
      const results = await session.run(inputs);
      const out: Record<string, TensorData> = {};
      for (const [name, tensor] of Object.entries(results)) {
        const type = tensor.type as TensorData['type'];
        if (tensor.location === 'gpu-buffer' && options.keep?.includes(name)) {
          out[name] = { type, data: new Float32Array(0), dims: [...tensor.dims], resident: tensor };
          continue;
        }
        const data = tensor.location === 'gpu-buffer' ? await tensor.getData(true) : tensor.data;
        out[name] = { type, data: data as Float32Array, dims: [...tensor.dims] };
        tensor.dispose();
      }
      return out;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return { run, inputNames: session.inputNames, outputNames: session.outputNames, release: () => session.release() };
}
