import { describe, expect, it } from 'vitest';
import { deess } from './deess';
import { DeEssLine, deessLatency } from './deess-line';
import { programme } from './dehum.fixture';
import { filter } from './filters';

const RATE = 44100;
const settings = { hz: 5000, thresholdDb: -30, maxReductionDb: 12 };

/** A voice-like programme with three 80 ms hisses over 5 kHz (an "s", -14 dBFS RMS) at 0.3, 0.6 and 0.9 s; and where
 * the hisses are. */
function sung(): { channels: Float32Array[]; hisses: [number, number][] } {
  const x = programme(1.2, RATE);
  let seed = 5;
  const noise = Float32Array.from({ length: x.length }, () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647 - 0.5;
  });
  const hiss = filter(noise, 'highpass', 6000, RATE);
  const hisses: [number, number][] = [0.3, 0.6, 0.9].map((t) => [Math.round(t * RATE), Math.round((t + 0.08) * RATE)]);
  for (const [from, to] of hisses) for (let i = from; i < to; i++) x[i] += 1.2 * hiss[i];
  return { channels: [x, x.map((v) => 0.8 * v)], hisses };
}

/** The channels through a line in blocks of `block`, followed by `latency` zeros, with the latency cut off; the most
 * its meter read. */
function throughLine(channels: Float32Array[], block = 128) {
  const line = new DeEssLine(RATE, settings);
  const out = channels.map((c) => Float32Array.from([...c, ...new Float32Array(deessLatency(RATE, settings.hz))]));
  let most = 0;
  for (let at = 0; at < out[0].length; at += block) {
    line.run(out.map((c) => c.subarray(at, at + block)));
    most = Math.max(most, line.reductionDb);
  }
  return { out: out.map((c) => c.subarray(deessLatency(RATE, settings.hz))), most };
}

/** RMS over 5 kHz within [from, to), dBFS. */
function hissDb(x: Float32Array, [from, to]: [number, number]): number {
  const band = filter(x, 'highpass', 5000, RATE).subarray(from, to);
  return 10 * Math.log10(band.reduce((s, v) => s + v * v, 0) / band.length);
}

describe('DeEssLine', () => {
  it('turns the hisses down about as far as the whole-clip de-esser, 5.9 ms late, metered', () => {
    const { channels, hisses } = sung();
    expect(deessLatency(RATE, settings.hz)).toBe(260);
    const { out, most } = throughLine(channels);
    const whole = deess(channels, RATE, settings);
    for (const hiss of hisses) {
      const [before, line, offline] = [channels[0], out[0], whole[0]].map((x) => hissDb(x, hiss));
      expect(before - line).toBeGreaterThan(6);
      expect(Math.abs(line - offline)).toBeLessThan(1.5);
    }
    expect(most).toBeGreaterThan(6);
    expect(most).toBeLessThanOrEqual(settings.maxReductionDb);
  });

  it('leaves the voice between hisses as it was, bit for bit, whatever the blocks', () => {
    const { channels, hisses } = sung();
    const { out } = throughLine(channels, 1);
    expect(throughLine(channels, 997).out).toEqual(out);
    // From 0.1 s to the first hiss's attack: nothing over the threshold, so no sample touched.
    const [from, to] = [Math.round(0.1 * RATE), hisses[0][0] - Math.round(0.005 * RATE)];
    out.forEach((channel, c) => {
      expect(channel.subarray(from, to)).toEqual(channels[c].subarray(from, to));
    });
  });

  it('listening, gives what it takes away: with what it leaves, the sound again', () => {
    const { channels } = sung();
    const { out } = throughLine(channels);
    const line = new DeEssLine(RATE, { ...settings, listen: true });
    const taken = channels.map((c) => Float32Array.from([...c, ...new Float32Array(deessLatency(RATE, settings.hz))]));
    for (let at = 0; at < taken[0].length; at += 128) line.run(taken.map((c) => c.subarray(at, at + 128)));
    const latency = deessLatency(RATE, settings.hz);
    let worst = 0;
    channels[0].forEach((v, i) => {
      worst = Math.max(worst, Math.abs(out[0][i] + taken[0][i + latency] - v));
    });
    expect(worst).toBeLessThan(1e-6);
    expect(taken[0].reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.05);
  });
});
