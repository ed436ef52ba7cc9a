/**
 * Analyze benchmark (not a test): the sound event detector and the speech VAD over 10 s, 60 s and 300 s of audio as
 * the studio runs them (inference worker: one input gain, 10 s windows with context, the pack's regions, the VAD in
 * lanes), in onnxruntime-web (WASM, int8, 1 and 2 threads) in Debian's Chromium. Prints each time, the real-time
 * factor and the hour it implies (an hour runs as twelve 300 s slices, so that row is the hour's pace).
 *   npx vite build && npx tsx bench/analyze-bench.ts [pack-dir]   (default: public/models/omni-small)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseManifest } from '../src/modelpack/manifest';
import { servePack } from './studio-page';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const manifest = parseManifest(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')));
if (!manifest.sessions.detector) throw new Error(`${packDir} has no detector session.`);

const { browser, url, close } = await servePack(packDir, 4178);
const rows: string[][] = [];
try {
  for (const threads of [1, 2]) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready=true]');
    const times = await page.evaluate(
      async ({ threads }) => {
        const e = (window as any).omniStudio.engine();
        const loaded = await e.loadPack('/models/bench-pack/', { backend: 'wasm', dtype: 'int8', threads });
        if (!loaded.ok) throw new Error(loaded.error.message);
        const rate = loaded.value.sampleRate;
        const out: number[] = [];
        for (const seconds of [10, 10, 60, 300]) {
          // Noise with a 1 kHz beep every 3 s (the first 10 s run warms the sessions up and is not reported).
          const source = Float32Array.from({ length: seconds * rate }, (_, i) => {
            const beep = i % (3 * rate) < rate / 2 ? 0.3 * Math.sin((2 * Math.PI * 1000 * i) / rate) : 0;
            return beep + 0.05 * Math.sin(i * 12.9898) * Math.sin(i * 0.013);
          });
          const t0 = performance.now();
          const r = await e.detect({ jobId: `bench-${seconds}-${out.length}`, source });
          if (!r.ok) throw new Error(r.error.message);
          out.push(performance.now() - t0);
        }
        return out.slice(1);
      },
      { threads },
    );
    for (const [i, seconds] of [10, 60, 300].entries()) {
      const ms = times[i];
      rows.push([
        `${seconds} s, WASM int8, ${threads} thread(s)`,
        `${(ms / 1000).toFixed(2)} s`,
        (ms / 1000 / seconds).toFixed(4),
        `${(((ms / seconds) * 3.6) / 60).toFixed(1)} min`,
      ]);
    }
    await page.close();
  }
} finally {
  await close();
}
console.log(
  `\nOmni Studio analyze benchmark: ${manifest.name} ${manifest.pack_version}, the detector in the inference worker`,
);
console.log('| audio | time | real-time factor | one hour at this pace |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
