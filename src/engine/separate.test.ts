/** The separator path on the random-weight test pack (onnxruntime-web, WASM, under Node): windows joined without a
 * seam, the mask on the spectral-edit grid, presence against the pack's threshold, cancel between windows. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeparationSettings } from '../modelpack/manifest';
import { GRID_BINS } from '../dsp/spectral-edit';
import type { PackReader } from '../modelpack/pack-files';
import { loadPack, type PackHandle } from './pack-loader';
import { inputGain, presence, separate } from './separate';

const PACK = 'public/models/test-pack';
const readFromDisk: PackReader = async (path) => new Uint8Array(await readFile(`${PACK}/${path}`));
const RATE = 16000;
const source = Float32Array.from(
  { length: 7 * RATE + 77 },
  (_, i) => 0.2 * Math.sin(i / 7) + 0.05 * Math.sin(i / 3.1) * Math.sin(i / 5000),
);

describe('separate (test pack, float32, WASM)', () => {
  let pack: PackHandle;
  beforeAll(async () => {
    // float32: int8's dynamic quantisation scales activations per window, which would hide a seam in its rounding.
    pack = await loadPack(readFromDisk, 'wasm', { threads: 1, dtype: 'fp32' });
  }, 60_000);
  afterAll(() => pack?.release());
  const withWindow = (seconds: number) => ({
    ...pack,
    manifest: { ...pack.manifest, separation: { ...pack.manifest.separation!, window_seconds: seconds } },
  });

  it('gives a mask on the spectral-edit grid, one row per hop, with values in [0, 1]', async () => {
    const result = await separate(pack, 'a dog barking', source);
    expect(result.bins).toBe(GRID_BINS);
    expect(result.mask.length).toBe((Math.floor(source.length / 128) + 1) * GRID_BINS);
    expect(result.mask.every((m) => m >= 0 && m <= 1)).toBe(true);
  }, 60_000);

  it('joins windows without a seam: 2 s windows with context give what one pass gives', async () => {
    const whole = await separate(withWindow(100), 'a dog barking', source);
    const progress: number[] = [];
    const windowed = await separate(withWindow(2), 'a dog barking', source, {
      onProgress: (done, total) => void progress.push(done, total),
    });
    expect(progress).toEqual([1, 4, 2, 4, 3, 4, 4, 4]);
    let worst = 0;
    whole.mask.forEach((m, i) => (worst = Math.max(worst, Math.abs(m - windowed.mask[i]))));
    expect(worst).toBeLessThan(1e-4);
    expect(windowed.presentSeconds).toBeCloseTo(whole.presentSeconds, 6);
  }, 60_000);

  it('answers another mask for other words', async () => {
    const a = await separate(pack, 'a dog barking', source);
    const b = await separate(pack, 'rain on a roof', source);
    expect(b.mask).not.toEqual(a.mask);
  }, 60_000);

  it("gives the evaluation's mask (training/omni_model/evaluation/evaluate_edits.py) on the shared fixture, segment by segment", async () => {
    const fixture = JSON.parse(await readFile('src/engine/separate.parity.json', 'utf8')) as {
      seconds: number;
      description: string;
      frames: number;
      segments: number;
      segment_means: number[];
      present_seconds: number;
      found: boolean;
    };
    const signal = Float32Array.from({ length: Math.round(fixture.seconds * RATE) }, (_, i) => {
      const t = i / RATE;
      return (
        0.2 * Math.sin(2 * Math.PI * 350 * t) +
        0.05 * Math.sin(2 * Math.PI * 2000 * t) * Math.sin(2 * Math.PI * 0.3 * t)
      );
    });
    const result = await separate(pack, fixture.description, signal);
    expect(result.mask.length / result.bins).toBe(fixture.frames);
    // numpy's array_split: the first (frames % segments) segments hold one frame more.
    const base = Math.floor(fixture.frames / fixture.segments),
      extra = fixture.frames % fixture.segments;
    let at = 0;
    fixture.segment_means.forEach((expected, s) => {
      const rows = base + (s < extra ? 1 : 0);
      const part = result.mask.subarray(at * result.bins, (at + rows) * result.bins);
      expect(part.reduce((a, v) => a + v, 0) / part.length).toBeCloseTo(expected, 4);
      at += rows;
    });
    expect(result.presentSeconds).toBeCloseTo(fixture.present_seconds, 4);
    expect(result.found).toBe(fixture.found);
  }, 60_000);

  it('stops between windows when cancelled', async () => {
    let windows = 0;
    const run = separate(withWindow(2), 'a dog barking', source, {
      onProgress: () => void windows++,
      checkpoint: () => {
        if (windows >= 1) throw new Error('cancelled');
      },
    });
    await expect(run).rejects.toThrow('cancelled');
    expect(windows).toBe(1);
  }, 60_000);
});

describe('inputGain', () => {
  it('brings the clip to the level asked, leaves silence alone and stops at +60 dB', () => {
    const loud = Float32Array.from({ length: 1000 }, (_, i) => (i % 2 ? 0.5 : -0.5));
    expect(20 * Math.log10(0.5 * inputGain(loud, -25))).toBeCloseTo(-25, 6);
    expect(inputGain(new Float32Array(100), -25)).toBe(1);
    expect(inputGain(new Float32Array(100).fill(1e-9), -25)).toBe(1000);
  });
});

describe('presence', () => {
  const settings: SeparationSettings = {
    tasks: ['remove'],
    n_fft: 512,
    hop: 128,
    input_dbfs: -25,
    window_seconds: 10,
    context_seconds: 1,
    presence_threshold: 0.5,
    min_present_seconds: 0.1,
  };
  it('counts the frames over the threshold and finds the sound only when it lasts long enough', () => {
    const logits = new Float32Array(200).fill(-3);
    logits.fill(2, 0, 12); // 12 frames of 8 ms: 96 ms, under 0.1 s
    expect(presence(logits, settings, RATE)).toEqual({ presentSeconds: 0.096, found: false });
    logits.fill(2, 0, 13);
    expect(presence(logits, settings, RATE).found).toBe(true);
  });
});
