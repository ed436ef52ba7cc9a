import type { Page } from '@playwright/test';
import { expect, Studio, test } from './fixtures';
import { soxFloat } from './sox';

/** A tone imported into the project, the Projects panel opened: the tone's export and the panel's rows. */
async function toneProject(studio: Studio) {
  await studio.importFiles('tone-stereo-44k.wav');
  await studio.waitForTracks(1);
  const tone = await studio.exportFile({ format: 'float32' });
  await studio.action('projects').click();
  return { tone, rows: studio.page.getByTestId('projects-panel').getByTestId('project') };
}

/** The two exports hold the same samples, to the bit. */
function expectSameAudio(file: string, reference: string) {
  const [before, after] = [soxFloat(reference, []), soxFloat(file, [])];
  expect(after.length).toBe(before.length);
  expect(after.every((v, i) => v === before[i])).toBe(true);
}

/** Waits for the page a project switch reloads into. */
async function reloaded(page: Page) {
  await page.waitForEvent('load');
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
}

test('projects kept in the browser: one named, a new one started beside it, each opened again whole, one deleted', async ({
  studio,
  page,
}) => {
  const { tone, rows } = await toneProject(studio);
  const panel = page.getByTestId('projects-panel');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-open', 'true');
  await rows.first().getByTestId('project-name').fill('Tone session');
  await rows.first().getByTestId('project-name').press('Enter');
  await expect(page.getByTestId('project-title')).toHaveText('Tone session'); // under the studio's name
  await expect(page).toHaveTitle('Tone session · Omni Studio'); // and the tab's
  await expect(rows.first()).toContainText('1 track, 0:02.000, 0.7 MB'); // 2 s of stereo at 44.1 kHz, 32-bit
  await expect(panel.getByTestId('projects-storage')).toContainText("of this browser's storage");

  // A new project: the page starts empty, the named one kept in the list.
  await Promise.all([reloaded(page), panel.getByTestId('project-new').click()]);
  expect((await studio.summary()).tracks).toHaveLength(0);
  await expect(page).toHaveTitle('Untitled project · Omni Studio');
  await studio.importFiles('speech-22k.wav');
  await studio.waitForTracks(1);
  await studio.action('projects').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('project-name')).toHaveValue('Untitled project');
  await expect(rows.nth(1).getByTestId('project-name')).toHaveValue('Tone session');

  // The tone session opened again: its track, its audio to the sample, its undo history.
  await Promise.all([reloaded(page), rows.nth(1).getByTestId('project-open').click()]);
  await expect(page).toHaveTitle('Tone session · Omni Studio');
  const summary = await studio.summary();
  expect(summary.tracks.map((t) => t.name)).toEqual(['tone-stereo-44k']);
  expect(summary.undo.length).toBeGreaterThan(0);
  expectSameAudio(await studio.exportFile({ format: 'float32' }), tone);

  // The speech project deleted (a second click confirms): gone after a reload too.
  await studio.action('projects').click();
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('project-name')).toHaveValue('Tone session');
  await rows.nth(1).getByTestId('project-delete').click();
  await expect(rows.nth(1).getByTestId('project-delete')).toHaveText('Delete for good');
  await rows.nth(1).getByTestId('project-delete').click();
  await expect(page.getByTestId('notice-info').last()).toContainText('Deleted the project “Untitled project”');
  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(page.locator('html[data-ready=true]')).toBeAttached();
  await studio.waitForTracks(1);
  await studio.action('projects').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('project-name')).toHaveValue('Tone session');
});

test('a project duplicated keeps the audio it shares when the original lets it go: the copy opens whole', async ({
  studio,
  page,
}) => {
  const { tone, rows } = await toneProject(studio);
  await rows.first().getByTestId('project-duplicate').click();
  await expect(page.getByTestId('notice-info').last()).toContainText('Kept a copy of “Untitled project”');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByTestId('project-name')).toHaveValue('Untitled project (copy)');
  await page.keyboard.press('Escape');

  // The original lets the tone go: its track deleted, the undo history forgotten, so nothing of it plays the tone.
  await page.getByRole('button', { name: 'Delete tone-stereo-44k' }).click();
  await studio.waitForTracks(0);
  await studio.action('history').click();
  await page.getByTestId('history-forget').click();
  await studio.flushAutosave();

  await studio.action('projects').click();
  await Promise.all([reloaded(page), rows.nth(1).getByTestId('project-open').click()]);
  await studio.waitForTracks(1);
  expectSameAudio(await studio.exportFile({ format: 'float32' }), tone);
});

test('a second tab loads nothing and says why; "Use it here" takes the project over and the first tab stops saving', async ({
  studio,
  page,
  context,
}) => {
  await studio.importFiles('tone-stereo-44k.wav');
  await studio.waitForTracks(1);
  await studio.flushAutosave();
  const second = new Studio(await context.newPage());
  await second.open();
  await expect(second.page.getByTestId('open-elsewhere')).toHaveAttribute('data-where', 'already');
  expect((await second.summary()).tracks).toHaveLength(0);

  await Promise.all([reloaded(second.page), second.page.getByTestId('take-over').click()]);
  await second.waitForTracks(1);
  await expect(second.page.getByTestId('open-elsewhere')).toHaveCount(0);
  // The first tab is told, and what is done there is no longer saved over the second's.
  await expect(page.getByTestId('open-elsewhere')).toHaveAttribute('data-where', 'taken');
  await page.evaluate(() => (window as any).omniStudio.runAction('newTrack'));
  await studio.flushAutosave();
  await second.page.reload();
  await expect(second.page.locator('html[data-ready=true]')).toBeAttached();
  await expect(second.page.getByTestId('open-elsewhere')).toHaveCount(0);
  await second.waitForTracks(1);
});

test('a project not open is saved to an .omni file from the list, named for it, which is added back to the list and opens whole', async ({
  studio,
  page,
}) => {
  const { tone, rows } = await toneProject(studio);
  await rows.first().getByTestId('project-name').fill('Tone session');
  await rows.first().getByTestId('project-name').press('Enter');
  await Promise.all([reloaded(page), page.getByTestId('project-new').click()]);
  await studio.action('projects').click();
  const saving = page.waitForEvent('download');
  await rows.nth(1).getByTestId('project-save').click();
  const download = await saving;
  expect(download.suggestedFilename()).toBe('Tone session.omni');
  const file = test.info().outputPath('Tone session.omni');
  await download.saveAs(file);
  // The file kept among the projects as one more (the open one left as it is), then opened.
  await page.getByTestId('project-add-file').setInputFiles(file);
  await expect(page.getByTestId('notice-info').last()).toContainText('Added "Tone session" to the projects');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByTestId('project-name')).toHaveValue('Tone session'); // the latest saved
  expect((await studio.summary()).tracks).toHaveLength(0);
  await Promise.all([reloaded(page), rows.nth(1).getByTestId('project-open').click()]);
  await studio.waitForTracks(1);
  expectSameAudio(await studio.exportFile({ format: 'float32' }), tone);
});
