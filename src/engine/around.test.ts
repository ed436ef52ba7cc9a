import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackReader } from '../modelpack/pack-files';
import type { InContextUse } from '../modelpack/manifest';
import { knownFrames, packPlan, planAround, windowUse } from './around';
import { generateLong } from './long-audio';
import { loadPack, type PackHandle } from './pack-loader';
import { framesFor, type GenerateRequest, generateWindow } from './pipeline';
import type { RunOptions, TensorData } from './tensors';

const PACK = 'public/models/test-pack';
const readFromDisk: PackReader = async (path) => new Uint8Array(await readFile(`${PACK}/${path}`));

const sizes = { window: 100, context: 30, join: 5 };

describe('windows that make a part around known audio', () => {
  it('takes context on both sides when the part and its context fit one window', () => {
    expect(planAround(200, 80, 120, sizes)).toEqual([{ start: 50, end: 150, from: 80, to: 120 }]);
  });

  it('extends forward: context before only, then each window continues the last, overlapping by the join', () => {
    const plan = planAround(250, 40, 250, sizes);
    expect(plan[0]).toEqual({ start: 10, end: 110, from: 40, to: 110 });
    expect(plan[1]).toEqual({ start: 75, end: 175, from: 105, to: 175 });
    expect(plan.at(-1)!.to).toBe(250);
    for (const w of plan) expect(w.end - w.start).toBeLessThanOrEqual(100);
    for (let i = 1; i < plan.length; i++) expect(plan[i].from).toBe(plan[i - 1].to - 5);
  });

  it('makes the rest of a part in one window when it fits with some of what follows', () => {
    expect(planAround(200, 10, 80, sizes)).toEqual([{ start: 0, end: 100, from: 10, to: 80 }]);
  });

  it('extends backward: context after the part', () => {
    expect(planAround(100, 0, 40, sizes)).toEqual([{ start: 0, end: 70, from: 0, to: 40 }]);
  });

  it('refuses an empty part or one outside the audio', () => {
    expect(() => planAround(100, 50, 50, sizes)).toThrow(RangeError);
    expect(() => planAround(100, 50, 120, sizes)).toThrow(RangeError);
  });

  it('marks as known only latent frames wholly outside the part and inside the window', () => {
    // Frames of 10 samples over [0, 45): the part [12, 25) touches frames 1 and 2; frame 4 runs past the window.
    expect(Array.from(knownFrames({ start: 0, end: 45, from: 12, to: 25 }, 10))).toEqual([1, 0, 0, 1, 0]);
  });
});

