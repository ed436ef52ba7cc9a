/** The whole pipeline on the random-weight test pack, in onnxruntime-web's WASM backend under Node. */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PackError, type PackReader } from '../modelpack/pack-files';
import { loadPack, type PackHandle } from './pack-loader';
import {
  framesFor,
  generateWindow,
  type GenerateRequest,
  pictureAtLatentRate,
  reconstruct,
  videoFrom,
} from './pipeline';
import type { RunOptions, TensorData } from './tensors';

const PACK = 'public/models/test-pack';
const readFromDisk: PackReader = async (path) => new Uint8Array(await readFile(`${PACK}/${path}`));
const request: GenerateRequest = {
  taskId: 't2a',
  text: 'rain on a tin roof',
  seconds: 1,
  steps: 4,
  guidanceScale: 3,
  shift: 1,
  seed: 11,
  previewEvery: 2,
};

describe('generation pipeline (test pack, WASM)', () => {
  let pack: PackHandle;
  beforeAll(async () => {
    pack = await loadPack(readFromDisk, 'wasm', { threads: 1 });
  }, 60_000);
  afterAll(() => pack?.release());

  it('makes audio of the asked length, streaming previews before the end', async () => {
    const previews: number[] = [];
    const progress: number[] = [];
    const audio = await generateWindow(pack, request, {
      onPreview: (a, step) => void previews.push(step, a.length),
      onProgress: (s) => void progress.push(s),
    });
    const { samples } = framesFor(pack.manifest, 1);
    expect(audio.length).toBe(samples);
    expect(audio.every(Number.isFinite)).toBe(true);
    expect(previews).toEqual([2, samples]);
    expect(progress).toEqual([1, 2, 3, 4]);
  }, 60_000);

  it('gives the same audio for the same seed, and other audio for another', async () => {
    const a = await generateWindow(pack, request);
    const b = await generateWindow(pack, request);
    const c = await generateWindow(pack, { ...request, seed: 12 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  }, 60_000);

  it('edits a source clip into a result of the same length', async () => {
    const { samples } = framesFor(pack.manifest, 2);
    const source = Float32Array.from({ length: samples }, (_, i) => 0.3 * Math.sin(i / 10));
    const out = await generateWindow(pack, {
      ...request,
      taskId: 'remove',
      text: "Remove the sound of 'rain'",
      seconds: 2,
      source,
    });
    expect(out.length).toBe(samples);
  }, 60_000);

  it('hears the picture in the video task: other frames, other sound; none refused in words', async () => {
    const { size, fps } = { size: pack.manifest.video.frame_size, fps: pack.manifest.video.frames_per_second };
    const frames = (seed: number) => ({
      pixels: Float32Array.from({ length: fps * 3 * size * size }, (_, i) => ((i * seed) % 97) / 96),
      size,
      fps,
    });
    const v2a = { ...request, taskId: 'v2a' };
    const a = await generateWindow(pack, { ...v2a, video: frames(3) });
    const b = await generateWindow(pack, { ...v2a, video: frames(5) });
    expect(a.length).toBe(framesFor(pack.manifest, 1).samples);
    expect(b).not.toEqual(a);
    await expect(generateWindow(pack, v2a)).rejects.toThrow('hears the picture');
    await expect(generateWindow(pack, { ...v2a, video: { ...frames(3), size: size + 1 } })).rejects.toThrow(
      `sync encoder reads ${size}`,
    );
  }, 60_000);

  it('shows each latent frame the picture of its time, holding the last one past the end', () => {
    const size = pack.manifest.video.frame_size;
    const each = 3 * size * size;
    const video = { pixels: Float32Array.from({ length: 2 * each }, (_, i) => Math.floor(i / each)), size, fps: 1 };
    const picture = pictureAtLatentRate(pack.manifest, video, 3 * pack.manifest.audio.latent_rate);
    const shown = (f: number) => (picture.data as Float32Array)[f * each];
    const rate = pack.manifest.audio.latent_rate;
    expect([shown(0), shown(rate - 1), shown(rate), shown(3 * rate - 1)]).toEqual([0, 0, 1, 1]);
    expect(videoFrom(video, 1).pixels[0]).toBe(1);
  });

  it('stops at the next step when cancelled', async () => {
    let steps = 0;
    const run = generateWindow(
      pack,
      { ...request, steps: 20 },
      {
        onProgress: () => void steps++,
        checkpoint: () => {
          if (steps >= 2) throw new Error('cancelled');
        },
      },
    );
    await expect(run).rejects.toThrow('cancelled');
    expect(steps).toBe(2);
  }, 60_000);

  it('frees every tensor it kept on the device, after a job and after a cancel', async () => {
    // Stands in for WebGPU: outputs the pipeline asks to keep come back marked resident, counted until released.
    const live = new Set<object>();
    const run = Object.fromEntries(
      Object.entries(pack.run).map(([role, runner]) => [
        role,
        async (feeds: Record<string, TensorData>, options?: RunOptions) => {
          for (const t of Object.values(feeds)) if (t.resident) expect(live.has(t.resident)).toBe(true); // never fed after release
          const out = await runner(
            Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, { ...t, resident: undefined }])),
          );
          for (const name of options?.keep ?? []) {
            const handle = { dispose: () => live.delete(handle) };
            live.add(handle);
            out[name] = { ...out[name], resident: handle };
          }
          return out;
        },
      ]),
    ) as PackHandle['run'];
    const gpuLike = { ...pack, run };
    const source = new Float32Array(framesFor(pack.manifest, 1).samples).fill(0.1);
    await generateWindow(gpuLike, { ...request, taskId: 'remove', source }, { onPreview: () => {} });
    expect(live.size).toBe(0);
    let steps = 0;
    await expect(
      generateWindow(
        gpuLike,
        { ...request, steps: 8 },
        {
          onProgress: () => void steps++,
          checkpoint: () => {
            if (steps >= 2) throw new Error('cancelled');
          },
        },
      ),
    ).rejects.toThrow();
    expect(live.size).toBe(0);
  }, 60_000);

  it('reconstructs a source of any length through the VAE and vocoder, at its length', async () => {
    const source = Float32Array.from({ length: 5000 }, (_, i) => 0.2 * Math.sin(i / 7));
    const out = await reconstruct(pack, source);
    expect(out.length).toBe(5000);
    expect(out.every(Number.isFinite)).toBe(true);
  }, 60_000);

  it('names a task the pack does not offer', async () => {
    await expect(generateWindow(pack, { ...request, taskId: 'karaoke' })).rejects.toThrow(/no task "karaoke".*t2a/);
  });
});

