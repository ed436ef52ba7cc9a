/**
 * Engine benchmark (not a test): one 10 s text-to-audio window at the pack's default step count, timed in
 * onnxruntime-web (WASM, 1 and 2 threads) in Debian's Chromium, in onnxruntime-node on the same ONNX files (the native
 * CPU bound), and in PyTorch (the framework the model comes from). Prints load time, time to first preview, total
 * time and real-time factor.
 *   npx vite build && npx tsx bench/engine-bench.ts [pack-dir]   (default: training/data/bench-pack-small, made by
 *   .venv/bin/omni-model export-random --config training/configs/model-small.json --out training/data/bench-pack-small)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateWindow } from '../src/engine/pipeline';
import { parseManifest } from '../src/modelpack/manifest';
import { loadNodePack } from './node-pack';
import { servePack } from './studio-page';

const packDir = resolve(process.argv[2] ?? 'training/data/bench-pack-small');
const SECONDS = 10;
const rows: string[][] = [];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function nodeRun(threads: number) {
  const t0 = performance.now();
  const pack = await loadNodePack(packDir, threads);
  const { manifest } = pack;
  const t1 = performance.now();
  let first = 0;
  await generateWindow(
    pack,
    {
      taskId: 't2a',
      text: 'rain on a tin roof',
      seconds: SECONDS,
      steps: manifest.sampler.steps,
      guidanceScale: 3,
      shift: 1,
      seed: 1,
      previewEvery: 4,
    },
    {
      onPreview: () => {
        first ||= performance.now();
      },
    },
  );
  const t2 = performance.now();
  rows.push([
    `onnxruntime-node ${threads} thread(s)`,
    s(t1 - t0),
    s(first - t1),
    s(t2 - t1),
    ((t2 - t1) / 1000 / SECONDS).toFixed(3),
  ]);
}

async function browserRuns() {
  const { browser, url, close } = await servePack(packDir, 4176);
  try {
    for (const [dtype, threads] of [
      ['fp32', 1],
      ['fp32', 2],
      ['int8', 1],
      ['int8', 2],
    ] as const) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForSelector('html[data-ready=true]');
      const r = await page.evaluate(
        async ({ threads, seconds, dtype }) => {
          const { engine, proxy } = (window as any).omniStudio;
          const e = engine();
          const t0 = performance.now();
          const loaded = await e.loadPack('/models/bench-pack/', { backend: 'wasm', dtype, threads });
          if (!loaded.ok) throw new Error(loaded.error.message);
          const t1 = performance.now();
          let first = 0;
          const out = await e.generate(
            { jobId: 'b', taskId: 't2a', text: 'rain on a tin roof', seconds, seed: 1, previewEvery: 4 },
            undefined,
            proxy(() => {
              first ||= performance.now();
            }),
          );
          const t2 = performance.now();
          if (!out.ok) throw new Error(out.error.message);
          return { load: t1 - t0, first: first - t1, total: t2 - t1 };
        },
        { threads, seconds: SECONDS, dtype },
      );
      rows.push([
        `onnxruntime-web WASM in Chromium, ${dtype}, ${threads} thread(s)`,
        s(r.load),
        s(r.first),
        s(r.total),
        (r.total / 1000 / SECONDS).toFixed(3),
      ]);
      await page.close();
    }
  } finally {
    await close();
  }
}

function torchRun(threads: number) {
  const out = execFileSync(
    '.venv/bin/omni-model',
    ['bench-torch', '--config', join('training', 'configs', 'model-small.json'), '--threads', String(threads)],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const r = JSON.parse(out.toString().trim().split('\n').at(-1)!);
  rows.push([r.runtime, `${r.load_s.toFixed(2)} s`, '-', `${r.total_s.toFixed(2)} s`, String(r.rtf)]);
}

const manifest = parseManifest(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')));
await browserRuns();
await nodeRun(1);
await nodeRun(2);
torchRun(1);
torchRun(2);
console.log(
  `\nOmni Studio engine benchmark: ${manifest.name} (${(manifest.bytes / 2 ** 20).toFixed(1)} MB), ${SECONDS} s text-to-audio, ${manifest.sampler.steps} steps, guidance as a batch of 2, previews every 4 steps`,
);
console.log('| runtime | load | first preview | total | real-time factor |\n|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
