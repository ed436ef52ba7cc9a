#!/usr/bin/env node
// Editor benchmark (not a test): opens a long 44.1 kHz stereo WAV in the built studio in Debian's Chromium and prints
// open + first waveform paint, a fade, a cut, an undo, a WAV export and a scroll sweep. `--minutes N` sets the length (default 10).
// Run after `npx vite build`:  node bench/editor-bench.mjs [--minutes 60]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1] || 10) || 10;
const dir = join('bench', '.assets');
const wav = join(dir, `noise-${minutes}min-44k-stereo.wav`);
mkdirSync(dir, { recursive: true });
if (!existsSync(wav))
  execFileSync('sox', [
    '-D',
    '-n',
    '-r',
    '44100',
    '-c',
    '2',
    '-b',
    '16',
    wav,
    'synth',
    String(minutes * 60),
    'pinknoise',
    'tremolo',
    '0.5',
    '60',
    'gain',
    '-10',
  ]);

const server = spawn('npx', ['vite', 'preview', '--port', '4174', '--strictPort'], { stdio: 'ignore', detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* gone */
  }
};
process.on('exit', stopServer);
await new Promise((r) => setTimeout(r, 2500));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
await page.goto('http://localhost:4174/');
await page.waitForSelector('html[data-ready=true]');

// Long main-thread tasks (> 50 ms) freeze the page: record the longest one in each phase.
await page.evaluate(() => {
  window.__longest = 0;
  new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => (window.__longest = Math.max(window.__longest, e.duration))),
  ).observe({ type: 'longtask' });
});
const longestTask = () =>
  page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const v = window.__longest;
    window.__longest = 0;
    return `${v.toFixed(0)} ms`;
  });
const rows = [];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const time = async (label, fn) => {
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  rows.push([label, seconds(ms)]);
  return ms;
};
const state = (expr) =>
  page.evaluate(`(() => { const s = window.omniStudio.services.store.getState(); return ${expr}; })()`);

await time(
  `open + first waveform paint (${minutes} min, ${(statSync(wav).size / 2 ** 20).toFixed(0)} MB WAV)`,
  async () => {
    await page.getByTestId('file-input').setInputFiles(wav);
    await page.waitForSelector('[data-testid=clip-waveform][data-drawn=true]', { timeout: 600_000 });
  },
);
await page.evaluate(() => window.omniStudio.flush());
rows.push(['  longest main-thread task (open + autosave)', await longestTask()]);
const runTimed = (name) =>
  page.evaluate(async (n) => {
    const t = performance.now();
    await window.omniStudio.runAction(n);
    return performance.now() - t;
  }, name);
const select = (a, b) =>
  page.evaluate(
    ([a, b]) => {
      const s = window.omniStudio.services.store.getState();
      const r = s.project.sampleRate;
      s.set({
        selection: { start: Math.round(a * r), end: Math.round(b * r), trackIds: s.project.tracks.map((t) => t.id) },
      });
    },
    [a, b],
  );

await select(minutes * 60 - 30, minutes * 60);
rows.push(['fade out, last 30 s', seconds(await runTimed('fadeOut'))]);
await select(0, minutes * 60);
rows.push(['fade in over the whole file', seconds(await runTimed('fadeIn'))]);
await page.evaluate(() => window.omniStudio.flush());
rows.push(['  longest main-thread task (fades + autosave)', await longestTask()]);
await select(60, 120);
rows.push(['cut 60 s from the middle', seconds(await runTimed('cut'))]);
rows.push(['undo', seconds(await runTimed('undo'))]);

await time('export mix to 16-bit WAV (download ready)', async () => {
  await page.getByTestId('action-export').click();
  await page.getByTestId('export-format').selectOption('pcm16');
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByTestId('export-run').click();
  await download;
});
rows.push(['  longest main-thread task (export)', await longestTask()]);
await page.keyboard.press('Escape');

// Scroll sweep at 100 px/s: the longest main-thread task while scrolling tells whether the page freezes.
await page.evaluate(() => {
  const s = window.omniStudio.services.store.getState();
  s.set({ view: { ...s.view, pxPerSec: 100, scrollLeft: 0 } });
});
const sweep = await page.evaluate(async () => {
  const el = document.querySelector('[data-testid=timeline]');
  let longest = 0;
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => (longest = Math.max(longest, e.duration))),
  );
  observer.observe({ type: 'longtask' });
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    el.scrollLeft += el.scrollWidth / 150;
    await new Promise(requestAnimationFrame);
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  observer.disconnect();
  frames.sort((a, b) => a - b);
  return { median: frames[60], p95: frames[114], longest };
});
rows.push(['scroll sweep, 120 frames: median / p95 frame', `${sweep.median.toFixed(1)} / ${sweep.p95.toFixed(1)} ms`]);
rows.push(['longest main-thread task while scrolling', `${sweep.longest.toFixed(0)} ms`]);
rows.push([
  'tracks / clips after the run',
  String(await state('s.project.tracks.length + " / " + s.project.tracks[0].clips.length')),
]);

await browser.close();
stopServer();
const width = Math.max(...rows.map((r) => r[0].length));
console.log(
  `\nOmni Studio editor benchmark (${new Date().toISOString().slice(0, 10)}, Chromium headless, ${minutes}-minute 44.1 kHz stereo WAV)`,
);
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
process.exit(0);
