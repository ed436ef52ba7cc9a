import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { asset, expect, readBytes, test } from './fixtures';
import { levelChangeDb, soxFloat, soxInfo, soxStat } from './sox';

const RATE = 44100;
const tracks = (page: Page) =>
  page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks as any[]);
const project = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).omniStudio.services.store.getState();
    return { tracks: s.project.tracks, selection: s.selection, clipIds: s.selectedClipIds as string[] };
  });

/** Drags along the first track's clip body from `from` to `to` of its width (a range drawn on the lane). */
async function drawRange(page: Page, from: number, to: number) {
  const clip = (await page.getByTestId('clip').first().boundingBox())!;
  const y = clip.y + clip.height * 0.7;
  await page.mouse.move(clip.x + clip.width * from, y);
  await page.mouse.down();
  await page.keyboard.down('Alt'); // off the beat grid
  await page.mouse.move(clip.x + clip.width * to, y, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
}

test.describe('track groups', () => {
  test('grouped tracks move together: a fader, mute, a range drawn on one of them, a dragged clip; suspended, alone (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'tone-stereo-44k.wav'); // 2 s at -6 dBFS each, both at 0 s
    await studio.waitForTracks(2);
    await page.keyboard.press('Alt+G'); // nothing selected: every track
    await expect(page.getByTestId('track-group')).toHaveText(['G1', 'G1']);
    expect((await studio.summary()).undo.at(-1)).toBe('Group tracks (Group 1)');

    // The first fader to -6 dB takes the second down as far: the two tones sum to the tone itself (sox).
    await page.getByTestId('track-gain').first().fill('-6');
    expect((await project(page)).tracks.map((t: { gainDb: number }) => t.gainDb)).toEqual([-6, -6]);
    const out = await studio.exportFile({ format: 'float32' });
    expect(levelChangeDb(out, asset('tone-stereo-44k.wav'), 0.2, 1.5)).toBeCloseTo(0, 1);

    // Mute on the second mutes both, and again unmutes both.
    const mutes = page.getByTestId('track-mute');
    await mutes.nth(1).click();
    await expect(mutes.nth(0)).toHaveAttribute('aria-pressed', 'true');
    await mutes.nth(1).click();
    await expect(mutes.nth(0)).toHaveAttribute('aria-pressed', 'false');

    // A range drawn on the first track is drawn on both; Delete takes it out of both.
    await page.keyboard.press('f');
    await drawRange(page, 0.25, 0.5);
    const { tracks, selection } = await project(page);
    expect(selection.trackIds).toEqual(tracks.map((t: { id: string }) => t.id));
    const cut = (selection.end - selection.start) / RATE;
    expect(cut).toBeGreaterThan(0.3);
    await page.keyboard.press('Delete');
    const lengths = (await studio.summary()).tracks.map((t) => t.length);
    expect(lengths[0]).toBe(lengths[1]);
    expect(lengths[0] / RATE).toBeCloseTo(2 - cut, 2);

    // A clip's name bar dragged moves the other track's clip playing with it, by as much.
    const handle = (await page.getByTestId('clip-handle').nth(0).boundingBox())!;
    await page.mouse.move(handle.x + 20, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.keyboard.down('Alt');
    await page.mouse.move(handle.x + 120, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    expect((await studio.summary()).undo.at(-1)).toBe('Move 2 clips'); // the first piece of each track
    const starts = (await project(page)).tracks.map((t: { clips: { start: number }[] }) => t.clips[0].start);
    expect(starts[0]).toBeGreaterThan(0);
    expect(starts[1]).toBe(starts[0]);

    // Suspended (its tag clicked), the group leaves each track alone.
    await page.getByTestId('track-group').first().click();
    await expect(page.getByTestId('track-group').first()).toHaveAttribute('aria-pressed', 'false');
    await page.getByTestId('track-gain').first().fill('0');
    expect((await project(page)).tracks.map((t: { gainDb: number }) => t.gainDb)).toEqual([0, -6]);
    await drawRange(page, 0.5, 0.75);
    expect((await project(page)).selection.trackIds).toHaveLength(1);
    // Ungrouped (Alt+Shift+G), the tags go.
    await page.keyboard.press('Alt+Shift+G');
    await expect(page.getByTestId('track-group')).toHaveCount(0);
  });
});

test.describe('stems by group', () => {
  test("a group's tracks export as one stem named for it (renamed Drums), the other tracks one each (sox reads the two tones summed)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(3);
    await page.keyboard.press('ArrowDown'); // the first track...
    await page.keyboard.press('Shift+ArrowDown'); // ...and the second
    await page.keyboard.press('Alt+G');
    // Named "Drums" (Shift+click on its tag): the tag and the stem take the name.
    await page
      .getByTestId('track-group')
      .first()
      .click({ modifiers: ['Shift'] });
    await page.getByTestId('group-rename').fill('Drums');
    await page.getByTestId('group-rename').press('Enter');
    await expect(page.getByTestId('track-group')).toHaveText(['Drum', 'Drum']);
    const zip = await studio.exportFile({ scope: 'groupStems', format: 'float32' });
    const stems = Object.entries(unzipSync(readBytes(zip))).map(([name, bytes]) => {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, bytes);
      return { name, path };
    });
    expect(stems.map((s) => s.name)).toEqual(['01-drums.wav', '02-speech-22k.wav']);
    expect(levelChangeDb(stems[0].path, asset('tone-stereo-44k.wav'), 0.1, 1.8)).toBeCloseTo(6.02, 1);
  });
});

