/** Rectified-flow timesteps from t = 1 (noise) to t = 0 (data), with a shift that spends more steps at high noise. */

/** steps + 1 times, from 1 down to 0. shift > 1 moves them towards 1 (t' = s t / (1 + (s - 1) t)), as SD3 does. */
export function timesteps(steps: number, shift = 1): Float64Array {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  if (!(shift > 0)) throw new RangeError(`shift must be positive, got ${shift}`);
  return Float64Array.from({ length: steps + 1 }, (_, i) => {
    const t = 1 - i / steps;
    return (shift * t) / (1 + (shift - 1) * t);
  });
}
