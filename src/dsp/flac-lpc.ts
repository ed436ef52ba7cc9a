/**
 * FLAC's linear prediction (LPC) subframes: each sample predicted from the `order` before it by integer coefficients
 * of `precision` bits, the sum shifted right by `shift`, as every FLAC decoder computes it. The coefficients come from
 * the block's autocorrelation through a Tukey window (as libFLAC windows it) by the Levinson-Durbin recursion, then
 * are rounded with the rounding error carried into the next, so the rounded predictor stays close to the real one.
 */

export interface QuantizedLpc {
  order: number;
  /** Bits of each coefficient, its sign included. */
  precision: number;
  shift: number;
  coefficients: Int32Array;
}

/** The orders tried (FLAC's subset allows up to 12 at rates up to 48 kHz). */
export const LPC_ORDERS = [4, 8, 12] as const;
const MAX_SHIFT = 15;

/** Lags 0..maxLag of the block's autocorrelation, through a Tukey window half of which is taper. */
function autocorrelation(x: Int32Array, maxLag: number): Float64Array {
  const n = x.length;
  const taper = Math.max(1, Math.floor(n / 4)); // a quarter at each end
  const w = Float64Array.from(x, (v, i) => {
    const edge = Math.min(i, n - 1 - i);
    return edge >= taper ? v : v * 0.5 * (1 - Math.cos((Math.PI * edge) / taper));
  });
  const r = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let sum = 0;
    for (let i = lag; i < n; i++) sum += w[i] * w[i - lag];
    r[lag] = sum;
  }
  return r;
}

/** Levinson-Durbin: the predictor of every order up to `maxOrder` (coefficients[k] multiplies x[i - 1 - k]) and the
 * error power it leaves; fewer where the recursion runs out (a signal that the shorter one predicts exactly). */
function levinson(r: Float64Array, maxOrder: number): { a: Float64Array; error: number }[] {
  const out: { a: Float64Array; error: number }[] = [];
  let a = new Float64Array(0);
  let error = r[0];
  for (let m = 1; m <= maxOrder && error > 0; m++) {
    let acc = r[m];
    for (let k = 0; k < m - 1; k++) acc -= a[k] * r[m - 1 - k];
    const reflection = acc / error;
    const next = new Float64Array(m);
    for (let k = 0; k < m - 1; k++) next[k] = a[k] - reflection * a[m - 2 - k];
    next[m - 1] = reflection;
    a = next;
    error *= 1 - reflection * reflection;
    out.push({ a, error });
  }
  return out;
}

/** The coefficients as integers of `precision` bits and the shift they are scaled by; null where they cannot be
 * (all zero, or too large for any shift FLAC allows). */
function quantizeCoefficients(a: Float64Array, precision: number): QuantizedLpc | null {
  const largest = Math.max(...a.map(Math.abs));
  if (!(largest > 0)) return null;
  const exponent = Math.floor(Math.log2(largest)) + 1; // largest = m * 2^exponent, 0.5 <= m < 1
  const shift = Math.min(MAX_SHIFT, precision - 1 - exponent);
  if (shift < 0) return null;
  const top = 2 ** (precision - 1) - 1;
  const coefficients = new Int32Array(a.length);
  let carried = 0;
  a.forEach((c, k) => {
    const scaled = c * 2 ** shift + carried;
    const q = Math.max(-top - 1, Math.min(top, Math.round(scaled)));
    carried = scaled - q;
    coefficients[k] = q;
  });
  return { order: a.length, precision, shift, coefficients };
}

/** The predictor for the block: of the orders tried, the one whose error (as the recursion estimates it, half a bit
 * per sample for each halving) and coefficients cost least; null where none can be had. */
export function lpcPredictor(samples: Int32Array, depth: number): QuantizedLpc | null {
  const n = samples.length;
  const maxOrder = Math.min(LPC_ORDERS[LPC_ORDERS.length - 1], n - 1);
  if (maxOrder < 1) return null;
  const all = levinson(autocorrelation(samples, maxOrder), maxOrder);
  const precision = depth <= 16 ? 14 : 15;
  const cost = (order: number) =>
    0.5 * n * Math.log2(Math.max(all[order - 1].error / n, 1e-9)) + order * (precision + depth);
  const orders = LPC_ORDERS.filter((order) => order <= all.length);
  if (!orders.length) return null;
  const best = orders.reduce((a, b) => (cost(b) < cost(a) ? b : a));
  return quantizeCoefficients(all[best - 1].a, precision);
}

/** What the predictor leaves over, folded as Rice coding wants it (0, -1, 1, -2... -> 0, 1, 2, 3...); null where a
 * residual would not fit the 32 bits decoders hold it in. */
export function lpcResidual(x: Int32Array, { order, shift, coefficients }: QuantizedLpc): Uint32Array | null {
  const out = new Uint32Array(x.length - order);
  const scale = 2 ** shift;
  for (let i = order; i < x.length; i++) {
    let sum = 0;
    for (let k = 0; k < order; k++) sum += coefficients[k] * x[i - 1 - k];
    const r = x[i] - Math.floor(sum / scale); // an arithmetic shift right, as decoders do it
    if (r >= 2 ** 30 || r < -(2 ** 30)) return null;
    out[i - order] = r >= 0 ? 2 * r : -2 * r - 1;
  }
  return out;
}
