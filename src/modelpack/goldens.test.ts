/** onnxruntime-web (its WASM backend, under Node) must reproduce PyTorch's outputs for every session of the packs the
 * app ships: the random-weight test pack and the trained default pack (whatever variants each ships). */
import { existsSync, readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { decodeTensor, type Golden, OUTPUT_SCALES, relativeError } from './golden';
import { packRoles, parseManifest, sessionSpec } from './manifest';

const PACKS = ['public/models/test-pack', 'public/models/omni-small'].filter((p) => existsSync(`${p}/manifest.json`));
// Relative to the largest expected value. float32 errors measure ~1e-6; int8 weights (dynamic quantisation) ~1e-2.
const TOLERANCE = { fp32: 1e-4, fp16: 1e-2, int8: 5e-2 } as const;

ort.env.wasm.numThreads = 1;

describe.each(PACKS)('%s goldens in onnxruntime-web', (PACK) => {
  const manifest = parseManifest(JSON.parse(readFileSync(`${PACK}/manifest.json`, 'utf8')));
  const cases = packRoles(manifest).flatMap((role) =>
    (['fp32', 'fp16', 'int8'] as const)
      .filter((d) => sessionSpec(manifest, role).dtypes[d])
      .map((dtype) => [role, dtype] as const),
  );
  for (const [role, dtype] of cases) {
    it(`${role} (${dtype}) matches PyTorch within ${TOLERANCE[dtype]}`, async () => {
      const spec = sessionSpec(manifest, role);
      const golden = JSON.parse(readFileSync(`${PACK}/${spec.golden}`, 'utf8')) as Golden;
      const session = await ort.InferenceSession.create(readFileSync(`${PACK}/${spec.dtypes[dtype]!.file}`), {
        executionProviders: ['wasm'],
      });
      expect(session.inputNames).toEqual(spec.inputs.map((i) => i.name));
      const feeds = Object.fromEntries(
        Object.entries(golden.inputs).map(([name, t]) => [name, new ort.Tensor(t.dtype, decodeTensor(t), t.shape)]),
      );
      const results = await session.run(feeds);
      for (const [name, expected] of Object.entries(golden.outputs)) {
        const got = results[name];
        expect(got.dims).toEqual(expected.shape);
        expect(
          relativeError(got.data as Float32Array, decodeTensor(expected) as Float32Array, OUTPUT_SCALES[name]),
        ).toBeLessThan(TOLERANCE[dtype]);
      }
      await session.release();
    }, 30_000);
  }
});
