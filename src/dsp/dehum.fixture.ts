/** Mains hum for De-hum's tests and benchmark: a buzz (odd harmonics strong, even ones weaker, up to 4 kHz) whose
 * frequency wanders a few hundredths of a hertz, as a grid's does, and whose level swells by a tenth. */
export interface HumShape {
  hz: number;
  /** RMS level in dBFS. */
  levelDb: number;
  /** Peak wander of the fundamental, Hz. */
  drift?: number;
  seed?: number;
}

export function mainsHum(
  length: number,
  rate: number,
  { hz, levelDb, drift = 0.03, seed = 3 }: HumShape,
): Float32Array {
  const random = uniform(seed);
  const harmonics = Array.from({ length: Math.floor(4000 / hz) }, (_, i) => ({
    k: i + 1,
    amplitude: (i % 2 === 0 ? 1 : 0.3) / (i + 1),
    phase: 2 * Math.PI * random(),
  }));
  const out = new Float32Array(length);
  let cycles = 0; // of the fundamental, integrated so the wander is a frequency change
  for (let n = 0; n < length; n++) {
    const t = n / rate;
    cycles += (hz + drift * Math.sin((2 * Math.PI * t) / 7)) / rate;
    const swell = 1 + 0.1 * Math.sin((2 * Math.PI * t) / 3);
    let v = 0;
    for (const h of harmonics) v += h.amplitude * Math.sin(2 * Math.PI * h.k * cycles + h.phase);
    out[n] = swell * v;
  }
  let power = 0;
  for (const v of out) power += v * v;
  const gain = 10 ** (levelDb / 20) / Math.sqrt(power / length);
  return out.map((v) => v * gain);
}

/** Uniform numbers in [0, 1) from a seed (xorshift32: exact in integers, unlike an LCG done in doubles). */
export function uniform(seed: number): () => number {
  let state = seed | 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Seconds of something to keep: three partials off the mains grid (233, 347 and 1288 Hz, swelling) over white
 * noise 40 dB down, peaking near 0.5. */
export function programme(seconds: number, rate: number, seed = 11): Float32Array {
  const random = uniform(seed);
  const x = new Float32Array(Math.round(seconds * rate));
  for (let n = 0; n < x.length; n++) {
    const t = n / rate;
    const swell = 0.6 + 0.4 * Math.sin(2 * Math.PI * 1.5 * t);
    x[n] =
      0.25 * swell * (Math.sin(2 * Math.PI * 233 * t) + 0.5 * Math.sin(2 * Math.PI * 347 * t + 1)) +
      0.06 * Math.sin(2 * Math.PI * 1288 * t + 2) +
      0.005 * (random() - 0.5) * Math.sqrt(12);
  }
  return x;
}
