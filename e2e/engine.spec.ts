import { expect, test } from './fixtures';

/** Runs a generation in the inference worker through the page's engine client; returns what came back. */
async function generate(
  page: import('@playwright/test').Page,
  backend: 'wasm' | 'webgpu',
  options: { cancelAfter?: number } = {},
) {
  return page.evaluate(
    async ({ backend, cancelAfter }) => {
      const { engine, proxy } = (window as any).omniStudio;
      const e = engine();
      const loaded = await e.loadPack('/models/test-pack/', { backend, dtype: 'fp32' });
      if (!loaded.ok) return { loaded };
      const previews: number[] = [];
      const jobId = `job-${backend}`;
      let steps = 0;
      const result = await e.generate(
        { jobId, taskId: 't2a', text: 'rain on a tin roof', seconds: 1, steps: 6, seed: 5, previewEvery: 2 },
        proxy((p: { step: number }) => {
          steps = p.step;
          if (cancelAfter && p.step === cancelAfter) void e.cancel(jobId);
        }),
        proxy(({ audio, step }: { audio: Float32Array; step: number }) => void previews.push(step, audio.length)),
      );
      return {
        loaded,
        previews,
        steps,
        result: result.ok ? { ok: true, audio: Array.from(result.value as Float32Array) } : result,
      };
    },
    { backend, cancelAfter: options.cancelAfter },
  );
}

test.describe('inference engine in Chromium (test pack)', () => {
  test('WASM: loads the pack, says why it runs there, streams previews, returns the audio', async ({
    studio,
    page,
  }) => {
    void studio;
    const out = await generate(page, 'wasm');
    expect(out.loaded.ok).toBe(true);
    expect(out.loaded.value).toMatchObject({
      name: 'omni-test-pack',
      backend: 'wasm',
      backendReason: 'WASM was chosen by hand',
      dtype: 'fp32',
      sampleRate: 16000,
    });
    expect(out.previews).toEqual([2, 16000, 4, 16000]);
    expect((out.result as { audio: number[] }).audio).toHaveLength(16000);
  });

  test('WebGPU (SwiftShader) gives the same audio as WASM within tolerance', async ({ studio, page }) => {
    void studio;
    const probe = await page.evaluate(() => (window as any).omniStudio.engine().probe());
    expect(probe.webgpu.available).toBe(true);
    expect(probe.crossOriginIsolated).toBe(true);
    const wasm = await generate(page, 'wasm');
    const gpu = await generate(page, 'webgpu');
    expect(gpu.loaded.ok).toBe(true);
    const a = (wasm.result as { audio: number[] }).audio,
      b = (gpu.result as { audio: number[] }).audio;
    const peak = Math.max(...a.map(Math.abs));
    const worst = Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    expect(worst / peak).toBeLessThan(1e-3);
  });

  test('cancel stops a job mid-way; a bad pack gives its error and the engine keeps working', async ({
    studio,
    page,
  }) => {
    void studio;
    const cancelled = await generate(page, 'wasm', { cancelAfter: 2 });
    expect(cancelled.result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(cancelled.steps).toBeLessThan(6);
    const bad = await page.evaluate(() =>
      (window as any).omniStudio.engine().loadPack('/models/no-such-pack/', { backend: 'wasm' }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'missing-file' } });
    expect(bad.error.message).toContain('manifest.json');
    // The pack in use survives the failed load: a job runs without loading it again.
    const again = await page.evaluate(() =>
      (window as any).omniStudio
        .engine()
        .generate({ jobId: 'after-bad', taskId: 't2a', text: 'wind', seconds: 1, steps: 2, seed: 1 }),
    );
    expect(again).toMatchObject({ ok: true });
  });
});

