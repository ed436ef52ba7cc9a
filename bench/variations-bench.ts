/**
 * Variations benchmark (not a test): one 10 s music take, then four at once (what the panel's "4 takes" sends: four
 * jobs, seeds 1-4, queued in the engine), on the default pack in Debian's Chromium, WASM, int8, 2 threads. Prints the
 * time to the first preview and to the last take, and the ratio of four takes to one.
 *   npx vite build && npx tsx bench/variations-bench.ts [pack-dir]
 */
import { resolve } from 'node:path';
import { BENCH_PACK_URL, servePack } from './studio-page';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const SECONDS = 10;
const { browser, url, close } = await servePack(packDir, 4179);
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  const r = await page.evaluate(
    async ({ packUrl, seconds }) => {
      const { engine, proxy } = (window as any).omniStudio;
      const e = engine();
      const loaded = await e.loadPack(packUrl, { backend: 'wasm', dtype: 'int8', threads: 2 });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const text = 'moderate piano melody in A minor, 90 bpm';
      // Warm-up (the first run compiles and allocates), then one take, then four. No named inner functions: tsx's
      // helpers for them do not exist in the page.
      const figures: { first: number; total: number }[] = [];
      for (const takes of [1, 1, 4]) {
        const t0 = performance.now();
        let first = 0;
        const preview = proxy(() => {
          first ||= performance.now();
        });
        const jobs = Array.from({ length: takes }, (_, i) =>
          e.generate(
            { jobId: `v${takes}-${i}`, taskId: 't2m', text, seconds, seed: i + 1, previewEvery: 2 },
            undefined,
            preview,
          ),
        );
        const out = await Promise.all(jobs);
        if (out.some((o: { ok: boolean }) => !o.ok)) throw new Error('a take failed');
        figures.push({ first: (first - t0) / 1000, total: (performance.now() - t0) / 1000 });
      }
      return { one: figures[1], four: figures[2] };
    },
    { packUrl: BENCH_PACK_URL, seconds: SECONDS },
  );
  console.log(`\nOmni Studio variations benchmark: ${SECONDS} s music takes, WASM int8, 2 threads (${packDir})`);
  console.log('| takes | first preview | all takes in |\n|---|---|---|');
  console.log(`| 1 | ${r.one.first.toFixed(2)} s | ${r.one.total.toFixed(2)} s |`);
  console.log(
    `| 4 | ${r.four.first.toFixed(2)} s | ${r.four.total.toFixed(2)} s (${(r.four.total / r.one.total).toFixed(2)}x one) |`,
  );
} finally {
  await close();
}
