/** The detector path on the random-weight test pack (onnxruntime-web, WASM, under Node): windows joined without a
 * seam, and the same probabilities as the evaluation's path (training/omni_model/evaluation/evaluate_detector.py). */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from './detect';
import type { PackReader } from '../modelpack/pack-files';
import { loadPack, type PackHandle } from './pack-loader';

const PACK = 'public/models/test-pack';
const readFromDisk: PackReader = async (path) => new Uint8Array(await readFile(`${PACK}/${path}`));
const RATE = 16000;

/** training/omni_model/packing/parity.py separate_signal: 23 s, two tones under a slow swell. */
const signal = (seconds: number) =>
  Float32Array.from({ length: Math.floor(seconds * RATE) }, (_, i) => {
    const t = i / RATE;
    return (
      0.2 * Math.sin(2 * Math.PI * 350 * t) + 0.05 * Math.sin(2 * Math.PI * 2000 * t) * Math.sin(2 * Math.PI * 0.3 * t)
    );
  });

interface Fixture {
  seconds: number;
  frames: number;
  segments: number;
  segment_means: number[];
  top_tags: [string, number][];
}

describe('detect (test pack, float32, WASM)', () => {
  let pack: PackHandle;
  beforeAll(async () => {
    pack = await loadPack(readFromDisk, 'wasm', { threads: 1, dtype: 'fp32' });
  }, 60_000);
  afterAll(() => pack?.release());
  const withWindow = (seconds: number) => ({
    ...pack,
    manifest: {
      ...pack.manifest,
      understanding: { detector: { ...pack.manifest.understanding!.detector, window_seconds: seconds } },
    },
  });

  it("gives the evaluation's probabilities on the shared fixture, segment by segment (to 0.1 %)", async () => {
    const fixture = JSON.parse(await readFile('src/understanding/sound-events.parity.json', 'utf8')) as Fixture;
    const result = await detect(pack, signal(fixture.seconds));
    const labels = result.labels.length;
    expect(result.probabilities.length / labels).toBe(fixture.frames);
    const per = Math.ceil(fixture.frames / fixture.segments); // numpy's array_split: the first segments one longer
    const extra = fixture.frames % fixture.segments;
    let frame = 0;
    fixture.segment_means.forEach((expected, s) => {
      const rows = extra === 0 || s < extra ? per : per - 1;
      let sum = 0;
      for (let i = frame * labels; i < (frame + rows) * labels; i++) sum += result.probabilities[i];
      expect(Math.abs(sum / (rows * labels) - expected)).toBeLessThan(1e-3 * expected);
      frame += rows;
    });
    expect(result.tags.slice(0, 5).map((t) => t.label)).toEqual(fixture.top_tags.map(([l]) => l));
  }, 60_000);

  it('joins windows without a seam: 2 s windows with context give what one pass gives', async () => {
    const source = signal(7);
    const whole = await detect(withWindow(100), source);
    const progress: number[] = [];
    const windowed = await detect(withWindow(2), source, {
      onProgress: (done, total) => void progress.push(done, total),
    });
    expect(progress).toEqual([1, 4, 2, 4, 3, 4, 4, 4]);
    let worst = 0;
    whole.probabilities.forEach((p, i) => (worst = Math.max(worst, Math.abs(p - windowed.probabilities[i]))));
    expect(worst).toBeLessThan(1e-4);
  }, 60_000);

  it('holds nothing where the clip is silent, when the pack sets a silence level', async () => {
    const source = signal(4);
    source.fill(0, RATE, 2 * RATE); // the second second is digital silence
    const detector = pack.manifest.understanding!.detector;
    const gated = await detect(
      { ...pack, manifest: { ...pack.manifest, understanding: { detector: { ...detector, silence_dbfs: -70 } } } },
      source,
    );
    const labels = gated.labels.length;
    const frameOf = (seconds: number) => Math.round(seconds / gated.frameSeconds);
    const rowSum = (f: number) => gated.probabilities.slice(f * labels, (f + 1) * labels).reduce((a, b) => a + b, 0);
    for (let f = frameOf(1); f < frameOf(2); f++) expect(rowSum(f)).toBe(0);
    expect(rowSum(frameOf(0.5))).toBeGreaterThan(0);
    expect(rowSum(frameOf(2.5))).toBeGreaterThan(0);
    const ungated = await detect(pack, source);
    expect(ungated.probabilities.slice(frameOf(1.5) * labels, (frameOf(1.5) + 1) * labels).some((p) => p > 0)).toBe(
      true,
    );
  }, 60_000);
});
