/**
 * Autoregressive (all-pole) modelling of audio and least-squares autoregressive interpolation of missing samples
 * (Janssen, Veldhuis and Vries, 1986), shared by De-clip (clipped tops) and De-click (clicks): a model of the
 * neighbourhood's spectrum predicts the missing samples so that its prediction error over the stretch is smallest.
 */

/** The models' tiny regularisation (a white-noise floor of this share of the power) keeps their equations solvable. */
const WHITE_NOISE = 1e-6;

/** The all-pole model (a[0] = 1, `order` poles) of the known audio in [from, to) by the covariance method: the
 * predictor that best predicts each known sample from the `order` known ones before it, in least squares; null where
 * no stretch that long is known. */
export function allPoleModel(
  x: Float32Array,
  from: number,
  to: number,
  order: number,
  isMissing: (t: number) => boolean,
): Float64Array | null {
  const p = order;
  const size = p + 1;
  // The covariance of [x_t, x_{t-1}, ..., x_{t-p}] over the clean t.
  const cov = new Float64Array(size * size);
  let cleanSince = from;
  let rows = 0;
  for (let t = from; t < to; t++) {
    if (isMissing(t)) cleanSince = t + 1;
    if (t - cleanSince < p) continue;
    rows++;
    for (let i = 0; i < size; i++) {
      const xi = x[t - i];
      for (let j = i; j < size; j++) cov[i * size + j] += xi * x[t - j];
    }
  }
  if (rows < 2 * p || !(cov[0] > 0)) return null;
  // Normal equations for a[1..p]: sum_j cov[i][j] a_j = -cov[i][0], i = 1..p; loaded a little so they are solvable.
  const matrix = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const loading = WHITE_NOISE * cov[0];
  for (let i = 1; i <= p; i++) {
    rhs[i - 1] = -cov[i];
    for (let j = 1; j <= p; j++) {
      const [a, b] = i <= j ? [i, j] : [j, i];
      matrix[(i - 1) * p + (j - 1)] = cov[a * size + b] + (i === j ? loading : 0);
    }
  }
  const a = new Float64Array(size);
  a[0] = 1;
  a.set(solveSymmetric(matrix, rhs, p), 1);
  return a;
}

/** Solves M y = b for a symmetric positive definite n x n M (row-major) by Cholesky. */
function solveSymmetric(m: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-30)) : s / l[j * n + j];
    }
  const y = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) y[i] -= l[i * n + k] * y[k];
    y[i] /= l[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) y[i] -= l[k * n + i] * y[k];
    y[i] /= l[i * n + i];
  }
  return y;
}

/** Sum over n of y[n] y[n + lag], for lags 0 to maxLag. */
export function autocorrelation(y: ArrayLike<number>, maxLag: number): Float64Array {
  const r = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let sum = 0;
    for (let n = 0; n + lag < y.length; n++) sum += y[n] * y[n + lag];
    r[lag] = sum;
  }
  return r;
}

/** The values at the sorted positions `missing` of `x` that make the model's prediction error over them smallest,
 * the other samples as they are: the normal equations sum_j taps[|i - j|] x[j] = 0 for each missing i, whose matrix
 * is banded (taps reach the model's order), solved by a banded Cholesky factorisation. */
export function interpolate(x: Float32Array, missing: number[], taps: Float64Array): Float64Array {
  const p = taps.length - 1;
  const m = missing.length;
  const isMissing = new Set(missing);
  const rhs = new Float64Array(m);
  missing.forEach((i, k) => {
    let sum = 0;
    for (let j = Math.max(0, i - p); j <= Math.min(x.length - 1, i + p); j++)
      if (!isMissing.has(j)) sum += taps[Math.abs(i - j)] * x[j];
    rhs[k] = -sum;
  });
  // L holds the factor's band: row k, column k - d at L[k * (p + 1) + d].
  const width = p + 1;
  const lower = new Float64Array(m * width);
  const entry = (k: number, j: number) => (missing[k] - missing[j] <= p ? taps[missing[k] - missing[j]] : 0);
  for (let k = 0; k < m; k++) {
    for (let j = Math.max(0, k - p); j <= k; j++) {
      let s = entry(k, j);
      for (let q = Math.max(0, k - p); q < j; q++) s -= lower[k * width + (k - q)] * lower[j * width + (j - q)];
      if (j === k) lower[k * width] = Math.sqrt(Math.max(s, taps[0] * WHITE_NOISE));
      else lower[k * width + (k - j)] = s / lower[j * width];
    }
  }
  const z = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let s = rhs[k];
    for (let j = Math.max(0, k - p); j < k; j++) s -= lower[k * width + (k - j)] * z[j];
    z[k] = s / lower[k * width];
  }
  for (let k = m - 1; k >= 0; k--) {
    let s = z[k];
    for (let j = k + 1; j <= Math.min(m - 1, k + p); j++) s -= lower[j * width + (j - k)] * z[j];
    z[k] = s / lower[k * width];
  }
  return z;
}

/** The all-pole model (a[0] = 1, `order` poles) of x's Hann-windowed stretches [from, to) together (outside x:
 * silent) by the autocorrelation method (Levinson-Durbin); no prediction at all where they are silent. Cheaper than
 * allPoleModel (no covariance matrix), for models fitted often. */
export function windowedModel(x: Float32Array, stretches: [number, number][], order: number): Float64Array {
  const r = new Float64Array(order + 1);
  for (const [from, to] of stretches) {
    const start = Math.round(from);
    const length = Math.round(to) - start;
    const window = hann(length);
    const w = new Float64Array(length);
    for (let i = Math.max(0, -start); i < Math.min(length, x.length - start); i++) w[i] = x[start + i] * window[i];
    autocorrelation(w, order).forEach((v, lag) => (r[lag] += v));
  }
  if (!(r[0] > 0)) return Float64Array.of(1);
  r[0] *= 1 + WHITE_NOISE;
  return levinson(r);
}

const hannWindows = new Map<number, Float64Array>();

/** A Hann window of `length` points (kept: models are fitted over windows of a few lengths). */
function hann(length: number): Float64Array {
  let w = hannWindows.get(length);
  if (!w) {
    w = Float64Array.from({ length }, (_, i) => Math.sin((Math.PI * (i + 0.5)) / length) ** 2);
    hannWindows.set(length, w);
  }
  return w;
}

/** Levinson-Durbin: the predictor a (a[0] = 1) from autocorrelations r[0..p]. */
function levinson(r: Float64Array): Float64Array {
  const p = r.length - 1;
  let a = new Float64Array(p + 1);
  a[0] = 1;
  let error = r[0];
  for (let i = 1; i <= p; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / error;
    const next = Float64Array.from(a);
    for (let j = 1; j < i; j++) next[j] = a[j] + k * a[i - j];
    next[i] = k;
    a = next;
    error *= 1 - k * k;
    if (!(error > 0)) break;
  }
  return a;
}
