/** White noise at an RMS `level` from a fixed seed (a Park-Miller generator), for the DSP tests. */
export function noise(length: number, level: number, seed = 1): Float32Array {
  let s = seed;
  return Float32Array.from({ length }, () => {
    s = (s * 16807) % 2147483647;
    return level * (s / 2147483647 - 0.5) * Math.sqrt(12);
  });
}

/** A tone's level in dB at `hz` (one DFT bin's worth at that frequency), for the DSP tests of spectral effects. */
export function toneLevelDb(x: Float32Array, hz: number, sampleRate: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i] * Math.cos((2 * Math.PI * hz * i) / sampleRate);
    im += x[i] * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  }
  return 20 * Math.log10(Math.hypot(re, im));
}
