/** Golden vectors, as training/omni_model/packing/export.py writes them: base64 little-endian tensors with dtype and shape. */

export interface GoldenTensor {
  dtype: 'float32' | 'int64';
  shape: number[];
  data: string;
}

export interface Golden {
  inputs: Record<string, GoldenTensor>;
  outputs: Record<string, GoldenTensor>;
}

function bytesOf(base64: string): ArrayBuffer {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function decodeTensor(t: GoldenTensor): Float32Array | BigInt64Array {
  const buffer = bytesOf(t.data);
  return t.dtype === 'int64' ? new BigInt64Array(buffer) : new Float32Array(buffer);
}

/** Outputs whose error counts against a fixed full scale, not their largest value: a mask is a fraction of the
 * mixture in [0, 1], and on a golden input it may be near zero everywhere; the separator's presence logit matters only
 * through its sigmoid (slope at most 1/4), so over a scale of 4 its error bounds the probability's
 * (training/omni_model/packing/export.py OUTPUT_SCALES). */
export const OUTPUT_SCALES: Record<string, number> = { mask: 1, probabilities: 1, presence: 4 };

/** Largest |a - b| over the largest |b| (or the output's full scale, where it has one): the relative error the golden
 * checks bound. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, fullScale = 0): number {
  let worst = 0,
    scale = fullScale;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / (scale + 1e-8);
}
