/** Words matched to the detector's labels by the pack's text encoder, on the test pack: a label's own words find it
 * (whatever the encoder, a phrase is nearest to itself once the vocabulary's mean is taken away from both), and the
 * threshold marks what is near enough. How well other words find their label is measured by bench/qa-bench.ts. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackReader } from '../modelpack/pack-files';
import { DEFAULT_MATCH_SIMILARITY, LabelMatcher } from './label-match';
import { loadPack, type PackHandle } from './pack-loader';

const PACK = 'public/models/test-pack';
const readFromDisk: PackReader = async (path) => new Uint8Array(await readFile(`${PACK}/${path}`));

describe('LabelMatcher (test pack, WASM)', () => {
  let pack: PackHandle;
  beforeAll(async () => {
    pack = await loadPack(readFromDisk, 'wasm', { threads: 1, dtype: 'fp32' });
  }, 60_000);
  afterAll(() => pack?.release());

  it('finds a label by one of its own phrases, as near as can be, best first', async () => {
    const labels = pack.manifest.understanding!.detector.labels;
    const label = labels[labels.length - 1];
    const matches = await new LabelMatcher(pack).match(label.words[0]);
    expect(matches[0]).toMatchObject({ id: label.id, near: true });
    expect(matches[0].similarity).toBeCloseTo(1, 4);
    expect(matches.map((m) => m.similarity)).toEqual([...matches.map((m) => m.similarity)].sort((a, b) => b - a));
    expect(matches.slice(1).every((m) => m.similarity < 1 - 1e-3)).toBe(true);
  }, 60_000);

  it('marks as near only what reaches the pack’s threshold', async () => {
    const threshold = pack.manifest.understanding!.detector.match_similarity ?? DEFAULT_MATCH_SIMILARITY;
    const matches = await new LabelMatcher(pack).match('the quiet hum of a distant refrigerator compressor');
    for (const m of matches) expect(m.near).toBe(m.similarity >= threshold);
  }, 60_000);
});
