/**
 * The user's journeys with the model: generate a clip watching it form, edit a selection and undo it, cancel, and
 * all of it offline. The bundled default pack runs on WASM; the small test pack runs the same journey on WebGPU.
 */
import { expect, type Studio, test } from './fixtures';
import { expectPreviewsFormed, recordPreviews } from './previews';

async function openGenerate(studio: Studio) {
  await studio.action('generate').click();
  return studio.page.getByTestId('generate-panel');
}

/** Opens the panel on Generate and fills prompt, duration and steps. */
async function fillPrompt(studio: Studio, prompt: string, seconds: number, steps: number) {
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-mode-generate').click();
  await panel.getByTestId('generate-prompt').fill(prompt);
  await panel.getByTestId('generate-seconds').fill(String(seconds));
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill(String(steps));
  return panel;
}

/** Types a prompt and runs it; resolves once the job shows a preview while it still runs, and once it lands. */
async function generate(studio: Studio, prompt: string, seconds: number, steps: number) {
  const panel = await fillPrompt(studio, prompt, seconds, steps);
  const undo = (await studio.summary()).undo.length;
  await recordPreviews(studio.page);
  await panel.getByTestId('generate-run').click();
  await expect.poll(async () => (await studio.summary()).undo.length, { timeout: 180_000 }).toBe(undo + 1);
  await expect(studio.page.getByTestId('job-preview')).toHaveCount(0);
  const previews = await expectPreviewsFormed(studio.page, steps);
  return { previewStep: previews[0].step };
}

test.describe.configure({ timeout: 300_000 });

test('generate a sound from a prompt: previews form it on the timeline, it lands as one undoable clip', async ({
  studio,
  page,
}, info) => {
  const { previewStep } = await generate(studio, 'footsteps on gravel', 4, 8);
  expect(previewStep).toBeLessThan(8);
  const s = await studio.summary();
  expect(s.tracks).toHaveLength(1);
  expect(s.tracks[0].length).toBe(4 * s.sampleRate);
  expect(s.undo.at(-1)).toBe('Generate “footsteps on gravel”');
  const samples = await studio.mixSamples(0, 4);
  const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  expect(peak).toBeGreaterThan(1e-3); // sound, not silence
  expect(peak).toBeLessThanOrEqual(0.8913); // brought to -1 dBFS at most, like other generation tools
  await expect(page.getByTestId('generate-pack')).toContainText('on WASM');
  await page.screenshot({ path: info.outputPath('studio-after-generation.png') });
  await page.screenshot({ path: 'test-results/screenshots/studio-after-generation.png' });
  await page.keyboard.press('Control+z');
  expect((await studio.summary()).tracks.every((t) => t.clips === 0)).toBe(true);
});

/** Runs an edit of the selection and waits for it to land as one undoable step. */
async function runEdit(
  studio: Studio,
  task: string,
  description: string,
  options: { regenerate?: boolean; steps?: number } = {},
) {
  const undo = (await studio.summary()).undo.length;
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-mode-edit').click();
  await panel.getByTestId('edit-task').selectOption(task);
  await panel.getByTestId('edit-description').fill(description);
  if (options.regenerate) await panel.getByTestId('edit-regenerate').check();
  if (options.steps) {
    await panel.locator('summary', { hasText: 'Sampler' }).click();
    await panel.getByTestId('generate-steps').fill(String(options.steps));
  }
  await panel.getByTestId('generate-run').click();
  await expect.poll(async () => (await studio.summary()).undo.length, { timeout: 180_000 }).toBe(undo + 1);
  return panel;
}

/** Imports one file and selects [from, to) seconds; returns the project before the edit and its whole mix. */
async function importAndSelect(studio: Studio, file: string, from: number, to: number) {
  await studio.importFiles(file);
  await studio.waitForTracks(1);
  const before = await studio.summary();
  const whole = before.length / before.sampleRate;
  const original = await studio.mixSamples(0, whole);
  await studio.select(from, to);
  return { before, whole, original };
}

for (const [task, how] of [
  ['remove', 'the separator'],
  ['extract', 'the separator'],
  ['remove', 'the diffusion model'],
] as const) {
  test(`${task} by ${how}: same length, audio outside the selection bit-identical, undo restores it`, async ({
    studio,
    page,
  }) => {
    const { before, whole, original } = await importAndSelect(studio, 'speech-float-48k.wav', 0.5, 2.5);
    const panel = await runEdit(studio, task, 'speech', { regenerate: how === 'the diffusion model', steps: 6 });
    await expect(panel.getByTestId('edit-instruction')).toHaveText(
      `${task === 'remove' ? 'Remove' : 'Extract'} the sound of 'speech'`,
    );
    const after = await studio.summary();
    expect(after.length).toBe(before.length);
    expect(after.tracks).toHaveLength(1);
    const edited = await studio.mixSamples(0, whole);
    const [a, b] = [0.5 * before.sampleRate, 2.5 * before.sampleRate];
    expect(edited.slice(0, a)).toEqual(original.slice(0, a));
    expect(edited.slice(b)).toEqual(original.slice(b));
    expect(edited.slice(a, b)).not.toEqual(original.slice(a, b));
    await page.keyboard.press('Control+z');
    expect(await studio.mixSamples(0, whole)).toEqual(original);
  });
}

