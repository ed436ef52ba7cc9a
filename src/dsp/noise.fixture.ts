/** White noise at an RMS `level` from a fixed seed (a Park-Miller generator), for the DSP tests. */
export function noise(length: number, level: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s = (s * 16807) % 2147483647;
    return level * (s / 2147483647 - 0.5) * Math.sqrt(12);
  });
}
