import { describe, expect, it } from 'vitest';
import { programme } from './dehum.fixture';
import { limit } from './limiter';
import { LimiterLine, limiterLatency } from './limiter-line';

const RATE = 44100;
const settings = { ceilingDb: -3, releaseMs: 50 };

/** The programme with hits to +6 dBFS every quarter second between half-seconds of silence (the whole-recording
 * limiter takes the ends' gains as going on beyond them, a line from rest takes silence), in two channels. */
function hot(): Float32Array[] {
  const x = programme(2, RATE);
  for (let at = Math.round(RATE / 8); at < x.length - RATE / 10; at += Math.round(RATE / 4))
    for (let n = 0; n < RATE / 20; n++) x[at + n] += 1.5 * Math.exp(-n / (RATE * 0.01)) * Math.sin(0.2 * n);
  const silence = new Float32Array(RATE / 2);
  const left = Float32Array.from([...silence, ...x, ...silence]);
  return [left, left.map((v) => -0.7 * v)];
}

/** The channels through a line in 128-frame blocks, followed by `latency` zeros so all of them come out. */
function throughLine(channels: Float32Array[]): { out: Float32Array[]; latency: number; most: number } {
  const line = new LimiterLine(RATE, settings);
  const out = channels.map((c) => Float32Array.from([...c, ...new Float32Array(line.latency)]));
  let most = 0;
  for (let at = 0; at < out[0].length; at += 128) {
    line.run(out.map((c) => c.subarray(at, at + 128)));
    most = Math.max(most, line.reductionDb);
  }
  return { out: out.map((c) => c.subarray(line.latency)), latency: line.latency, most };
}

describe('LimiterLine', () => {
  it('gives what the whole-recording limiter gives, 10 ms late', () => {
    const x = hot();
    const { out, latency, most } = throughLine(x);
    expect(latency).toBe(limiterLatency(RATE));
    expect(latency).toBe(442);
    const whole = limit(x, RATE, settings);
    out.forEach((channel, c) => {
      let worst = 0;
      for (let i = 0; i < channel.length; i++) worst = Math.max(worst, Math.abs(channel[i] - whole.channels[c][i]));
      expect(worst).toBeLessThan(1e-6);
    });
    expect(most).toBeCloseTo(whole.reductionDb, 1);
    expect(most).toBeGreaterThan(6);
  });

  it('holds every sample under the ceiling and passes quiet sound unchanged, only late', () => {
    const x = hot();
    const ceiling = 10 ** (settings.ceilingDb / 20);
    const { out } = throughLine(x);
    const peak = Math.max(...out.map((c) => c.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
    expect(peak).toBeLessThanOrEqual(ceiling);
    expect(peak).toBeGreaterThan(ceiling - 0.01);
    const quiet = [x[0].map((v) => v * 0.1)];
    const passed = throughLine(quiet).out[0];
    expect(passed).toEqual(quiet[0]);
  });
});
