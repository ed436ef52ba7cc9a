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

export interface OpenedSession {
  run: SessionRunner;
  inputNames: readonly string[];
  outputNames: readonly string[];
  release(): Promise<void>;
}

export async function openSession(ort: Ort, model: Uint8Array, backend: Backend): Promise<OpenedSession> {
  const session = await ort.InferenceSession.create(model, { executionProviders: [backend], graphOptimizationLevel: 'all' });
  // One run at a time per session: concurrent run() calls fail in the browser ("Session already started").
  let queue: Promise<unknown> = Promise.resolve();
  const run: SessionRunner = (feeds) => {
    const next = queue.then(async () => {
      const inputs = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor(t.type, t.data, t.dims)]));
      const results = await session.run(inputs);
      const out: Record<string, TensorData> = {};
      for (const [name, tensor] of Object.entries(results)) {
        out[name] = { type: tensor.type as TensorData['type'], data: tensor.data as Float32Array, dims: [...tensor.dims] };
        tensor.dispose();
      }
      return out;
    });
    queue = next.catch(() => undefined);
    return next;
  };
  return { run, inputNames: session.inputNames, outputNames: session.outputNames, release: () => session.release() };
}
