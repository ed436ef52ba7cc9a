/** What the effects and buses specs share: signals made in the studio, sox's band levels, playback captured and
 * fitted to an export, points dragged onto a lane. */
import type { Page } from '@playwright/test';
import { startCapture, stopCapture } from './capture';
import { expect } from './fixtures';
import { soxFloat, soxStat } from './sox';

/** A signal of `kind` on a new track from the Generate signal panel, its other fields (`colour`, `hz`, `db`,
 * `seconds`...) filled in as given. */
export async function signalTrack(page: Page, kind: string, fields: Record<string, string>) {
  await page.getByTestId('action-generateSignal').click();
  const panel = page.getByTestId('signal-panel');
  await panel.getByTestId('signal-kind').selectOption(kind);
  for (const [field, value] of Object.entries(fields)) {
    const input = panel.getByTestId(`signal-${field}`);
    if (field === 'colour') await input.selectOption(value);
    else await input.fill(value);
  }
  await panel.getByTestId('signal-run').click();
  await page.keyboard.press('Escape');
}

/** Three seconds of white noise (flat: as much over 500 Hz as under) at -20 dBFS on a new track. */
export const noiseTrack = (page: Page) => signalTrack(page, 'noise', { colour: 'white', db: '-20', seconds: '3' });

/** RMS of a band of the file (its left, where stereo), dBFS, as sox measures it. */
export const bandDb = (path: string, band: string) =>
  20 * Math.log10(soxStat(path, undefined, `remix 1 sinc ${band}`)['RMS     amplitude']);

/** How far `heard` is from `reference` scaled to fit it best, dB under `heard`, block by block (2048 samples, each
 * at its best whole-sample lag within `search` of `lag`: a loaded machine may drop a render quantum while capturing),
 * the median over `blocks` blocks from `start`; and the median scale. */
export function fit(heard: number[], reference: Float32Array, { lag, search, start, blocks }: Record<string, number>) {
  const size = 2048;
  const fits = Array.from({ length: blocks }, (_, b) => {
    const at = start + b * size;
    let best = { db: Infinity, scale: 0 };
    for (let l = lag - search; l <= lag + search; l++) {
      let [cross, power, energy] = [0, 0, 0];
      for (let i = 0; i < size; i++) {
        cross += heard[at + i] * reference[at - l + i];
        power += reference[at - l + i] ** 2;
        energy += heard[at + i] ** 2;
      }
      const scale = cross / power;
      const db = 10 * Math.log10(Math.max(1e-30, 1 - (cross * scale) / energy));
      if (db < best.db) best = { db, scale };
    }
    return best;
  });
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return { db: median(fits.map((f) => f.db)), scale: median(fits.map((f) => f.scale)) };
}

/** Plays the project from timeline sample `from` (its start unless given) and captures what the player sends out (the
 * master's left); gives a fit of it to a file: the median residual and scale over eight blocks from just after the
 * sound begins. */
export async function playedAgainst(page: Page, from = 0) {
  const transport = (name: string) => page.getByTestId(`action-${name}`).click();
  await transport('playPause'); // the player's context, for the capture to tap
  await transport('stop');
  await startCapture(page, ['mix']);
  await page.evaluate((at) => (window as any).omniStudio.services.store.getState().set({ playhead: at }), from);
  await transport('playPause');
  await page.waitForTimeout(1500);
  const {
    channels: [heard],
  } = await stopCapture(page);
  await transport('stop');
  // About where the sound begins (a low-pass rises from rest, so a little after): the fit searches round where the
  // file's own sound begins from there (a reverb heard alone begins after its pre-delay).
  const onset = heard.findIndex((v) => Math.abs(v) > 1e-4);
  expect(onset).toBeGreaterThanOrEqual(0);
  return (file: string) => {
    const reference = soxFloat(file, ['remix', '1']); // a stereo file's left
    const begins = reference.findIndex((v, i) => i >= from && Math.abs(v) > 1e-4);
    return fit(heard, reference, { lag: onset - Math.max(from, begins), search: 300, start: onset + 4096, blocks: 8 });
  };
}

/** Adds points to a lane by pressing on it and dragging: each at a share of the way along the first clip, dragged
 * to a height (from the lane's top, as a share of its height: under 0 is over the top, over 1 under the bottom). */
export async function dragPoints(page: Page, laneTestId: string, points: [number, number][]) {
  const clip = (await page.getByTestId('clip').first().boundingBox())!;
  const lane = (await page.getByTestId(laneTestId).boundingBox())!;
  for (const [share, height] of points) {
    await page.mouse.move(clip.x + clip.width * share, lane.y + lane.height / 2);
    await page.mouse.down();
    await page.mouse.move(clip.x + clip.width * share, lane.y + lane.height * height, { steps: 4 });
    await page.mouse.up();
  }
  await expect(page.getByTestId(`${laneTestId}-point`)).toHaveCount(points.length);
}
