/** A pack's sessions in onnxruntime-node behind the engine's own pipeline types, for benchmarks that run the studio's
 * generation path outside the browser (the same ONNX files and the same pipeline code; the native CPU bound). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import type { LoadedPack } from '../src/engine/pipeline';
import type { SessionRunner, TensorData } from '../src/engine/tensors';
import { packRoles, parseManifest, sessionSpec } from '../src/modelpack/manifest';
import { PromptTokenizer } from '../src/modelpack/tokenize';

/** Session options for onnxruntime-node: the precise int8 kernel, because the fast one saturates its 16-bit sums on
 * x86 CPUs without VNNI (the shipped DiT 1.4e-1 from its goldens there, 2e-2 precise; no change elsewhere), which would
 * make a benchmark's figures depend on the machine (training/omni_model/packing/export.py session_options). */
export function nodeSessionOptions(threads: number): ortNode.InferenceSession.SessionOptions {
  return { intraOpNumThreads: threads, interOpNumThreads: 1, extra: { session: { x64quantprecision: '1' } } };
}

export async function loadNodePack(packDir: string, threads: number): Promise<LoadedPack> {
  const manifest = parseManifest(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')));
  const json = (f: string) => JSON.parse(readFileSync(join(packDir, f), 'utf8'));
  const run = {} as LoadedPack['run'];
  for (const role of packRoles(manifest)) {
    const session = await ortNode.InferenceSession.create(
      join(packDir, sessionSpec(manifest, role).file),
      nodeSessionOptions(threads),
    );
    const runner: SessionRunner = async (feeds) => {
      const out = await session.run(
        Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ortNode.Tensor(t.type, t.data, t.dims)])),
      );
      return Object.fromEntries(
        Object.entries(out).map(([k, t]) => [k, { type: t.type, data: t.data, dims: [...t.dims] } as TensorData]),
      );
    };
    run[role] = runner;
  }
  const tokenizer = new PromptTokenizer(
    json(manifest.text.tokenizer),
    json(manifest.text.tokenizer_config),
    manifest.text.max_tokens,
  );
  return { manifest, run, tokenizer };
}

/** The part of the engine's PackInfo the studio's plans read (tasks, how video tasks read a picture), from a manifest. */
export function planInfo(manifest: Pick<LoadedPack['manifest'], 'tasks' | 'video'>) {
  return { tasks: manifest.tasks, video: { size: manifest.video.frame_size, fps: manifest.video.frames_per_second } };
}
