/**
 * Video benchmark (not a test): a 1-minute 1080p H.264 + AAC MP4 (made here with ffmpeg) imported into the built
 * studio in Debian's Chromium: seconds until its thumbnails and sound track are in, then seconds to export it with
 * the mix as its sound (the picture copied), and what ffprobe reads back.
 *   npx vite build && npx tsx bench/video-bench.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ffprobeStreams } from '../e2e/sox';
import { servePack } from './studio-page';

const dir = resolve('bench/.assets');
const video = join(dir, 'video-1080p-60s.mp4');
if (!existsSync(video)) {
  mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', [
    ...['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=60'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=330:duration=60:sample_rate=48000'],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-ac',
      '2',
      '-shortest',
      video,
    ],
  ]);
}

const { browser, url, close } = await servePack('public/models/test-pack', 4178);
try {
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles(video);
  await page.getByTestId('video-thumbnail').nth(11).waitFor({ timeout: 120_000 });
  await page.getByTestId('track').first().waitFor();
  const imported = (Date.now() - t0) / 1000;
  await page.getByTestId('action-export').click();
  const t1 = Date.now();
  const downloading = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByTestId('export-video').click();
  const download = await downloading;
  const out = join(dir, 'exported.mp4');
  await download.saveAs(out);
  const exported = (Date.now() - t1) / 1000;
  const streams = ffprobeStreams(out);
  console.log('\nOmni Studio video benchmark: a 60 s 1920x1080 30 fps H.264 + AAC MP4');
  console.log('| step | seconds |\n|---|---|');
  console.log(`| import: 12 thumbnails and the sound track in | ${imported.toFixed(1)} |`);
  console.log(`| export with the mix (picture copied, Opus) | ${exported.toFixed(1)} |`);
  console.log(
    `\nffprobe of the export: ${streams.map((s) => `${s.kind} ${s.codec} ${s.seconds.toFixed(3)} s, ${s.frames} packets`).join('; ')}`,
  );
} finally {
  await close();
}
