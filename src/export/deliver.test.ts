import { describe, expect, it } from 'vitest';
import { integratedLoudness } from '../dsp/loudness';
import { truePeak } from '../dsp/true-peak';
import { deliverInPlace } from './deliver';

const RATE = 48000;
const dbtp = (channels: Float32Array[]) => 20 * Math.log10(truePeak(channels, RATE));

describe('loudness-normalized delivery', () => {
  it('brings a quiet, peaky programme to -16 LUFS with its true peaks held at -1 dBTP', () => {
    // A tone at about -30 LUFS with a click every half second far over it: raising it 14 dB would clip the clicks.
    const x = Float32Array.from(
      { length: RATE * 6 },
      (_, i) => 0.03 * Math.sin(i * 0.06) + (i % (RATE / 2) === 0 ? 0.5 : 0),
    );
    const channels = [x, x.slice()];
    const notes = deliverInPlace(channels, RATE, { lufs: -16, ceilingDb: -1 });
    expect(Math.abs(integratedLoudness(channels, RATE) + 16)).toBeLessThan(0.5);
    expect(dbtp(channels)).toBeLessThan(-0.95);
    expect(notes[0]).toMatch(/^Normalized from -\d+\.\d LUFS to -1[56]\.\d LUFS\.$/);
    expect(notes[1]).toMatch(/^True peaks limited to -1 dBTP/);
  });

  it('turns a loud programme down without limiting, and leaves silence as it was, saying so', () => {
    const loud = [Float32Array.from({ length: RATE * 3 }, (_, i) => 0.7 * Math.sin(i * 0.05))];
    const notes = deliverInPlace(loud, RATE, { lufs: -23, ceilingDb: -1 });
    expect(Math.abs(integratedLoudness(loud, RATE) + 23)).toBeLessThan(0.1);
    expect(notes).toHaveLength(1);
    const silent = [new Float32Array(RATE)];
    expect(deliverInPlace(silent, RATE, { lufs: -16, ceilingDb: -1 })[0]).toMatch(/not normalized/);
    expect(silent[0].every((v) => v === 0)).toBe(true);
  });
});