describe('generation around known audio (test pack, WASM, windows of 7 s)', () => {
  let pack: PackHandle;
  let small: PackHandle;
  const request: GenerateRequest = {
    taskId: 't2m',
    text: 'piano melody',
    seconds: 9,
    steps: 2,
    guidanceScale: 3,
    shift: 1,
    seed: 5,
  };
  beforeAll(async () => {
    pack = await loadPack(readFromDisk, 'wasm', { threads: 1 });
    small = { ...pack, manifest: { ...pack.manifest, audio: { ...pack.manifest.audio, window_seconds: 7 } } };
  }, 60_000);
  afterAll(() => pack?.release());

  it('makes only the part asked for, drawn from what is around it', async () => {
    const rate = pack.manifest.audio.sample_rate;
    const tone = Float32Array.from({ length: 8 * rate }, (_, i) => 0.3 * Math.sin(i * 0.05));
    const hum = Float32Array.from({ length: 8 * rate }, (_, i) => 0.3 * Math.sin(i * 0.011));
    const around = (audio: Float32Array) => ({ audio, from: 3 * rate, to: 4 * rate });
    const a = await generateLong(small, { ...request, around: around(tone) });
    const b = await generateLong(small, { ...request, around: around(hum) });
    expect(a.length).toBe(rate);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(b).not.toEqual(a); // the same seed and prompt: only the known audio differs
  }, 60_000);

  it('gives each window of a video task the picture from its own start in the around audio', async () => {
    const rate = pack.manifest.audio.sample_rate;
    const { frame_size: size, frames_per_second: fps } = pack.manifest.video;
    const each = 3 * size * size;
    const frames = 12 * fps;
    const pixels = Float32Array.from({ length: frames * each }, (_, i) => Math.floor(i / each) / frames); // frame i: i / frames
    const around = { audio: new Float32Array(12 * rate), from: 8 * rate, to: 11 * rate };
    const firstShown: number[] = [];
    const sync = small.run.sync_encoder;
    const spy = {
      ...small,
      run: {
        ...small.run,
        sync_encoder: (feeds: Record<string, TensorData>, options?: RunOptions) => {
          firstShown.push(Math.round((feeds.video.data as Float32Array)[0] * frames));
          return sync(feeds, options);
        },
      },
    };
    const out = await generateLong(spy, { ...request, taskId: 'v2a', around, video: { pixels, size, fps } });
    expect(out.length).toBe(3 * rate);
    expect(firstShown).toEqual(packPlan(small, around).map((w) => Math.floor((w.start / rate) * fps)));
    expect(firstShown[0]).toBeGreaterThan(0);
  }, 60_000);

  it('sends a task taught in context its window as the source for the uses the pack lists', async () => {
    const rate = pack.manifest.audio.sample_rate;
    const audio = Float32Array.from({ length: 12 * rate }, (_, i) => 0.3 * Math.sin(i * 0.05));
    const gap = { audio, from: 8 * rate, to: 9.5 * rate }; // known on both sides: a fill
    const end = { audio, from: 10 * rate, to: 12 * rate }; // known before only: a continuation
    const heard = async (around: typeof gap, uses?: InContextUse[]) => {
      const sources: Float32Array[] = [];
      const tasks = small.manifest.tasks.map((t) => (t.id === 't2m' ? { ...t, in_context: uses } : t));
      const spy = {
        ...small,
        manifest: { ...small.manifest, tasks },
        run: {
          ...small.run,
          mel_frontend: (feeds: Record<string, TensorData>, options?: RunOptions) => {
            if (feeds.waveform.dims[0] === 2) sources.push((feeds.waveform.data as Float32Array).slice()); // c_low's batch
            return small.run.mel_frontend(feeds, options);
          },
        },
      };
      await generateLong(spy, { ...request, around });
      return sources;
    };
    expect(packPlan(small, gap).map(windowUse)).toEqual(['fill']);
    expect(packPlan(small, end).map(windowUse)).toEqual(['continue']);
    expect(await heard(gap)).toEqual([]);
    expect(await heard(gap, ['continue'])).toEqual([]);
    expect((await heard(end, ['continue'])).length).toBe(1);
    const sources = await heard(gap, ['fill']);
    const plan = packPlan(small, gap);
    expect(sources.length).toBe(plan.length);
    const [w] = plan;
    const source = sources[0].subarray(0, w.end - w.start);
    const part = source.subarray(w.from - w.start, w.to - w.start);
    expect(part.every((v) => v === 0)).toBe(true);
    expect(source.subarray(0, w.from - w.start).some((v) => Math.abs(v) > 0.01)).toBe(true);
  }, 60_000);

  it('chains windows: the first is a plain generation, the rest continue it, progress counting all', async () => {
    const progress: [number, number][] = [];
    const chained = await generateLong(
      small,
      { ...request, chained: true },
      { onProgress: (d, t) => void progress.push([d, t]) },
    );
    const first = await generateWindow(small, { ...request, seconds: 7 });
    const rate = pack.manifest.audio.sample_rate;
    expect(chained.length).toBe(framesFor(pack.manifest, 9).samples);
    expect(chained.subarray(0, 7 * rate)).toEqual(first.subarray(0, 7 * rate));
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(progress.every(([d], i) => i === 0 || d > progress[i - 1][0])).toBe(true);
  }, 60_000);
});
