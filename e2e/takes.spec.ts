import type { Page } from '@playwright/test';
import { asset, expect, test } from './fixtures';
import { levelChangeDb, soxStat } from './sox';

const tracks = (page: Page) =>
  page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks as any[]);

test.describe('takes', () => {
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
    const after = await studio.exportFile({ format: 'float32' });
    // Before the swipe the mix is the recording, untouched; where it had ended, the take's tones now play.
    expect(levelChangeDb(after, asset('tone-stereo-44k.wav'), 0.1, 1.6)).toBeCloseTo(0, 2);
    // (2.3-2.5 s: past the loop's own seam at 2.0-2.25 s, where the take crossfades the tone with itself.)
    const peak = (file: string) => soxStat(file, { start: 2.3, seconds: 0.2 })['Maximum amplitude'];
    expect(peak(before)).toBe(0);
    expect(20 * Math.log10(peak(after))).toBeCloseTo(-6, 0);
    expect(soxStat(after, { start: 2.7, seconds: 0.3 })['Maximum amplitude']).toBe(0); // after it, as before
    await page.keyboard.press('Control+z');
    expect((await tracks(page)).map((t) => t.mute)).toEqual([false, true]);
    expect((await studio.summary()).tracks[0].length).toBe(2 * 44100);
  });
});
