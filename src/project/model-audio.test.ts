import { describe, expect, it } from 'vitest';
import { GRID_BINS } from '../dsp/spectral-edit';
import { toProjectAudio, toProjectRate } from './model-audio';

const tone = (n: number, rate: number, hz: number, amp = 0.5) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
const peak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('model audio to project audio', () => {
  it('a generated take lands at the project rate, the asked length, peaking at -1 dBFS', () => {
    const made = toProjectAudio({
      kind: 'generated',
      audio: tone(16000, 16000, 440, 0.01),
      modelRate: 16000,
      projectRate: 48000,
      length: 47000,
      conform: null,
    });
    expect(made.channels).toHaveLength(1);
    expect(made.channels[0].length).toBe(47000);
    expect(peak(made.channels[0])).toBeCloseTo(10 ** (-1 / 20), 2);
    expect(made.notes).toEqual([]);
  });

  it('a separated remove keeps every channel and crossfades into the original at the edges', () => {
    const original = [tone(4800, 48000, 300), tone(4800, 48000, 500)];
    const frames = Math.floor(1600 / 128) + 1;
    const made = toProjectAudio({
      kind: 'separated',
      task: 'remove',
      original,
      mask: new Float32Array(frames * GRID_BINS).fill(1), // all of it is the sound: remove leaves silence
      bins: GRID_BINS,
      modelRate: 16000,
      projectRate: 48000,
      edgeFade: 480,
    });
    expect(made.channels).toHaveLength(2);
    for (const [c, ch] of made.channels.entries()) {
      expect(ch[0]).toBeCloseTo(original[c][0], 5); // the edge is the original's
      expect(peak(ch.subarray(1000, 3800))).toBeLessThan(1e-3); // the middle is what remove left
    }
  });

  it('an edit whose original cannot be kept lands as the model made it, and says why', () => {
    const original = [tone(1600, 16000, 300)];
    const audio = tone(1600, 16000, 700);
    const made = toProjectAudio({
      kind: 'edited',
      task: 'add',
      keep: 'untouched',
      original,
      audio,
      recon: null,
      reconProblem: 'the vocoder failed',
      modelRate: 16000,
      projectRate: 16000,
      edgeFade: 0,
    });
    expect(made.channels[0]).toEqual(audio);
    expect(made.problems[0]).toContain('the vocoder failed');
  });

  it('a new part of music lands in the key of the music it joins, and says so', () => {
    const original = [new Float32Array(32000)];
    const made = toProjectAudio({
      kind: 'edited',
      task: 'regenerate',
      keep: 'raw',
      original,
      audio: tone(32000, 16000, 440),
      recon: null,
      modelRate: 16000,
      projectRate: 16000,
      matchKey: { heardIn: new Float32Array(16000) },
      edgeFade: 0,
    });
    expect(made.channels[0].length).toBe(32000);
    expect(made.notes).toEqual(['no key heard in the music around it; the new part is left in its own']);
  });

  it('cuts or pads to the asked length', () => {
    expect(toProjectRate(new Float32Array(10).fill(1), 8000, 8000, 6)).toEqual(new Float32Array(6).fill(1));
    expect(toProjectRate(new Float32Array(4).fill(1), 8000, 8000, 6)[5]).toBe(0);
  });
});