describe('bad packs', () => {
  it('refuses a file whose hash differs from the manifest, naming the file', async () => {
    const tampered: PackReader = async (path) => {
      const bytes = await readFromDisk(path);
      if (path === 'vocoder.onnx') bytes[bytes.length - 1] ^= 1;
      return bytes;
    };
    await expect(loadPack(tampered, 'wasm', { dtype: 'fp32' })).rejects.toMatchObject({
      code: 'bad-hash',
      message: expect.stringContaining('"vocoder.onnx" fails its SHA-256 check'),
    });
  }, 60_000);
  it('reports a missing file and a malformed manifest', async () => {
    const missing: PackReader = async (path) => {
      if (path === 'dit.onnx') throw new Error('404');
      return readFromDisk(path);
    };
    await expect(loadPack(missing, 'wasm', { dtype: 'fp32' })).rejects.toMatchObject({ code: 'missing-file' });
    const broken: PackReader = async (path) =>
      path === 'manifest.json' ? new TextEncoder().encode('{"format": "omni-studio-pack"') : readFromDisk(path);
    await expect(loadPack(broken, 'wasm')).rejects.toBeInstanceOf(PackError);
  }, 60_000);
  it('refuses a session whose inputs differ from the manifest', async () => {
    const renamed: PackReader = async (path) => {
      if (path !== 'manifest.json') return readFromDisk(path);
      const m = JSON.parse(new TextDecoder().decode(await readFromDisk(path)));
      m.sessions.dit.inputs[0].name = 'noisy_latent';
      return new TextEncoder().encode(JSON.stringify(m));
    };
    await expect(loadPack(renamed, 'wasm')).rejects.toMatchObject({
      code: 'session-mismatch',
      message: expect.stringContaining('dit session takes inputs x_t'),
    });
  }, 60_000);
});

