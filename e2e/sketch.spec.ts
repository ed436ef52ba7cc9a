/**
 * Sketching music from text: tempo and key fields written into the prompt, four variations stacked as takes with
 * A/B/C/D switching, a loop, extending a take and regenerating its middle, the mix and its stems exported and read
 * back by sox, and a prompt history that comes back with the project, all with the network off once the studio and the
 * pack have loaded (the journey is an offline one). The small test pack keeps it quick.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, readBytes, type Studio, test } from './fixtures';
import { soxInfo, soxRaw16 } from './sox';

test.describe.configure({ timeout: 300_000 });

interface TrackRow {
  id: string;
  mute: boolean;
  takeOf: string | null;
  name: string;
  tempoBpm: number | null;
  beatStart: number | null;
}

const tracks = (studio: Studio): Promise<TrackRow[]> =>
  studio.page.evaluate(() =>
    (window as unknown as { omniStudio: { services: any } }).omniStudio.services.store
      .getState()
      .project.tracks.map((t: any) => ({
        id: t.id,
        mute: t.mute,
        takeOf: t.takeOf ?? null,
        name: t.name,
        tempoBpm: t.tempoBpm ?? null,
        beatStart: t.beatStart ?? null,
      })),
  );

test('sketch: tempo and key in the prompt, four variations as takes, A/B/C/D, loop, extend, regenerate, stems, and the history after a reload', async ({
  studio,
  page,
  context,
}) => {
  // Under the service worker's control, so that the reload at the end comes from its cache.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await studio.loadTestPack('wasm');
  await context.setOffline(true); // from here on, nothing may need the network

  await studio.action('generate').click();
  const panel = page.getByTestId('generate-panel');
  await panel.getByTestId('generate-task').selectOption('t2m');
  await panel.getByTestId('generate-prompt').fill('piano melody');
  // Nothing analysed yet: "match the project" says what to do instead of guessing.
  await panel.getByTestId('music-match').click();
  await expect(page.getByTestId('notice-info').last()).toContainText('run Analyze');
  await panel.getByTestId('music-bpm').fill('90');
  await panel.getByTestId('music-key').selectOption('A');
  await panel.getByTestId('music-mode').selectOption('minor');
  await expect(panel.getByTestId('generate-text')).toHaveText(
    'The model reads: moderate piano melody in A minor, 90 bpm',
  );
  await expect(panel.getByTestId('beat-guide')).toContainText('The beat guide holds it at 90 BPM');
  await panel.getByTestId('generate-variations').selectOption('4');
  await panel.getByTestId('generate-seconds').fill('2');
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill('3');
  await panel.getByTestId('generate-run').click();

  // The first take lands as a clip, the other three under it as muted takes, each its own undo step.
  await expect.poll(async () => (await tracks(studio)).length, { timeout: 240_000 }).toBe(4);
  await expect(panel.getByTestId('job')).toHaveCount(0);
  // The stated tempo is kept by the beat guide (the pack's video to music under a picture flashing on each beat).
  await expect(page.getByTestId('notice-info').filter({ hasText: 'held at 90 BPM by the beat guide' })).not.toHaveCount(
    0,
  );
  const [a, ...takes] = await tracks(studio);
  // Each take lands with the beat grid it was made on: 90 BPM, a beat where it starts.
  expect(a).toMatchObject({ mute: false, takeOf: null, name: 'moderate piano melody in A minor, 90 bpm' });
  expect([a, ...takes].map((t) => [t.tempoBpm, t.beatStart])).toEqual([a, ...takes].map(() => [90, 0]));
  expect(takes.map((t) => [t.takeOf, t.mute])).toEqual(takes.map(() => [a.id, true]));
  expect((await studio.summary()).undo.filter((l) => l.startsWith('Generate'))).toHaveLength(4);
  const buttons = page.getByTestId('track-ab');
  await expect(buttons).toHaveText(['B', 'C', 'D']);
  await buttons.nth(1).click(); // play take C alone
  expect((await tracks(studio)).map((t) => t.mute)).toEqual([true, true, false, true]);
  await buttons.nth(2).click(); // then D
  expect((await tracks(studio)).map((t) => t.mute)).toEqual([true, true, true, false]);

  // Loop the first second and a half of A: a take under it, the loop played four times.
  await buttons.nth(2).click(); // back to A
  await studio.select(0, 1.5);
  await studio.action('makeLoop').click();
  await expect.poll(async () => (await tracks(studio)).length).toBe(5);
  const loop = (await tracks(studio))[4];
  expect(loop).toMatchObject({ takeOf: a.id, mute: true });
  // 1.5 s less its crossfade of a quarter, down to whole beats of the take's grid.
  expect(loop.name).toBe('Loop 0.67 s (1 beat at 90 BPM)');
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { omniStudio: { services: any } }).omniStudio.services.store.getState().project.tracks[4]
          .clips.length,
    ),
  ).toBe(4);

  // Extend A by 10 s: the model continues the end of the clip it hears; one undo step, the track 10 s longer.
  await page.getByTestId('extend-seconds').fill('10');
  const rate = (await studio.summary()).sampleRate;
  const before = (await studio.summary()).tracks[0].length;
  await studio.action('extendForward').click();
  await expect
    .poll(async () => (await studio.summary()).undo.at(-1), { timeout: 120_000 })
    .toBe('Extend forwards by 10 s');
  expect((await studio.summary()).tracks[0].length).toBe(before + 10 * rate);
  await expect(page.getByTestId('notice-info').filter({ hasText: 'held at 90 BPM by the beat guide' })).not.toHaveCount(
    0,
  );
  // The continuation is moved into the key the take was conformed to (kept on its track), or the one heard in it.
  const keyNote =
    /Extend forwards by 10 s: .*(the track is in A minor|the music around it is in|no key heard in the music around it)/;
  await expect(page.getByTestId('notice-info').filter({ hasText: keyNote })).not.toHaveCount(0);

  // A clip at 0 s has no time before it: leading in says so and changes nothing.
  const steps = (await studio.summary()).undo.length;
  await page.getByTestId('extend-backward').click();
  await expect(page.getByTestId('notice-error').last()).toContainText('no time before it to lead in');
  expect((await studio.summary()).undo).toHaveLength(steps);

  // Regenerate the middle: new material for 1-2.5 s that fits around it, in place, one undo step.
  await studio.select(1, 2.5);
  await page.getByTestId('regenerate-region').click();
  await expect.poll(async () => (await studio.summary()).undo.at(-1), { timeout: 120_000 }).toBe('Regenerate 1.5 s');
  expect((await studio.summary()).tracks[0].length).toBe(before + 10 * rate);
  await page.getByTestId('generate-panel').getByRole('button', { name: 'Close' }).click();

  // The mix as WAV, and the stems (with a second track imported): one WAV per track heard, summing to the mix.
  await studio.importFiles('tone-stereo-44k.wav');
  await expect.poll(async () => (await studio.summary()).tracks.length).toBe(6);
  // Without dither, so that only rounding (half a step in each file) stands between the stems' sum and the mix.
  const mix = await studio.exportFile({ scope: 'mix', format: 'pcm16', dither: false });
  const stemsZip = await studio.exportFile({ scope: 'stems', format: 'pcm16', dither: false });
  const stems = Object.entries(unzipSync(readBytes(stemsZip))).map(([name, bytes]) => {
    const path = join(test.info().outputPath(), name);
    writeFileSync(path, bytes);
    return { name, path };
  });
  expect(stems.map((s) => s.name)).toEqual([expect.stringMatching(/^01-.*\.wav$/), '02-tone-stereo-44k.wav']);
  const mixInfo = soxInfo(mix);
  for (const stem of stems) expect(soxInfo(stem.path)).toMatchObject({ rate: mixInfo.rate, channels: 2 });
  const samples = (path: string) => new Int16Array(new Uint8Array(soxRaw16(path)).buffer);
  const [first, second, whole] = [samples(stems[0].path), samples(stems[1].path), samples(mix)];
  expect(first.length).toBe(whole.length);
  let worst = 0;
  let compared = 0;
  for (let i = 0; i < whole.length; i++) {
    if (Math.abs(whole[i]) >= 32_000) continue; // where the mix clips, its stems do not
    worst = Math.max(worst, Math.abs(first[i] + second[i] - whole[i]));
    compared++;
  }
  expect(compared).toBeGreaterThan(whole.length * 0.9);
  expect(worst).toBeLessThanOrEqual(2); // each file rounds on its own

  await studio.flushAutosave();
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  await studio.action('generate').click();
  const history = page.getByTestId('prompt-history');
  await history.locator('summary').click();
  await expect(history.getByTestId('prompt-entry')).toHaveCount(1);
  await expect(history.getByTestId('prompt-entry')).toContainText('moderate piano melody in A minor, 90 bpm');
  await expect(history.getByTestId('prompt-entry')).toContainText('4 takes');
  // "Use" puts the prompt and its fields back in the panel, to change them.
  await page.getByTestId('generate-prompt').fill('');
  await history.getByTestId('prompt-use').click();
  await expect(page.getByTestId('generate-prompt')).toHaveValue('piano melody');
  await expect(page.getByTestId('music-bpm')).toHaveValue('90');
  await expect(page.getByTestId('generate-variations')).toHaveValue('4');
  await context.setOffline(false);
});
