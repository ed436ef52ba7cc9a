/** Loads a model pack: manifest, tokenizer and sessions (its files read and checked by src/modelpack/pack-files.ts). */
import {
  type Manifest,
  packRoles,
  parseManifest,
  type SessionRole,
  sessionSpec,
  type SessionSpec,
} from '../modelpack/manifest';
import { PackError, type PackReader, readJson, readVerified } from '../modelpack/pack-files';
import { PromptTokenizer } from '../modelpack/tokenize';
import type { LoadedPack } from './pipeline';
import { type Backend, loadOrt, openSession, type OpenedSession } from './runtime';

export type Dtype = 'fp32' | 'fp16' | 'int8';

export interface PackHandle extends LoadedPack {
  backend: Backend;
  dtype: Dtype;
  release(): Promise<void>;
}

/** int8 weights on the CPU (a quarter of the download, made for WASM); on WebGPU half precision where the adapter has
 * shader-f16 and the pack ships it (half the bytes and memory traffic of float32), else float32, as its EP has no int8
 * matmul. */
export function chooseDtype(
  manifest: Manifest,
  backend: Backend,
  requested: Dtype | 'auto' = 'auto',
  shaderF16 = false,
): Dtype {
  if (requested !== 'auto') return requested;
  const roles = packRoles(manifest);
  const has = (d: Dtype) => roles.some((r) => sessionSpec(manifest, r).dtypes[d]);
  if (backend === 'wasm' && has('int8')) return 'int8';
  if (backend === 'webgpu' && shaderF16 && has('fp16')) return 'fp16';
  if (roles.every((r) => sessionSpec(manifest, r).dtypes.fp32)) return 'fp32';
  return has('int8') ? 'int8' : 'fp16';
}

/** The file a session loads for a weight variant: that variant where the session has it, else the nearest one shipped
 * (the mel front end is a fixed filterbank and is never quantised). */
export function variantFile(spec: SessionSpec, dtype: Dtype) {
  const order = [dtype, 'fp32', 'fp16', 'int8'] as const;
  return order.map((d) => spec.dtypes[d]).find((f) => f !== undefined)!;
}

export async function loadPack(
  read: PackReader,
  backend: Backend,
  options: { threads?: number; dtype?: Dtype | 'auto'; shaderF16?: boolean; onFile?(role: string): void } = {},
): Promise<PackHandle> {
  let manifest: Manifest;
  try {
    manifest = parseManifest(await readJson(read, 'manifest.json'));
  } catch (e) {
    if (e instanceof PackError) throw e;
    throw new PackError('bad-manifest', e instanceof Error ? e.message : String(e));
  }
  const tokenizer = new PromptTokenizer(
    (await readJson(read, manifest.text.tokenizer)) as object,
    (await readJson(read, manifest.text.tokenizer_config)) as object,
    manifest.text.max_tokens,
  );
  const dtype = chooseDtype(manifest, backend, options.dtype, options.shaderF16);
  const ort = await loadOrt(backend, options.threads);
  const sessions: Partial<Record<SessionRole, OpenedSession>> = {};
  const roles = packRoles(manifest);
  try {
    for (const role of roles) {
      const spec = sessionSpec(manifest, role);
      const file = variantFile(spec, dtype);
      options.onFile?.(role);
      const opened = await openSession(ort, await readVerified(read, file.file, file.bytes, file.sha256), backend);
      sessions[role] = opened;
      const expected = spec.inputs.map((i) => i.name);
      if (expected.join() !== [...opened.inputNames].join()) {
        throw new PackError(
          'session-mismatch',
          `The pack's ${role} session takes inputs ${[...opened.inputNames].join(', ')}, but its manifest says ${expected.join(', ')}.`,
        );
      }
    }
  } catch (e) {
    await Promise.all(Object.values(sessions).map((s) => s!.release()));
    throw e;
  }
  const opened = sessions as Record<SessionRole, OpenedSession>;
  return {
    manifest,
    tokenizer,
    backend,
    dtype,
    run: Object.fromEntries(roles.map((r) => [r, opened[r].run])) as LoadedPack['run'],
    release: async () => void (await Promise.all(roles.map((r) => opened[r].release()))),
  };
}
