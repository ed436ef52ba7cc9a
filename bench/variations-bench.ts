/**
 * Variations benchmark (not a test): one 10 s music take, then four at once (what the panel's "4 takes" sends: four
 * jobs, seeds 1-4, queued in the engine, only the first streaming previews), on the default pack in Debian's Chromium,
 * WASM, int8, 2 threads. One and four alternate three times after a warm-up (a single take's time wanders by a third
 * from run to run); prints the medians of the time to the first preview and to the last take, and their ratio. The
 * takes run as the studio runs music with a stated tempo: under the beat guide (src/music/beat-guide.ts: video to
 * music with a picture flashing on each beat, made here as src/app/generate.ts makes it).
 *   npx vite build && npx tsx bench/variations-bench.ts [pack-dir]
 */
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beatGuided } from '../src/music/beat-guide';
import { planInfo } from './node-pack';
import { BENCH_PACK_URL, servePack } from './studio-page';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const SECONDS = 10;
const manifest = JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8'));
const guide = beatGuided(planInfo(manifest), 90, SECONDS);
if (!guide) throw new Error('this pack has no task a beat guide drives');
const { browser, url, close } = await servePack(packDir, 4179);
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  const r = await page.evaluate(
    async ({ packUrl, seconds, taskId, picture }) => {
      const { engine, proxy } = (window as any).omniStudio;
      const e = engine();
      const loaded = await e.loadPack(packUrl, { backend: 'wasm', dtype: 'int8', threads: 2 });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const text = 'moderate piano melody in A minor, 90 bpm';
      // Warm-up (the first run compiles and allocates), then one take, then four. No named inner functions: tsx's
      // helpers for them do not exist in the page.
      const figures: { takes: number; first: number; total: number }[] = [];
      for (const takes of [1, 1, 4, 1, 4, 1, 4]) {
        const t0 = performance.now();
        let first = 0;
        const preview = proxy(() => {
          first ||= performance.now();
        });
        const jobs = Array.from({ length: takes }, (_, i) =>
          e.generate(
            // As src/app/generate.ts asks: previews every 2 steps for the first take, none for the others.
            {
              jobId: `v${figures.length}-${takes}-${i}`,
              taskId,
              text,
              seconds,
              video: { ...picture, pixels: Float32Array.from(picture.pixels) },
              seed: i + 1,
              previewEvery: i === 0 ? 2 : 0,
            },
            undefined,
            preview,
          ),
        );
        const out = await Promise.all(jobs);
        if (out.some((o: { ok: boolean }) => !o.ok)) throw new Error('a take failed');
        figures.push({ takes, first: (first - t0) / 1000, total: (performance.now() - t0) / 1000 });
      }
      return figures.slice(1);
    },
    {
      packUrl: BENCH_PACK_URL,
      seconds: SECONDS,
      taskId: guide.taskId,
      picture: { ...guide.video, pixels: Array.from(guide.video.pixels) },
    },
  );
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = (takes: number) => {
    const runs = r.filter((f) => f.takes === takes);
    return {
      first: median(runs.map((f) => f.first)),
      total: median(runs.map((f) => f.total)),
      all: runs.map((f) => f.total.toFixed(2)).join(', '),
    };
  };
  const [one, four] = [summary(1), summary(4)];
  console.log(
    `\nOmni Studio variations benchmark: ${SECONDS} s music takes under the beat guide, WASM int8, 2 threads (${packDir})`,
  );
  console.log('| takes | first preview (median) | all takes in (median) | runs |\n|---|---|---|---|');
  console.log(`| 1 | ${one.first.toFixed(2)} s | ${one.total.toFixed(2)} s | ${one.all} s |`);
  console.log(
    `| 4 | ${four.first.toFixed(2)} s | ${four.total.toFixed(2)} s (${(four.total / one.total).toFixed(2)}x one) | ${four.all} s |`,
  );
} finally {
  await close();
}
