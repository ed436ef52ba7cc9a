/** Band-limited resampling by windowed-sinc interpolation (Blackman-windowed, fixed kernel table). */

const ZERO_CROSSINGS = 24;
const TABLE_STEPS_PER_CROSSING = 512;

let kernelTable: Float32Array | undefined;

/** sinc(x) * Blackman window, sampled over |x| <= ZERO_CROSSINGS; built once, shared by every call. */
function kernel(): Float32Array {
  if (kernelTable) return kernelTable;
  const n = ZERO_CROSSINGS * TABLE_STEPS_PER_CROSSING + 2;
  kernelTable = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const x = i / TABLE_STEPS_PER_CROSSING;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    const w =
      x >= ZERO_CROSSINGS
        ? 0
        : 0.42 + 0.5 * Math.cos((Math.PI * x) / ZERO_CROSSINGS) + 0.08 * Math.cos((2 * Math.PI * x) / ZERO_CROSSINGS);
    kernelTable[i] = sinc * w;
  }
  return kernelTable;
}

/** Resamples one channel. The output has round(length * to / from) samples; down-sampling low-passes below the new Nyquist. */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return input.slice();
  const ratio = toRate / fromRate;
  const out = new Float32Array(Math.round(input.length * ratio));
  for (let j = 0; j < out.length; j++) out[j] = resampledAt(input, j / ratio, ratio);
  return out;
}

/** How many input samples either side of an output sample's place `resampledAt` reads. */
export const resampleReach = (ratio: number): number => Math.floor(ZERO_CROSSINGS / cutoffOf(ratio)) + 1;

// Cut-off at 0.97 of the lower Nyquist keeps the transition band out of the audible top octave's aliases.
const cutoffOf = (ratio: number) => Math.min(1, ratio) * 0.97;

/** The weights `resampledAt` gives the input samples around an output sample `frac` (0 to 1) past an input sample,
 * from the input sample `first` places from it on, before the sum is scaled by `scale`: a streaming resampler at a
 * fixed ratio works them out once and gets the very samples of `resampledAt`. At `frac` 0 and a ratio under 1 they
 * are a windowed-sinc low-pass at 0.97 · ratio of the Nyquist frequency, symmetric (in phase), as one FIR. */
export function resampleWeights(frac: number, ratio: number): { first: number; weights: Float64Array; scale: number } {
  const table = kernel();
  const cutoff = cutoffOf(ratio);
  const halfWidth = ZERO_CROSSINGS / cutoff;
  const step = cutoff * TABLE_STEPS_PER_CROSSING;
  const first = Math.ceil(frac - halfWidth);
  const last = Math.floor(frac + halfWidth);
  const weights = Float64Array.from({ length: last - first + 1 }, (_, k) => {
    const pos = Math.abs(first + k - frac) * step;
    const at = pos | 0;
    return table[at] + (pos - at) * (table[at + 1] - table[at]);
  });
  return { first, weights, scale: cutoff };
}

/** One output sample of `resample` by `ratio` (to / from), at `centre` (input samples; what lies before the input's
 * start or after its end counts as silence): a streaming resampler gets the very samples of the whole. */
export function resampledAt(input: Float32Array, centre: number, ratio: number): number {
  const table = kernel();
  const cutoff = cutoffOf(ratio);
  const halfWidth = ZERO_CROSSINGS / cutoff;
  const step = cutoff * TABLE_STEPS_PER_CROSSING;
  const first = Math.max(0, Math.ceil(centre - halfWidth));
  const last = Math.min(input.length - 1, Math.floor(centre + halfWidth));
  let acc = 0;
  for (let i = first; i <= last; i++) {
    const pos = Math.abs(i - centre) * step;
    const k = pos | 0;
    const frac = pos - k;
    acc += input[i] * (table[k] + frac * (table[k + 1] - table[k]));
  }
  return acc * cutoff;
}
