import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateLong } from './long-audio';
import type { PackReader } from '../modelpack/pack-files';
import { loadPack } from './pack-loader';
import { overlapAdd, planWindows } from './windows';

describe('planWindows', () => {
  it('covers the length with overlapping windows', () => {
    expect(planWindows(25, 10, 1)).toEqual([
      { start: 0, length: 10 },
      { start: 9, length: 10 },
      { start: 18, length: 7 },
    ]);
    expect(planWindows(8, 10, 1)).toEqual([{ start: 0, length: 8 }]);
  });
  it('makes every window longer than the crossfade, and refuses a crossfade as long as the window', () => {
    for (let total = 11; total < 60; total++)
      for (const w of planWindows(total, 10, 3)) expect(w.length).toBeGreaterThan(3);
    expect(() => planWindows(30, 10, 10)).toThrow(RangeError);
  });
});

describe('overlapAdd', () => {
  it('joins two constant pieces with constant power across the seam', () => {
    const out = new Float32Array(20);
    overlapAdd(out, new Float32Array(12).fill(1), 0, 0, 4);
    overlapAdd(out, new Float32Array(12).fill(1), 8, 4, 0);
    expect(out[0]).toBe(1);
    expect(out[19]).toBe(1);
    // Equal-power gains: g_out^2 + g_in^2 = 1 at every sample of the seam.
    for (let i = 8; i < 12; i++) {
      const a = Math.sin(((11 - i + 0.5) / 4) * (Math.PI / 2)),
        b = Math.sin(((i - 8 + 0.5) / 4) * (Math.PI / 2));
      expect(a * a + b * b).toBeCloseTo(1, 10);
      expect(out[i]).toBeCloseTo(a + b, 6);
    }
  });
});

describe('generateLong (test pack, WASM)', () => {
  const read: PackReader = async (path) => new Uint8Array(await readFile(`public/models/test-pack/${path}`));
  it('makes 25 s from three windows, streaming previews window by window, with the exact length', async () => {
    const pack = await loadPack(read, 'wasm', { threads: 1 });
    const offsets: number[] = [];
    const out = await generateLong(
      pack,
      { taskId: 't2a', text: 'wind', seconds: 25, steps: 2, guidanceScale: 2, shift: 1, seed: 3, previewEvery: 1 },
      { onPreview: (_a, offset) => void offsets.push(offset) },
    );
    expect(out.length).toBe(25 * 16000);
    expect(offsets).toEqual([0, 144000, 288000]);
    const edited = await generateLong(pack, {
      taskId: 'remove',
      text: "Remove the sound of 'wind'",
      seconds: 0,
      steps: 2,
      guidanceScale: 2,
      shift: 1,
      seed: 3,
      source: new Float32Array(16000 * 12 + 123),
    });
    expect(edited.length).toBe(16000 * 12 + 123);
    await pack.release();
  }, 120_000);
});
