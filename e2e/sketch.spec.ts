/**
 * Sketching music from text: tempo and key fields written into the prompt, four variations stacked as takes with
 * A/B/C/D switching, and a prompt history that comes back with the project. The small test pack keeps it quick.
 */
import { expect, type Studio, test } from './fixtures';

test.describe.configure({ timeout: 300_000 });

interface TrackRow {
  id: string;
  mute: boolean;
  takeOf: string | null;
  name: string;
}

const tracks = (studio: Studio): Promise<TrackRow[]> =>
  studio.page.evaluate(() =>
    (window as unknown as { omniStudio: { services: any } }).omniStudio.services.store
      .getState()
      .project.tracks.map((t: any) => ({ id: t.id, mute: t.mute, takeOf: t.takeOf ?? null, name: t.name })),
  );

test('sketch: tempo and key in the prompt, four variations as takes, A/B/C/D, and the history after a reload', async ({
  studio,
  page,
}) => {
  await studio.loadTestPack('wasm');

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
  await panel.getByTestId('generate-variations').selectOption('4');
  await panel.getByTestId('generate-seconds').fill('2');
  await panel.locator('summary', { hasText: 'Sampler' }).click();
  await panel.getByTestId('generate-steps').fill('3');
  await panel.getByTestId('generate-run').click();

  // The first take lands as a clip, the other three under it as muted takes, each its own undo step.
  await expect.poll(async () => (await tracks(studio)).length, { timeout: 240_000 }).toBe(4);
  await expect(panel.getByTestId('job')).toHaveCount(0);
  const [a, ...takes] = await tracks(studio);
  expect(a).toMatchObject({ mute: false, takeOf: null, name: 'moderate piano melody in A minor, 90 bpm' });
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
  expect(loop.name).toMatch(/^Loop 1\.1\d s$/); // 1.5 s less its crossfade of a quarter
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { omniStudio: { services: any } }).omniStudio.services.store.getState().project.tracks[4]
          .clips.length,
    ),
  ).toBe(4);

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
});
