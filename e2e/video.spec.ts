/**
 * Video in the studio: a video imports as a picture in sync with the timeline and a lane of thumbnails, its sound as
 * a track; it exports again with the mix as its sound, the picture copied (ffprobe reads the file back); a codec the
 * browser cannot decode, or a video without sound, is said in words.
 */
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
