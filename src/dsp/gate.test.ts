import { describe, expect, it } from 'vitest';
import { GateLine, gate, gateGainDb, gateLatency } from './gate';

const RATE = 8000;
const settings = { thresholdDb: -40, reductionDb: -20 };

/** Hiss at -60 dBFS for 3 s with a tone at 0.3 over [1, 2) s. */
function burstInHiss(): Float32Array {
  let seed = 3;
  return Float32Array.from({ length: 3 * RATE }, (_, i) => {
    seed = (seed * 16807) % 2147483647;
    const hiss = 0.001 * (2 * (seed / 2147483647) - 1);
    return hiss + (i >= RATE && i < 2 * RATE ? 0.3 * Math.sin(i / 2) : 0);
  });
}

describe('gate', () => {
  it('turns the hiss down by the reduction and passes the sound bit for bit', () => {
    const x = burstInHiss();
    const { channels, closed } = gate([x], RATE, settings);
    const [y] = channels;
    for (const i of [0.5 * RATE, 2.5 * RATE]) expect(y[i] / x[i]).toBeCloseTo(0.1, 5);
    expect(y.subarray(RATE, 2 * RATE)).toEqual(x.subarray(RATE, 2 * RATE));
    expect(closed).toBeGreaterThan(0.6);
    expect(closed).toBeLessThan(0.67);
  });

  it('is open by the onset (it looks ahead), holds 50 ms after the sound and closes over the release', () => {
    const gain = gateGainDb([burstInHiss()], RATE, settings);
    expect(gain[RATE - 0.02 * RATE]).toBe(-20); // 20 ms before: closed
    expect(gain[RATE - 0.005 * RATE]).toBeCloseTo(-10, 0); // halfway open 5 ms before
    expect(gain[RATE]).toBe(0);
    const end = 2 * RATE; // the last loud sample lies just before
    expect(gain[end + 0.04 * RATE]).toBe(0); // held
    expect(gain[end + 0.1 * RATE]).toBeCloseTo(-10, 0); // halfway through the release
    expect(gain[end + 0.16 * RATE]).toBe(-20);
  });

  it('leaves a recording that never falls under the threshold alone', () => {
    const loud = Float32Array.from({ length: RATE }, (_, i) => 0.5 * Math.sign(Math.sin(i / 5)) || 0.5);
    const { channels, closed } = gate([loud], RATE, settings);
    expect(channels[0]).toEqual(loud);
    expect(closed).toBe(0);
  });

  it('as a line over 128-frame blocks gives the same sound, an attack late (a realtime gate)', () => {
    const x = burstInHiss();
    const line = new GateLine(RATE, settings);
    expect(line.latency).toBe(gateLatency(RATE));
    expect(line.latency).toBe(80);
    const out = Float32Array.from([...x, ...new Float32Array(line.latency)]);
    let most = 0;
    for (let at = 0; at < out.length; at += 128) {
      line.run([out.subarray(at, at + 128)]);
      most = Math.max(most, -line.gainDb);
    }
    // The whole-recording gate opens at once where a sound starts the recording; here hiss does, so they agree.
    const whole = gate([x], RATE, settings).channels[0];
    // The same gains, the whole-recording gate's stored as 32-bit decibels.
    expect(out.subarray(line.latency).reduce((m, v, i) => Math.max(m, Math.abs(v - whole[i])), 0)).toBeLessThan(1e-7);
    expect(most).toBe(20);
  });
});
