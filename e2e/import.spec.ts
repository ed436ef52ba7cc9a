import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { asset, expect, test } from './fixtures';

test.describe('importing audio', () => {
  test('reads WAV at 8/16/24/32-bit int and 32-bit float, 8 to 96 kHz, mono to 5.1, and MP3, Ogg/Opus, FLAC, M4A', async ({
    studio,
    page,
  }) => {
    const files = [
      'speech-22k.wav',
      'speech-8bit-8k.wav',
      'speech-24bit-96k.wav',
      'speech-float-48k.wav',
      'speech-int32-16k.wav',
      'six-channel.wav',
      'tone.mp3',
      'tone.ogg',
      'tone.flac',
      'tone.m4a',
    ];
    await studio.importFiles(...files);
    await studio.waitForTracks(files.length);
    const summary = await studio.summary();
    expect(summary.sampleRate).toBe(22050); // the first file's rate becomes the project's
    expect(summary.tracks.map((t) => t.name)).toEqual(files.map((f) => f.replace(/\.\w+$/, '')));
    expect(summary.tracks.map((t) => t.channels[0])).toEqual([1, 1, 1, 1, 1, 6, 2, 2, 2, 2]);
    // Every speech file lasts as long as the original, whatever its rate, after resampling to the project rate.
    const speech = summary.tracks[0].length;
    for (const t of summary.tracks.slice(1, 5)) expect(Math.abs(t.length - speech)).toBeLessThanOrEqual(3);
    // The compressed 2 s tones are 2 s long (encoder padding aside).
    for (const t of summary.tracks.slice(6)) expect(t.length / 22050).toBeGreaterThan(1.95);
    await expect(page.getByTestId('notice-info').first()).toContainText('resampled');
    expect(summary.undo).toHaveLength(files.length);
  });

  test('bad files get a clear message and leave the project as it was', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const before = await studio.summary();
    const cases: [string, RegExp][] = [
      ['empty.wav', /"empty.wav" is empty \(0 bytes\)/],
      ['not-audio.mp3', /"not-audio.mp3" could not be decoded/],
      ['truncated-header.wav', /"truncated-header.wav" cannot be read: Corrupt or truncated WAV file/],
      ['corrupt.wav', /"corrupt.wav" cannot be read/],
    ];
    for (const [file, message] of cases) {
      await studio.importFiles(file);
      await expect(page.getByTestId('notice-error').last()).toContainText(message);
      await expect(page.getByTestId('notice-error').last()).toContainText('The project is unchanged.');
    }
    const after = await studio.summary();
    expect(after.tracks).toEqual(before.tracks);
    expect(after.undo).toEqual(before.undo);

    // A WAV cut short imports what it holds, and says so.
    await studio.importFiles('truncated-data.wav');
    await studio.waitForTracks(2);
    await expect(page.getByTestId('notice-info').filter({ hasText: 'truncated' })).toBeVisible();
  });

  test('a file too large for memory is refused before decoding', async ({ studio, page }) => {
    await studio.importFiles('speech-24bit-96k.wav'); // the project runs at 96 kHz from now on
    await studio.waitForTracks(1);
    // 72 MB of 8-bit 8 kHz mono: 2.5 hours, which at 96 kHz in float needs about 3.3 GB.
    await page.evaluate(async () => {
      const frames = 72 * 2 ** 20;
      const header = new Uint8Array(44);
      const v = new DataView(header.buffer);
      const put = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
      put(0, 'RIFF');
      v.setUint32(4, 36 + frames, true);
      put(8, 'WAVE');
      put(12, 'fmt ');
      v.setUint32(16, 16, true);
      v.setUint16(20, 1, true);
      v.setUint16(22, 1, true);
      v.setUint32(24, 8000, true);
      v.setUint32(28, 8000, true);
      v.setUint16(32, 1, true);
      v.setUint16(34, 8, true);
      put(36, 'data');
      v.setUint32(40, frames, true);
      const file = new File([header, new Uint8Array(frames).fill(128)], 'huge.wav');
      await (window as any).omniStudio.importFiles([file]);
    });
    await expect(page.getByTestId('notice-error').last()).toContainText(
      /"huge.wav" is too large to edit in this browser: it needs about \d+ MB/,
    );
    expect((await studio.summary()).tracks).toHaveLength(1);
  });

  test('a float WAV holding NaN and infinite samples imports with them as silence, and says so', async ({
    studio,
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.evaluate(async () => {
      const samples = new Float32Array(8000).map((_, i) => 0.3 * Math.sin(i / 5));
      samples.set([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], 4000);
      const header = new Uint8Array(44);
      const v = new DataView(header.buffer);
      const put = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
      put(0, 'RIFF');
      v.setUint32(4, 36 + samples.byteLength, true);
      put(8, 'WAVE');
      put(12, 'fmt ');
      v.setUint32(16, 16, true);
      v.setUint16(20, 3, true);
      v.setUint16(22, 1, true);
      v.setUint32(24, 8000, true);
      v.setUint32(28, 32000, true);
      v.setUint16(32, 4, true);
      v.setUint16(34, 32, true);
      put(36, 'data');
      v.setUint32(40, samples.byteLength, true);
      await (window as any).omniStudio.importFiles([new File([header, new Uint8Array(samples.buffer)], 'nan.wav')]);
    });
    await studio.waitForTracks(1);
    await expect(page.getByTestId('notice-info').filter({ hasText: 'not numbers' })).toContainText(
      '"nan.wav" held 3 samples that were not numbers (NaN or infinite); they were imported as silence.',
    );
    const mix = await studio.mixSamples(0, 1);
    expect(mix.every(Number.isFinite)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('drag and drop imports files as new tracks', async ({ studio, page }) => {
    const transfer = await droppedFile(page, 'speech-22k.wav', 'dropped.wav');
    await page.locator('.app').dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(page.locator('.drop-overlay')).toBeVisible();
    await page.locator('.app').dispatchEvent('drop', { dataTransfer: transfer });
    await studio.waitForTracks(1);
    expect((await studio.summary()).tracks[0].name).toBe('dropped');
  });

  test('a file dropped on the timeline starts where it was dropped', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const transfer = await droppedFile(page, 'speech-22k.wav', 'dropped.wav');
    // The clip's left edge is 0 s: 1.5 s is 1.5 s worth of pixels to its right.
    const pxPerSec = await page.evaluate(() => (window as any).omniStudio.services.store.getState().view.pxPerSec);
    const zero = (await page.getByTestId('clip').first().boundingBox())!;
    const timeline = page.getByTestId('timeline');
    await timeline.dispatchEvent('drop', { dataTransfer: transfer, clientX: zero.x + 1.5 * pxPerSec, clientY: zero.y });
    await studio.waitForTracks(2);
    const start = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.tracks[1].clips[0].start,
    );
    expect(Math.abs(start / 44100 - 1.5)).toBeLessThanOrEqual(1 / pxPerSec); // within a pixel
    expect((await studio.summary()).tracks[1].name).toBe('dropped');
  });
});

/** A drag's payload holding the test asset `name` as a file called `as`, as the browser gives a drop. */
function droppedFile(page: Page, name: string, as: string) {
  return page.evaluateHandle(
    ({ data, as }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], as, { type: 'audio/wav' }));
      return dt;
    },
    { data: [...readFileSync(asset(name))], as },
  );
}