test.describe('takes and the Tracks menu', () => {
  test("comping: a range swiped on a take replaces its track's audio there, crossfaded, and the track plays (sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of tones at -6 dBFS
    await studio.waitForTracks(1);
    await studio.select(0.5, 1.5);
    await studio.action('makeLoop').click(); // a take under it
    await studio.waitForTracks(2);
    await page.keyboard.press('f');
    // A range drawn on the take from 1.8 s to 2.6 s, past where the recording ends (the take repeats its 0.75 s
    // loop from 0.5 s).
    const source = (await page.getByTestId('clip').first().boundingBox())!;
    const take = (await page.locator('[data-track-id]').nth(1).boundingBox())!;
    const x = (seconds: number) => source.x + (source.width * seconds) / 2;
    const y = take.y + take.height * 0.7;
    await page.mouse.move(x(1.8), y);
    await page.mouse.down();
    await page.keyboard.down('Alt');
    await page.mouse.move(x(2.6), y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    const before = await studio.exportFile({ format: 'float32' });
    await page.keyboard.press('Alt+C');
    expect((await studio.summary()).undo.at(-1)).toBe('Comp take B');
    expect((await tracks(page)).map((t) => t.mute)).toEqual([false, true]); // the track plays, the take is kept
    await expect(page.getByTestId('comp-range')).toHaveCount(1); // the part used, marked on the take
    const after = await studio.exportFile({ format: 'float32' });
    // Before the swipe the mix is the recording, untouched; where it had ended, the take's tones now play.
    expect(levelChangeDb(after, asset('tone-stereo-44k.wav'), 0.1, 1.6)).toBeCloseTo(0, 2);
    // (Over the loop's own seam at 2.0-2.25 s too: the tone crossfaded with itself holds its level.)
    const peak = (file: string) => soxStat(file, { start: 2.05, seconds: 0.45 })['Maximum amplitude'];
    expect(peak(before)).toBe(0);
    expect(20 * Math.log10(peak(after))).toBeCloseTo(-6, 0);
    expect(soxStat(after, { start: 2.7, seconds: 0.3 })['Maximum amplitude']).toBe(0); // after it, as before
    await page.keyboard.press('Control+z');
    expect((await tracks(page)).map((t) => t.mute)).toEqual([false, true]);
    expect((await studio.summary()).tracks[0].length).toBe(2 * 44100);
  });

  test('Tracks menu: end to end puts the second recording after the first (sox reads both in turn), sort by name; Up and Down select tracks', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav'); // both at 0 s
    await studio.waitForTracks(2);
    const speech = soxInfo(asset('speech-22k.wav')).seconds;
    await page.getByTestId('tracks-menu').click();
    await studio.action('alignEndToEnd').click();
    await expect(studio.action('alignEndToEnd')).toBeHidden(); // the menu closes
    expect((await studio.summary()).undo.at(-1)).toBe('Align end to end');
    const starts = (await tracks(page)).map((t) => t.clips[0].start / 44100);
    expect(starts).toEqual([0, 2]);
    const out = await studio.exportFile({ format: 'float32' });
    expect(soxInfo(out).seconds).toBeCloseTo(2 + speech, 2);
    expect(levelChangeDb(out, asset('tone-stereo-44k.wav'), 0.1, 1.8)).toBeCloseTo(0, 2); // the tone alone first
    await page.getByTestId('tracks-menu').click();
    await studio.action('sortByName').click();
    expect((await tracks(page)).map((t) => t.name)).toEqual(['speech-22k', 'tone-stereo-44k']);
    // The keyboard walks the tracks, as Audacity's Up and Down: one selected, then Shift adds the one above.
    const selected = () =>
      page.evaluate(() => (window as any).omniStudio.services.store.getState().selection?.trackIds as string[]);
    const ids = (await tracks(page)).map((t) => t.id);
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toEqual([ids[0]]);
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toEqual([ids[1]]);
    await page.keyboard.press('Shift+ArrowUp');
    expect(await selected()).toEqual(ids);
  });

  test("on a laptop's screen (1280 and 1024 px wide) every command is on it, and the Tracks menu opens on it", async ({
    studio,
    page,
  }) => {
    const offScreen = (selector: string) =>
      page.evaluate(
        (sel) =>
          [...document.querySelectorAll<HTMLElement>(sel)]
            .filter((e) => e.checkVisibility())
            .filter((e) => e.getBoundingClientRect().left < 0 || e.getBoundingClientRect().right > window.innerWidth)
            .map((e) => e.textContent),
        selector,
      );
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 720 });
      expect(await offScreen('.menubar button, .menubar summary, .menubar select')).toEqual([]);
      await page.getByTestId('tracks-menu').click();
      await expect(studio.action('sortByName')).toBeVisible();
      await expect.poll(() => offScreen('.tracks-menu button')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.mouse.click(width / 2, 700); // outside: the menu closes
      await expect(studio.action('sortByName')).toBeHidden();
    }
  });

  test('recording onto an armed track: each take lands under it, the newest playing, and a part of one is swiped back', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('tone-stereo-44k.wav'); // to record along with
    await studio.waitForTracks(1);
    await page.getByTestId('track-arm').click();
    await expect(page.getByTestId('track-arm')).toHaveAttribute('aria-pressed', 'true');
    const recordTake = async (count: number) => {
      await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(0));
      await studio.startRecording();
      await page.waitForTimeout(1200);
      await studio.action('record').click();
      await studio.waitForTracks(count);
    };
    await recordTake(2);
    expect((await studio.summary()).undo.at(-1)).toBe('Record Take B');
    await recordTake(3);
    const taken = await tracks(page);
    expect(taken.map((t) => [t.name, t.mute, t.takeOf === taken[0].id])).toEqual([
      ['tone-stereo-44k', true, false],
      ['Take B', true, true],
      ['Take C', false, true],
    ]);
    expect(taken[1].clips[0].start).toBeLessThanOrEqual(0.1 * 44100); // where it began (less the round trip)
    // A part of take B swiped onto the track (Swipe comping on): the track plays again, B's microphone tone there.
    await page.keyboard.press('Alt+Shift+C');
    await page.keyboard.press('f');
    const source = (await page.getByTestId('clip').first().boundingBox())!;
    const row = (await page.locator('[data-track-id]').nth(1).boundingBox())!;
    const x = (seconds: number) => source.x + (source.width * seconds) / 2;
    await page.mouse.move(x(0.4), row.y + row.height * 0.7);
    await page.mouse.down();
    await page.keyboard.down('Alt');
    await page.mouse.move(x(0.8), row.y + row.height * 0.7, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    expect((await studio.summary()).undo.at(-1)).toBe('Comp take B');
    expect((await tracks(page)).map((t) => t.mute)).toEqual([false, true, true]);
    // The takes folded away under the track (its take folder closed), still there, and shown again.
    await page.getByTestId('track-takes').click();
    await expect(page.getByTestId('track')).toHaveCount(1);
    await expect(page.getByTestId('track-takes')).toHaveText('▸2');
    expect(await tracks(page)).toHaveLength(3);
    await page.getByTestId('track-takes').click();
    await expect(page.getByTestId('track')).toHaveCount(3);
    // The comp done, the takes deleted from the Tracks menu: the track alone, playing.
    await page.getByTestId('tracks-menu').click();
    await studio.action('deleteTakes').click();
    expect((await studio.summary()).undo.at(-1)).toBe('Delete 2 takes');
    expect((await tracks(page)).map((t) => t.mute)).toEqual([false]);
  });

  test('mix snapshots: two balances kept in the Mixer and recalled, each heard in the export (sox), and reloaded', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Alt+M');
    const mixer = page.getByTestId('mixer-panel');
    await mixer.getByTestId('mix-save').click(); // Mix A: the fader at 0 dB
    await mixer.getByTestId('mixer-fader').fill('-12');
    await mixer.getByTestId('mixer-mute').click();
    await mixer.getByTestId('mix-save').click(); // Mix B: -12 dB and muted
    await expect(mixer.getByTestId('mix-recall')).toHaveText(['Mix A', 'Mix B']);
    await mixer.getByTestId('mix-recall').first().click();
    expect((await studio.summary()).undo.at(-1)).toBe('Recall Mix A');
    expect((await tracks(page))[0]).toMatchObject({ gainDb: 0, mute: false });
    const a = await studio.exportFile({ format: 'float32' });
    expect(levelChangeDb(a, asset('tone-stereo-44k.wav'), 0.1, 1.8)).toBeCloseTo(0, 2);
    await page.keyboard.press('Alt+M'); // the export had its own panel
    await mixer.getByTestId('mix-recall').nth(1).click();
    expect((await tracks(page))[0]).toMatchObject({ gainDb: -12, mute: true });
    await mixer.getByTestId('mixer-mute').click(); // heard again, at Mix B's level
    const b = await studio.exportFile({ format: 'float32' });
    expect(levelChangeDb(b, asset('tone-stereo-44k.wav'), 0.1, 1.8)).toBeCloseTo(-12, 1);
    // Kept with the project.
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.action('mixer').click();
    await expect(page.getByTestId('mix-recall')).toHaveText(['Mix A', 'Mix B']);
  });

  test('slip: Ctrl+Alt+drag on a clip moves its audio inside it, the clip staying put (sox reads the stretch shown)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav');
    await studio.waitForTracks(1);
    await studio.select(0, 1);
    await page.keyboard.press('Delete'); // the clip now shows the recording from 1 s, at 0 s
    await page.keyboard.press('f');
    const before = (await tracks(page))[0].clips[0];
    expect(before).toMatchObject({ start: 0, offset: 44100 });
    const bar = (await page.getByTestId('clip-handle').first().boundingBox())!;
    await page.keyboard.down('Control');
    await page.keyboard.down('Alt');
    await page.mouse.move(bar.x + 40, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + 100, bar.y + bar.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await page.keyboard.up('Control');
    expect((await studio.summary()).undo.at(-1)).toBe('Slip clip');
    const after = (await tracks(page))[0].clips[0];
    expect(after).toMatchObject({ start: 0, length: before.length });
    expect(after.offset).toBeLessThan(44100); // the audio later in the clip: it shows from earlier in the recording
    const out = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1', 'trim', '0', '1']);
    const source = soxFloat(asset('speech-pauses.wav'), ['remix', '1', 'trim', `${after.offset}s`, '1']);
    expect(Math.max(...out.map((v, i) => Math.abs(v - source[i])))).toBeLessThan(1e-4);
  });
});
