/**
 * Edit benchmark (not a test): remove and extract of a 10 s selection as the studio runs them with a pack's separator,
 * in onnxruntime-web (WASM, int8, 1 and 2 threads) in Debian's Chromium: the description through the language model
 * and the separator in its windows (inference worker), then the mask on a 44.1 kHz stereo recording (analysis
 * worker). Prints the time of each part and the whole edit.
 *   npx vite build && npx tsx bench/edit-bench.ts [pack-dir]   (default: public/models/omni-small)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseManifest } from '../src/modelpack/manifest';
import { servePack } from './studio-page';

const packDir = resolve(process.argv[2] ?? 'public/models/omni-small');
const SECONDS = 10;
const manifest = parseManifest(JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')));
if (!manifest.sessions.separator) throw new Error(`${packDir} has no separator session.`);

const { browser, url, close } = await servePack(packDir, 4177);
const rows: string[][] = [];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  for (const threads of [1, 2]) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready=true]');
    const r = await page.evaluate(
      async ({ threads, seconds }) => {
        const { engine, analysis } = (window as any).omniStudio;
        const e = engine();
        const loaded = await e.loadPack('/models/bench-pack/', { backend: 'wasm', dtype: 'int8', threads });
        if (!loaded.ok) throw new Error(loaded.error.message);
        const rate = 44100,
          modelRate = loaded.value.sampleRate;
        // A bed of noise with a 1 kHz beep from 4 to 6 s, as a stereo recording and as the model's mono input. (No named
        // functions in here: the page has no helper for the names tsx gives them.)
        const original = [new Float32Array(seconds * rate), new Float32Array(seconds * rate)];
        for (let c = 0; c < 2; c++) {
          for (let i = 0; i < seconds * rate; i++) {
            const beep = i > 4 * rate && i < 6 * rate ? 0.3 * Math.sin((2 * Math.PI * 1000 * i) / rate) : 0;
            original[c][i] = beep + 0.05 * Math.sin(i * 12.9898 + c) * Math.sin(i * 0.013);
          }
        }
        const source = Float32Array.from(
          { length: seconds * modelRate },
          (_, i) => original[0][Math.floor((i * rate) / modelRate)],
        );
        const times: number[] = [];
        for (const kind of ['remove', 'extract'] as const) {
          const t0 = performance.now();
          const sep = await e.separate({ jobId: kind, description: 'a beep', source });
          if (!sep.ok) throw new Error(sep.error.message);
          const t1 = performance.now();
          // What the studio does with it: one call, the mask on both channels and the edges crossfaded.
          const applied = await analysis().projectAudio({
            kind: 'separated',
            task: kind,
            original: [original[0].slice(), original[1].slice()],
            mask: sep.value.mask,
            bins: sep.value.bins,
            modelRate,
            projectRate: rate,
            edgeFade: Math.round(0.02 * rate),
          });
          if (!applied.ok) throw new Error(applied.error.message);
          times.push(t1 - t0, performance.now() - t1);
        }
        return times;
      },
      { threads, seconds: SECONDS },
    );
    for (const [i, kind] of ['remove', 'extract'].entries()) {
      const [separate, apply] = [r[2 * i], r[2 * i + 1]];
      rows.push([
        `${kind}, WASM int8, ${threads} thread(s)`,
        s(separate),
        s(apply),
        s(separate + apply),
        ((separate + apply) / 1000 / SECONDS).toFixed(3),
      ]);
    }
    await page.close();
  }
} finally {
  await close();
}
console.log(
  `\nOmni Studio edit benchmark: ${manifest.name} ${manifest.pack_version}, a ${SECONDS} s selection of a 44.1 kHz stereo recording`,
);
console.log(
  '| edit | separator (language model + windows) | mask on the recording | whole edit | real-time factor |\n|---|---|---|---|---|',
);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
