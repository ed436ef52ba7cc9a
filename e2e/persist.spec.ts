import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { soxInfo } from './sox';

test.describe('never losing work', () => {
  test('the project, its audio and its undo history come back after a reload', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    await studio.select(0.5, 1);
    await studio.effect('fadeOut');
    await studio.action('delete').click();
    const before = await studio.summary();
    await studio.flushAutosave();

    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    expect(await studio.summary()).toEqual(before);
    await expect(page.getByTestId('clip-waveform').first()).toHaveAttribute('data-drawn', 'true');
    // Undo reaches back through history to audio that only the history still uses.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    expect((await studio.summary()).tracks[0].length).toBe(2 * 44100);
    expect((await studio.summary()).undo).toEqual(before.undo.slice(0, -2));
    const out = await studio.exportFile({ scope: 'track', format: 'pcm16' });
    expect(soxInfo(out)).toMatchObject({ rate: 44100, seconds: 2, channels: 2 });
  });

  test("a track's colour draws its clips and comes back after a reload; undo takes it away", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const clip = page.getByTestId('clip').first();
    const body = () => clip.evaluate((el) => getComputedStyle(el).backgroundColor);
    const plain = await body();
    await page.getByTestId('track-color').selectOption('green');
    expect((await studio.summary()).undo.at(-1)).toBe('Track colour');
    await expect(clip).toHaveAttribute('data-color', 'green');
    const green = await body();
    expect(green).not.toBe(plain);
    const [r, g, b] = green.match(/\d+/g)!.map(Number);
    expect(g).toBeGreaterThan(r + 10); // a dark green body
    expect(g).toBeGreaterThan(b + 10);
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(page.getByTestId('track-color')).toHaveValue('green');
    expect(await body()).toBe(green);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('track-color')).toHaveValue('');
    expect(await body()).toBe(plain);
  });

  test('a project saved as one .omni file opens again to the same mix, bit for bit; a file that is not one is named', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    await studio.select(0.5, 1);
    await studio.effect('fadeOut');
    await page.getByTestId('fade-handle-fadeIn').first().focus();
    await page.keyboard.press('Shift+ArrowRight'); // a 0.1 s fade-in handle on the first clip
    const mix = readFileSync(await studio.exportFile({ format: 'float32' }));
    const before = await studio.summary();

    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('tone-stereo-44k.omni');
    const saved = join(test.info().outputPath(), download.suggestedFilename());
    await download.saveAs(saved);
    await expect(page.getByTestId('notice-info').last()).toContainText('Saved the project as tone-stereo-44k.omni');

    // An empty project, then the file opened in its place: the same tracks, and the same mix to the bit.
    await page.keyboard.press('Control+Shift+Delete');
    await page.keyboard.press('Control+Shift+Delete');
    expect((await studio.summary()).tracks).toHaveLength(0);
    await page.getByTestId('file-input').setInputFiles(saved);
    await expect(page.getByTestId('notice-info').last()).toContainText('Opened "tone-stereo-44k.omni": 2 tracks.');
    expect((await studio.summary()).tracks).toEqual(before.tracks);
    expect(readFileSync(await studio.exportFile({ format: 'float32' })).equals(mix)).toBe(true);
    // Opening is one undo step.
    await page.keyboard.press('Control+z');
    expect((await studio.summary()).tracks).toHaveLength(0);

    const broken = join(test.info().outputPath(), 'broken.omni');
    writeFileSync(broken, 'not a project');
    await page.getByTestId('file-input').setInputFiles(broken);
    await expect(page.getByTestId('notice-error').last()).toContainText(
      '"broken.omni" is not an Omni Studio project (not a zip). The project is unchanged.',
    );
  });

  test('a full disk is reported, not swallowed, and saving resumes when space returns', async ({ studio, page }) => {
    await studio.importFiles('speech-22k.wav');
    await studio.waitForTracks(1);
    await studio.flushAutosave();
    await page.evaluate(() => {
      const original = IDBObjectStore.prototype.put;
      (window as any).restorePut = () => (IDBObjectStore.prototype.put = original);
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await studio.select(0, 0.5);
    await studio.effect('reverse');
    await studio.flushAutosave();
    await expect(page.getByTestId('notice-error').last()).toContainText(
      'Storage is full: your latest changes are NOT saved',
    );
    await page.evaluate(() => (window as any).restorePut());
    await studio.flushAutosave();
    await expect(page.getByTestId('notice-info').filter({ hasText: 'saved again' })).toBeVisible();
    const saved = await studio.summary();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    expect(await studio.summary()).toEqual(saved);
  });
});

test.describe('offline and isolated', () => {
  test('is cross-origin isolated, so ONNX Runtime can use threads', async ({ studio, page }) => {
    void studio;
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
  });

  test('after one visit, the studio loads, edits and exports with the network off', async ({
    studio,
    page,
    context,
  }) => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload(); // now controlled by the service worker
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(page.getByRole('heading', { name: 'Omni Studio' })).toBeVisible();
    // The ONNX Runtime binaries come from the app's own precache, never from a CDN.
    const wasm = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      const ortFiles = urls.filter((u) => /ort-wasm-simd-threaded.*\.wasm/.test(u));
      const sizes = await Promise.all(ortFiles.map(async (u) => (await (await fetch(u)).arrayBuffer()).byteLength));
      return { files: ortFiles.length, smallest: Math.min(...sizes) };
    });
    expect(wasm.files).toBe(2); // the plain WASM build and the WebGPU one
    expect(wasm.smallest).toBeGreaterThan(5_000_000);

    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await studio.select(0, 1);
    await studio.action('delete').click();
    const out = await studio.exportFile({ format: 'pcm16' });
    expect(soxInfo(out)).toMatchObject({ seconds: 1, rate: 44100 });
    await context.setOffline(false);
  });
});
