import { describe, expect, it } from 'vitest';
import { programme } from './dehum.fixture';
import { type Distortion, distort } from './distortion';
import { DistortionLine, distortionLatency } from './distortion-line';

const RATE = 48000;

/** The channels through a line in blocks of `block` samples, followed by `latency` zeros, with the latency cut off. */
function throughLine(channels: Float32Array[], settings: Distortion, block: number): Float32Array[] {
  const line = new DistortionLine(RATE, settings);
  const out = channels.map((c) => Float32Array.from([...c, ...new Float32Array(line.latency)]));
  for (let at = 0; at < out[0].length; at += block) line.run(out.map((c) => c.subarray(at, at + block)));
  return out.map((c) => c.subarray(line.latency));
}

/** The largest difference between two channels, leaving out their last `spare` samples (where the whole-clip
 * effect's up-sampled stream ends, the line's goes on into the zeros after). */
function worst(a: Float32Array, b: Float32Array, spare: number): number {
  let most = 0;
  for (let i = 0; i < a.length - spare; i++) most = Math.max(most, Math.abs(a[i] - b[i]));
  return most;
}

describe('DistortionLine', () => {
  const x = programme(0.5, RATE);
  const stereo = [x, x.map((v, i) => 0.6 * v + 0.2 * Math.sin(i / 7))];

  it("gives the whole-clip effect's samples 50 samples late, whatever the blocks", () => {
    expect(distortionLatency()).toBe(50);
    for (const curve of ['soft', 'hard', 'tube'] as const) {
      const settings = { curve, driveDb: 18, outputDb: -3 };
      const whole = distort(stereo, RATE, settings);
      for (const block of [1, 128, 997]) {
        const line = throughLine(stereo, settings, block);
        line.forEach((channel, c) => {
          expect(worst(channel, whole[c], 2 * distortionLatency())).toBe(0);
        });
      }
    }
  });

  it('takes a new drive as it plays: harder after the change, the same before it', () => {
    const line = new DistortionLine(RATE, { curve: 'soft', driveDb: 0, outputDb: 0 });
    const out = [x.slice()];
    const half = Math.round(x.length / 2);
    line.run([out[0].subarray(0, half)]);
    line.retune({ driveDb: 24, outputDb: 0 });
    line.run([out[0].subarray(half)]);
    const gentle = throughLine([x], { curve: 'soft', driveDb: 0, outputDb: 0 }, 128)[0];
    const latency = distortionLatency();
    expect(worst(out[0].subarray(latency, half), gentle.subarray(0, half - latency), 0)).toBe(0);
    const peak = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    const after = out[0].subarray(half + 4 * latency);
    // Driven 24 dB into tanh: squared off, its RMS near its peak, where the gentle line's is not.
    const before = gentle.subarray(half + 3 * latency);
    expect(rms(after) / peak(after)).toBeGreaterThan(0.75);
    expect(rms(before) / peak(before)).toBeLessThan(0.55);
  });
});