test('a loaded pack is cached: listed with its size, loads offline, and can be deleted', async ({
  studio,
  page,
  context,
}) => {
  void studio;
  const first = await generate(page, 'wasm');
  expect(first.result).toMatchObject({ ok: true });
  const listed = await page.evaluate(() => (window as any).omniStudio.engine().listCachedPacks());
  expect(listed).toEqual([
    expect.objectContaining({ name: 'omni-test-pack', base: expect.stringMatching(/\/models\/test-pack\/$/) }),
  ]);
  expect(listed[0].bytes).toBeGreaterThan(1_000_000);

  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  const offline = await generate(page, 'wasm');
  expect(offline.result).toMatchObject({ ok: true });
  expect((offline.result as { audio: number[] }).audio).toEqual((first.result as { audio: number[] }).audio);
  await context.setOffline(false);

  const removed = await page.evaluate(
    (base) => (window as any).omniStudio.engine().deleteCachedPack(base),
    listed[0].base,
  );
  expect(removed).toBeGreaterThan(10);
  expect(await page.evaluate(() => (window as any).omniStudio.engine().listCachedPacks())).toEqual([]);
});

test('auto picks WASM with int8 weights here (SwiftShader WebGPU is a fallback adapter); jobs queue, and a queued job can be cancelled before it starts', async ({
  studio,
  page,
}) => {
  void studio;
  const out = await page.evaluate(async () => {
    const { engine } = (window as any).omniStudio;
    const e = engine();
    const loaded = await e.loadPack('/models/test-pack/', {});
    if (loaded.value.dtype !== 'int8' || loaded.value.backend !== 'wasm')
      throw new Error(`auto chose ${JSON.stringify(loaded.value)}`);
    const job = (id: string) => ({ jobId: id, taskId: 't2a', text: 'wind', seconds: 1, steps: 3, seed: 1 });
    const order: string[] = [];
    const runs = ['a', 'b', 'c'].map((id) =>
      e.generate(job(id)).then((r: any) => {
        order.push(id);
        return r.ok ? 'ok' : r.error.code;
      }),
    );
    await e.cancel('b');
    return { results: await Promise.all(runs), order };
  });
  expect(out.results).toEqual(['ok', 'cancelled', 'ok']);
  expect(out.order).toEqual(['a', 'b', 'c']);
});

test('a pack picked from disk loads: a zip (with its top folder) or the files of a folder; a non-pack is refused', async ({
  studio,
  page,
}) => {
  void studio;
  const { readdirSync, readFileSync } = await import('node:fs');
  const { zipSync } = await import('fflate');
  const dir = 'public/models/test-pack';
  const names = readdirSync(dir).filter((n) => !n.startsWith('goldens'));
  const zip = zipSync(
    Object.fromEntries(names.map((n) => [`test-pack/${n}`, new Uint8Array(readFileSync(`${dir}/${n}`))])),
  );
  // Bytes cross into the page as base64: a JSON array of millions of numbers would take minutes.
  const files = names.map((n) => ({ name: n, base64: readFileSync(`${dir}/${n}`).toString('base64') }));
  const out = await page.evaluate(
    async ({ zip, files }) => {
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const e = (window as any).omniStudio.engine();
      const fromZip = await e.loadPackFromFiles([new File([bytes(zip)], 'test-pack.zip')], { dtype: 'int8' });
      const fromFolder = await e.loadPackFromFiles(
        files.map((f: { name: string; base64: string }) => new File([bytes(f.base64)], f.name)),
        {},
      );
      const run = await e.generate({
        jobId: 'local',
        taskId: 't2m',
        text: 'slow piano',
        seconds: 1,
        steps: 2,
        seed: 1,
      });
      const notAZip = await e.loadPackFromFiles([new File([new TextEncoder().encode('hello')], 'song.zip')], {});
      return { fromZip, fromFolder, ok: run.ok, length: run.ok ? run.value.length : 0, notAZip };
    },
    { zip: Buffer.from(zip).toString('base64'), files },
  );
  expect(out.fromZip).toMatchObject({ ok: true, value: { name: 'omni-test-pack', dtype: 'int8' } });
  expect(out.fromFolder).toMatchObject({ ok: true, value: { name: 'omni-test-pack' } });
  expect(out.ok).toBe(true);
  expect(out.length).toBe(16000);
  expect(out.notAZip).toMatchObject({
    ok: false,
    error: { code: 'missing-file', message: expect.stringContaining('"song.zip": the file is not a readable zip') },
  });
});
