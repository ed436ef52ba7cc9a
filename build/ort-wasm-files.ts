import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The ONNX Runtime binaries the studio serves itself (never from a CDN): plain WASM and the WebGPU build. */
export const ORT_FILES = [
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
];
const ORT_DIST = join('node_modules', 'onnxruntime-web', 'dist');

/** Serves the ORT files under /ort/ in dev and copies them into the build, where the service worker precaches them. */
export function ortWasmFiles(): Plugin {
  let outDir = 'dist';
  return {
    name: 'omni-ort-wasm-files',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.match(/^\/ort\/([^?]+)/)?.[1];
        if (!name || !ORT_FILES.includes(name)) return next();
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        res.end(readFileSync(join(ORT_DIST, name)));
      });
    },
    writeBundle() {
      mkdirSync(join(outDir, 'ort'), { recursive: true });
      for (const name of ORT_FILES) copyFileSync(join(ORT_DIST, name), join(outDir, 'ort', name));
    },
  };
}