test('remove with words that match nothing in the selection: the user is told and the project stays as it was', async ({
  studio,
  page,
}) => {
  const { before, whole, original } = await importAndSelect(studio, 'tone-stereo-44k.wav', 0.5, 1.5);
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-mode-edit').click();
  await panel.getByTestId('edit-task').selectOption('remove');
  await expect(panel.getByTestId('edit-regenerate')).not.toBeChecked(); // the separator keeps the recording by default
  await panel.getByTestId('edit-description').fill('a dog barking');
  await panel.getByTestId('generate-run').click();
  await expect(page.getByTestId('notice-info').last()).toContainText(
    'No “a dog barking” found in the selection, so nothing was changed',
    { timeout: 120_000 },
  );
  expect((await studio.summary()).undo.length).toBe(before.undo.length);
  expect(await studio.mixSamples(0, whole)).toEqual(original);
});

test("style transfer keeping the performance: the original's timing stays, only its colour changes", async ({
  studio,
}) => {
  await studio.importFiles('speech-float-48k.wav');
  await studio.waitForTracks(1);
  const before = await studio.summary();
  const whole = before.length / before.sampleRate;
  const original = await studio.mixSamples(0, whole);
  await studio.select(0.5, 2.5);
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-mode-edit').click();
  await panel.getByTestId('edit-task').selectOption('style');
  await expect(panel.getByTestId('edit-keep')).toHaveCount(0); // keeping the untouched sound is for add and remove
  await panel.getByTestId('edit-style-from').fill('a man speaking');
  await panel.getByTestId('edit-style-to').fill('a woman speaking');
  await panel.getByTestId('edit-keep-performance').check();
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill('4');
  await panel.getByTestId('generate-run').click();
  await expect
    .poll(async () => (await studio.summary()).undo.length, { timeout: 180_000 })
    .toBe(before.undo.length + 1);
  const edited = await studio.mixSamples(0, whole);
  const [a, b] = [0.5 * before.sampleRate, 2.5 * before.sampleRate];
  expect(edited.slice(0, a)).toEqual(original.slice(0, a));
  expect(edited.slice(b)).toEqual(original.slice(b));
  expect(edited.slice(a, b)).not.toEqual(original.slice(a, b));
  // The test pack's weights are random, so its timbre is noise; but the result is the recording itself under smooth
  // real gains, so its spectrum keeps the original's phase, which the model's own output (at random phase) does not.
  expect(phaseDrift(edited, original, a + 4800, b - 4800)).toBeLessThan(0.35);
});

test('cancel a job mid-way: the project is as it was', async ({ studio, page }) => {
  await studio.importFiles('speech-float-48k.wav');
  await studio.waitForTracks(1);
  const before = await studio.summary();
  const panel = await fillPrompt(studio, 'a dog barking', 10, 200);
  await panel.getByTestId('generate-run').click();
  const job = panel.getByTestId('job');
  await expect
    .poll(async () => Number(await job.first().getAttribute('data-step')), { timeout: 120_000 })
    .toBeGreaterThan(0);
  // A second job waits its turn, shown as queued; both can be cancelled.
  await panel.getByTestId('generate-prompt').fill('glass breaking');
  await panel.getByTestId('generate-run').click();
  await expect(job).toHaveCount(2);
  await expect(job.nth(1)).toHaveAttribute('data-status', 'queued');
  await job.nth(1).getByTestId('job-cancel').click();
  await job.first().getByTestId('job-cancel').click();
  await expect(page.getByTestId('notice-info').last()).toContainText('cancelled. The project is as it was.');
  await expect(job).toHaveCount(0);
  expect(await studio.summary()).toEqual(before);
});

test('bad input gets a clear message and nothing changes', async ({ studio, page }) => {
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-run').click();
  await expect(page.getByTestId('notice-error').last()).toContainText('Type a prompt first');
  await panel.getByTestId('generate-prompt').fill('rain '.repeat(80));
  await panel.getByTestId('generate-run').click();
  await expect(page.getByTestId('notice-error').last()).toContainText('characters; the model reads about 300');
  await panel.getByTestId('generate-mode-edit').click();
  await expect(panel.getByTestId('generate-run')).toBeDisabled(); // nothing selected yet
  expect((await studio.summary()).tracks).toHaveLength(0);
});

test('offline after the first visit: the cached pack generates with the network off', async ({
  studio,
  page,
  context,
}) => {
  await generate(studio, 'glass breaking', 2, 4);
  await page.evaluate(async () => navigator.serviceWorker.ready);
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  const tracks = (await studio.summary()).tracks.length; // the first clip came back from autosave
  await generate(studio, 'a dog barking', 2, 4);
  expect((await studio.summary()).tracks).toHaveLength(tracks + 1);
  await context.setOffline(false);
});

