/** Zero crossings, as Audacity's Find Zero Crossings: a cut, a split or a fade that starts where the waveform crosses
 * zero does not click, since no step is made in it. */

/** How far either side of a position a crossing is looked for, s (Audacity looks about as far). */
export const ZERO_CROSSING_SECONDS = 0.01;

/** The index in `x` nearest `at` where the signal crosses zero (between i - 1 and i, the sample nearer zero), within
 * `reach` samples either side; `at` itself where there is none. */
export function nearestZeroCrossing(x: Float32Array, at: number, reach: number): number {
  for (let d = 0; d <= reach; d++) {
    for (const i of d === 0 ? [at] : [at - d, at + d]) {
      if (i < 1 || i >= x.length) continue;
      if (x[i] === 0) return i;
      if (Math.sign(x[i]) !== Math.sign(x[i - 1])) return Math.abs(x[i]) <= Math.abs(x[i - 1]) ? i : i - 1;
    }
  }
  return at;
}
