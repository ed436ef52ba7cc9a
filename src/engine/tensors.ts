/** Tensor plumbing between the pipeline and whatever runs the sessions (onnxruntime-web here, a fake in tests). */

export interface TensorData {
  type: 'float32' | 'int64';
  /** Empty for a tensor that stays on the GPU. */
  data: Float32Array | BigInt64Array;
  dims: number[];
  /** An onnxruntime tensor left on the GPU, to feed the next session without a round trip; free it with `release`. */
  resident?: { dispose(): void };
}

export interface RunOptions {
  /** Outputs to leave on the GPU (WebGPU only; elsewhere they come back as plain data). */
  keep?: readonly string[];
}

/** Runs one session of the pack: named inputs in, named outputs out. */
export type SessionRunner = (
  feeds: Record<string, TensorData>,
  options?: RunOptions,
) => Promise<Record<string, TensorData>>;

/** Frees the GPU memory of tensors a session left there (plain tensors need nothing). */
export function release(...tensors: (TensorData | undefined)[]): void {
  for (const t of tensors) t?.resident?.dispose();
}

export const f32 = (data: Float32Array, dims: number[]): TensorData => ({ type: 'float32', data, dims });
export const i64 = (data: BigInt64Array, dims: number[]): TensorData => ({ type: 'int64', data, dims });

/** Two copies of a batch-1 tensor stacked on the batch axis (guidance runs cond and uncond together). */
export function twice(t: TensorData): TensorData {
  const data = t.type === 'float32' ? new Float32Array(t.data.length * 2) : new BigInt64Array(t.data.length * 2);
  (data as Float32Array).set(t.data as Float32Array, 0);
  (data as Float32Array).set(t.data as Float32Array, t.data.length);
  return { type: t.type, data, dims: [2, ...t.dims.slice(1)] } as TensorData;
}

/** The i-th item of a batch, as a flat array. */
export function item(t: TensorData, i: number): Float32Array {
  const size = t.data.length / t.dims[0];
  return (t.data as Float32Array).slice(i * size, (i + 1) * size);
}

export function output(results: Record<string, TensorData>, name: string): TensorData {
  const t = results[name];
  if (!t)
    throw new Error(`The session returned no output named "${name}" (it returned ${Object.keys(results).join(', ')}).`);
  return t;
}
