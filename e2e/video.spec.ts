/**
 * Video in the studio: a video imports as a picture in sync with the timeline and a lane of thumbnails, its sound as
 * a track; it exports again with the mix as its sound, the picture copied (ffprobe reads the file back); a codec the
 * browser cannot decode, or a video without sound, is said in words.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asset, expect, test } from './fixtures';
import { expectPreviewsFormed, recordPreviews } from './previews';
import { ffprobeStreams } from './sox';

const videoTime = (page: import('@playwright/test').Page) =>
  page.getByTestId('video-picture').evaluate((v: HTMLVideoElement) => v.currentTime);

test('import an MP4: picture, thumbnails and sound; seek with the timeline; export it with the mix, picture copied', async ({
  studio,
  page,
}) => {
  await studio.importFiles('video-h264.mp4');
  await studio.waitForTracks(1);
  await expect(page.getByTestId('video-lane')).toBeVisible();
  await expect(page.getByTestId('video-thumbnail')).toHaveCount(12);
  const s = await studio.summary();
  expect(s.tracks[0].name).toBe('video-h264 (sound)');
  expect(Math.abs(s.tracks[0].length / s.sampleRate - 4)).toBeLessThan(0.05);
  await expect(page.getByTestId('notice-info').last()).toContainText('320x180 H.264, 4.0 s');
  await expect
    .poll(() => page.getByTestId('video-picture').evaluate((v: HTMLVideoElement) => v.duration))
    .toBeCloseTo(4, 1);

  await studio.select(2.5, 3);
  await expect.poll(() => videoTime(page)).toBeCloseTo(2.5, 1);

  await studio.action('export').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-video').click();
  const download = await downloading;
  const path = join(test.info().outputPath(), download.suggestedFilename());
  await download.saveAs(path);
  expect(download.suggestedFilename()).toBe('omni-studio-video-h264.mp4');
  const source = ffprobeStreams(asset('video-h264.mp4')).find((x) => x.kind === 'video')!;
  const streams = ffprobeStreams(path);
  const picture = streams.find((x) => x.kind === 'video')!;
  const sound = streams.find((x) => x.kind === 'audio')!;
  expect(picture).toMatchObject({ codec: 'h264', frames: source.frames });
  expect(Math.abs(picture.seconds - 4)).toBeLessThanOrEqual(1 / 25);
  expect(sound.codec).toBe('opus');
  expect(Math.abs(sound.seconds - 4)).toBeLessThan(0.05);

  // The picture comes back with the project after a reload.
  await studio.flushAutosave();
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  await expect(page.getByTestId('video-thumbnail')).toHaveCount(12);
  await expect
    .poll(() => page.getByTestId('video-picture').evaluate((v: HTMLVideoElement) => v.duration))
    .toBeCloseTo(4, 1);
});

test('score a video offline: sound for the video (the picture read as the model hears it) forms in previews, lands from 0 s, undoes, and exports with the picture', async ({
  studio,
  page,
}) => {
  await studio.importFiles('video-silent.mp4');
  await expect(page.getByTestId('video-lane')).toBeVisible();
  await studio.loadTestPack('wasm');
  await page.context().setOffline(true); // from here on, nothing may need the network
  await studio.action('generate').click();
  const panel = page.getByTestId('generate-panel');
  await panel.getByTestId('generate-task').selectOption('v2a');
  await panel.getByTestId('generate-prompt').fill('a door slams');
  await panel.getByTestId('generate-fit-video').click();
  await expect(panel.getByTestId('generate-seconds')).toHaveValue('4');
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill('4');
  await recordPreviews(page);
  await panel.getByTestId('generate-run').click();
  await studio.waitForTracks(1);
  await expect(page.getByTestId('job-preview')).toHaveCount(0);
  await expectPreviewsFormed(page, 4);
  const s = await studio.summary();
  expect(s.tracks[0].length).toBe(4 * s.sampleRate);
  await page.keyboard.press('Control+z');
  await studio.waitForTracks(0);
  await page.keyboard.press('Control+Shift+z');
  await studio.waitForTracks(1);
  await page.getByTestId('generate-panel').getByRole('button', { name: 'Close' }).click();
  await studio.action('export').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-video').click();
  const path = join(test.info().outputPath(), 'scored.mp4');
  await (await downloading).saveAs(path);
  const streams = ffprobeStreams(path);
  expect(streams.map((x) => `${x.kind} ${x.codec}`)).toEqual(['video h264', 'audio opus']);
  await page.context().setOffline(false);
});

test('the picture reaches the model as the evaluation reads it: 32 x 32 frames at 25 fps, as ffmpeg scales them', async ({
  page,
  studio,
}) => {
  await studio.page.waitForSelector('html[data-ready=true]');
  const bytes = [...readFileSync(asset('video-h264.mp4'))];
  const seconds = 2;
  const browser = await page.evaluate(
    async ({ bytes, seconds }) => {
      const file = new File([new Uint8Array(bytes)], 'clip.mp4', { type: 'video/mp4' });
      const w = window as unknown as { omniStudio: { analysis(): any } };
      const read = await w.omniStudio.analysis().picture(file, 0, seconds, 32, 25);
      return read.ok ? Array.from(read.value.pixels as Float32Array) : read.error.message;
    },
    { bytes, seconds },
  );
  if (typeof browser === 'string') throw new Error(browser);
  // ffmpeg's frames, as training/omni_model/evaluation/evaluate_sync.py picture() reads them (RGB planes per frame).
  const raw = execFileSync('ffmpeg', [
    ...['-v', 'error', '-i', asset('video-h264.mp4'), '-t', String(seconds)],
    ...['-vf', 'fps=25,scale=32:32:flags=area', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
  ]);
  const each = 3 * 32 * 32;
  expect(browser.length).toBe(seconds * 25 * each);
  // Mean absolute difference between the browser's frame f and ffmpeg's frame g.
  const distance = (f: number, g: number) => {
    let sum = 0;
    for (let p = 0; p < 32 * 32; p++)
      for (let c = 0; c < 3; c++) sum += Math.abs(browser[f * each + c * 1024 + p] - raw[g * each + 3 * p + c] / 255);
    return sum / each;
  };
  // The same picture at the same times: within what two decoders' colour conversions differ by (about 0.07 here),
  // and each frame nearer its own time than a frame half a second away.
  for (let f = 0; f < seconds * 25; f++) {
    expect(distance(f, f)).toBeLessThan(0.1);
    expect(distance(f, f)).toBeLessThan(distance(f, (f + 12) % (seconds * 25)));
  }
  const apart =
    browser
      .slice(0, each)
      .reduce((sum: number, v: number, i: number) => sum + Math.abs(v - browser[25 * each + i]), 0) / each;
  expect(apart).toBeGreaterThan(0.05);
});

test('a WebM (VP9 and Opus) imports the same way', async ({ studio, page }) => {
  await studio.importFiles('video-vp9.webm');
  await studio.waitForTracks(1);
  await expect(page.getByTestId('notice-info').last()).toContainText('VP9');
  await expect(page.getByTestId('video-thumbnail')).toHaveCount(12);
});

test('a video without sound imports its picture alone; one the browser cannot decode is named and changes nothing', async ({
  studio,
  page,
}) => {
  await studio.importFiles('video-hevc.mp4');
  await expect(page.getByTestId('notice-error').last()).toContainText('cannot decode HEVC (H.265) video');
  expect((await studio.summary()).undo).toHaveLength(0);
  await expect(page.getByTestId('video-lane')).toHaveCount(0);

  await studio.importFiles('video-silent.mp4');
  await expect(page.getByTestId('video-lane')).toBeVisible();
  await expect(page.getByTestId('notice-info').last()).toContainText('it has no sound');
  expect((await studio.summary()).tracks).toHaveLength(0);

  // A WebM with sound and no picture is audio: it lands as a track, the video stays.
  await studio.importFiles('tone-audio-only.webm');
  await studio.waitForTracks(1);
  expect((await studio.summary()).tracks[0].name).toBe('tone-audio-only');
});