describe('backend and weight choice', () => {
  it('prefers WASM over a software WebGPU adapter, and says why', async () => {
    const { chooseBackend } = await import('./engine');
    const base = { crossOriginIsolated: true, threads: 2 };
    expect(
      chooseBackend('auto', {
        ...base,
        webgpu: { available: true, fallbackAdapter: true, architecture: 'swiftshader' },
      }),
    ).toEqual({ backend: 'wasm', reason: expect.stringContaining('software fallback (swiftshader)') });
    expect(
      chooseBackend('auto', {
        ...base,
        webgpu: { available: true, fallbackAdapter: false, vendor: 'nvidia', architecture: 'hopper' },
      }).backend,
    ).toBe('webgpu');
    expect(
      chooseBackend('auto', { ...base, webgpu: { available: false, reason: 'this browser has no WebGPU' } }).reason,
    ).toBe('WASM on the CPU: this browser has no WebGPU');
    expect(chooseBackend('webgpu', { ...base, webgpu: { available: false } }).reason).toBe('WebGPU was chosen by hand');
  });
  it('takes int8 weights on WASM and float32 on WebGPU', async () => {
    const { chooseDtype } = await import('./pack-loader');
    const { parseManifest } = await import('../modelpack/manifest');
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(await readFromDisk('manifest.json'))));
    expect(chooseDtype(manifest, 'wasm')).toBe('int8');
    expect(chooseDtype(manifest, 'webgpu')).toBe('fp32');
    expect(chooseDtype(manifest, 'wasm', 'fp32')).toBe('fp32');
  });
  it('takes half precision on WebGPU only where the adapter has shader-f16, and loads those files', async () => {
    const { chooseDtype, variantFile } = await import('./pack-loader');
    const { parseManifest } = await import('../modelpack/manifest');
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(await readFromDisk('manifest.json'))));
    expect(chooseDtype(manifest, 'webgpu', 'auto', true)).toBe('fp16');
    expect(chooseDtype(manifest, 'webgpu', 'auto', false)).toBe('fp32');
    expect(chooseDtype(manifest, 'wasm', 'auto', true)).toBe('int8');
    expect(variantFile(manifest.sessions.dit, 'fp16').file).toBe('dit.fp16.onnx');
    expect(variantFile(manifest.sessions.text_encoder, 'fp16').file).toBe('text_encoder.onnx'); // float where no half file exists
  });
  it('runs a pack that ships only int8 weights on either backend, the mel front end in float', async () => {
    const { chooseDtype, variantFile } = await import('./pack-loader');
    const { parseManifest } = await import('../modelpack/manifest');
    const json = JSON.parse(new TextDecoder().decode(await readFromDisk('manifest.json')));
    for (const spec of Object.values(json.sessions) as { dtypes: Record<string, unknown> }[])
      if (spec.dtypes.int8) delete spec.dtypes.fp32;
    const manifest = parseManifest(json);
    expect(chooseDtype(manifest, 'webgpu')).toBe('int8');
    expect(variantFile(manifest.sessions.dit, 'int8').file).toBe('dit.int8.onnx');
    expect(variantFile(manifest.sessions.mel_frontend, 'int8').file).toBe('mel_frontend.onnx');
    json.sessions.dit.dtypes = {};
    expect(() => parseManifest(json)).toThrow(/sessions\.dit\.dtypes/);
  });
});