test('the same journey on WebGPU (SwiftShader) with the small test pack', async ({ studio, page }) => {
  await studio.loadTestPack('webgpu');
  await generate(studio, 'rain on a tin roof', 2, 6);
  await expect(page.getByTestId('generate-pack')).toContainText('on WebGPU');
  const s = await studio.summary();
  expect(s.tracks[0].length).toBe(2 * s.sampleRate);
});

test('a GPU lost mid-job: the error says so, nothing changes, and the job runs again on WASM when the user asks', async ({
  studio,
  page,
}) => {
  await studio.loadTestPack('webgpu');
  const panel = await fillPrompt(studio, 'wind in trees', 2, 40);
  await panel.getByTestId('generate-run').click();
  await expect
    .poll(async () => Number(await panel.getByTestId('job').getAttribute('data-step')), { timeout: 120_000 })
    .toBeGreaterThan(0);
  expect(
    await page.evaluate(() =>
      (window as unknown as { omniStudio: { engine(): { loseDeviceForTesting(): Promise<boolean> } } }).omniStudio
        .engine()
        .loseDeviceForTesting(),
    ),
  ).toBe(true);
  const notice = page.getByTestId('notice-error').last();
  await expect(notice).toContainText('The GPU was lost during the job', { timeout: 60_000 });
  expect((await studio.summary()).tracks).toHaveLength(0);
  await panel.getByTestId('generate-steps').fill('4');
  await notice.getByTestId('notice-action').click();
  await expect.poll(async () => (await studio.summary()).tracks.length, { timeout: 120_000 }).toBe(1);
  await expect(page.getByTestId('generate-pack')).toContainText('on WASM');
});

test('keep an edit as a take beside the original and switch between them (A/B)', async ({ studio, page }) => {
  await studio.importFiles('speech-float-48k.wav');
  await studio.waitForTracks(1);
  const original = await studio.mixSamples(0, 3);
  await studio.select(0.5, 2.5);
  const panel = await openGenerate(studio);
  await panel.getByTestId('generate-mode-edit').click();
  await panel.getByTestId('edit-task').selectOption('extract');
  await panel.getByTestId('edit-description').fill('speech');
  await panel.getByTestId('edit-result').selectOption('take');
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill('4');
  await panel.getByTestId('generate-run').click();
  await studio.waitForTracks(2);
  const s = await studio.summary();
  expect(s.tracks[1].name).toBe("Take: Extract the sound of 'speech'");
  expect(s.tracks[1].length).toBe(2.5 * s.sampleRate);
  const mutes = () =>
    page.evaluate(() =>
      (window as unknown as { omniStudio: { services: any } }).omniStudio.services.store
        .getState()
        .project.tracks.map((t: any) => t.mute),
    );
  expect(s.tracks[0].clips).toBe(1);
  expect(await mutes()).toEqual([false, true]); // the take starts muted: what plays is the original
  const ab = page.getByTestId('track-ab');
  await expect(ab).toHaveText('B');
  await expect(ab).toHaveAttribute('aria-pressed', 'false');
  await ab.click();
  await expect(ab).toHaveAttribute('aria-pressed', 'true');
  expect(await mutes()).toEqual([true, false]);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  expect((await studio.summary()).tracks).toHaveLength(1);
  expect(await studio.mixSamples(0, 3)).toEqual(original); // two undos: the original alone, as it was
});

/** Median phase difference (radians) between two signals over their strong bins (234 Hz to 4 kHz at 48 kHz) in ten
 * Hann-windowed 1024-sample frames spread over [from, to). */
function phaseDrift(x: number[], y: number[], from: number, to: number): number {
  const n = 1024,
    drifts: number[] = [];
  for (let f = 0; f < 10; f++) {
    const at = Math.round(from + (f * (to - from - n)) / 9);
    const bins = Array.from({ length: 40 }, (_, i) => 5 + 2 * i).map((k) => {
      let xr = 0,
        xi = 0,
        yr = 0,
        yi = 0;
      for (let i = 0; i < n; i++) {
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n),
          c = Math.cos((2 * Math.PI * k * i) / n),
          s = Math.sin((2 * Math.PI * k * i) / n);
        xr += w * x[at + i] * c;
        xi -= w * x[at + i] * s;
        yr += w * y[at + i] * c;
        yi -= w * y[at + i] * s;
      }
      return { size: Math.hypot(yr, yi), drift: Math.abs(Math.atan2(xi * yr - xr * yi, xr * yr + xi * yi)) };
    });
    const loudest = Math.max(...bins.map((b) => b.size));
    drifts.push(...bins.filter((b) => b.size > 0.1 * loudest).map((b) => b.drift));
  }
  drifts.sort((p, q) => p - q);
  return drifts[drifts.length >> 1];
}
