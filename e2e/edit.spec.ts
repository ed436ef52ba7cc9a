import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startCapture, stopCapture } from './capture';
import { asset, expect, type Studio, test } from './fixtures';
import { sdr } from '../src/dsp/declip.fixture';
import { trackPitch } from '../src/dsp/pitch-track';
import { momentarySeries } from '../src/dsp/loudness';
import { RATE, starts, syllables } from '../src/dsp/align.fixture';
import { encodeWav } from '../src/dsp/wav';
import { crossingHz, ffmpegFloat, ffmpegR128, levelChangeDb, soxFloat, soxInfo, soxRaw16, soxStat } from './sox';

type Box = { x: number; y: number; width: number; height: number };

/** The Pitch editor open on all of the one track just imported, its `count` notes read; the panel and its notes. */
async function openPitchEditor(studio: Studio, page: Page, count: number) {
  await studio.waitForTracks(1);
  await page.keyboard.press('Control+a');
  await studio.action('pitchEditor').click();
  const panel = page.getByTestId('pitch-editor');
  await expect(panel.getByTestId('pitch-editor-what')).toContainText(`${count} notes`);
  return { panel, note: (i: number) => panel.getByTestId(`pitch-note-${i}`) };
}

/** Draws a ride on a gain line's overlay (`line`: its box; +12 dB at the top, silence at the bottom): a point at 0 dB a
 * quarter across `span`, and one three quarters across dragged down to -12 dB. */
async function drawRide(page: Page, span: Box, line: Box): Promise<void> {
  const yFor = (db: number) => line.y + ((12 - db) / 48) * (line.height - 3);
  await page.mouse.click(span.x + span.width * 0.25, yFor(0));
  await page.mouse.move(span.x + span.width * 0.75, yFor(0));
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(span.x + span.width * 0.75, yFor(-2 * i));
  await page.mouse.up();
}

/** A ride drawn by `drawRide` on the tone (its two points at `db`) heard in the mix export (sox) and in playback from
 * 1.6 s (the mix's meter reads the tone's -6 dBFS peaks turned down by the last point). */
async function expectRideHeard(studio: Studio, page: Page, db: number[]): Promise<void> {
  const out = await studio.exportFile({ format: 'float32' });
  const change = (start: number) => levelChangeDb(out, asset('tone-stereo-44k.wav'), start, 0.3);
  expect(change(0.1)).toBeCloseTo(db[0], 1);
  expect(change(1.65)).toBeCloseTo(db[1], 1);
  await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(1.6 * 44100));
  await studio.action('playPause').click();
  const held = async () => Number(await page.getByTestId('meter-0-db').textContent());
  await expect.poll(held).toBeLessThan(-12);
  expect(Math.abs((await held()) - (-6 + db[1]))).toBeLessThan(1);
}

/** How many pixels of a screenshot (PNG) are clearly red, as the clipping marks are (decoded by the page's own
 * browser). */
const redPixels = (page: Page, png: Buffer) =>
  page.evaluate(async (base64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > data[i + 1] + 60 && data[i] > data[i + 2] + 40) red++;
    return red;
  }, png.toString('base64'));

test.describe('editing a real recording', () => {
  test('import, delete a range, undo, redo, and export a WAV that sox reads back', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await expect(page.getByTestId('clip-waveform').first()).toHaveAttribute('data-drawn', 'true');
    await expect(page.getByTestId('project-rate')).toHaveText('44.1 kHz');

    await studio.select(0.5, 1.0);
    await expect(page.getByTestId('selection')).toBeVisible();
    await studio.action('delete').click();
    expect((await studio.summary()).length).toBe(1.5 * 44100);

    await page.keyboard.press('Control+z');
    expect((await studio.summary()).length).toBe(2 * 44100);
    await page.keyboard.press('Control+Shift+z');
    expect((await studio.summary()).length).toBe(1.5 * 44100);
    await page.keyboard.press('Control+z');
    expect((await studio.summary()).redo).toEqual(['Delete']);

    // The untouched project exports bit-identical to the source (16-bit in, 16-bit out).
    const same = await studio.exportFile({ format: 'pcm16' });
    expect(soxInfo(same)).toMatchObject({ rate: 44100, channels: 2, bits: 16, seconds: 2 });
    expect(soxRaw16(same).equals(soxRaw16(asset('tone-stereo-44k.wav')))).toBe(true);

    const resampled = await studio.exportFile({ format: 'pcm24', rate: '48000' });
    expect(soxInfo(resampled)).toMatchObject({ rate: 48000, channels: 2, bits: 24, seconds: 2 });
    const float = await studio.exportFile({ format: 'float32', rate: '0' });
    expect(soxInfo(float)).toMatchObject({ rate: 44100, channels: 2, bits: 32, encoding: 'Floating Point PCM' });
  });

  test('the History panel goes back to any step at once and forward again; a forgotten past cannot be undone', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-gainDb').fill('-6');
    await studio.effect('gain');
    await studio.effect('reverse');
    const edited = soxRaw16(await studio.exportFile({ format: 'pcm16' }));
    await page.keyboard.press('Control+Shift+h');
    const steps = page.getByTestId('history-steps').getByRole('button');
    await expect(steps).toHaveText(['Start', 'Import "tone-stereo-44k.wav"', 'Gain (-6 dB)', 'Reverse']);
    await expect(steps.nth(3)).toHaveAttribute('aria-current', 'step');
    await steps.nth(1).click(); // two steps back at once: the recording as imported
    await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Undid 2 steps: now at “Import "tone-stereo-44k.wav"”.',
    );
    await page.getByTestId('history-panel').getByRole('button', { name: 'Close' }).click();
    const imported = soxRaw16(await studio.exportFile({ format: 'pcm16' }));
    expect(imported.equals(soxRaw16(asset('tone-stereo-44k.wav')))).toBe(true);
    await studio.action('history').click();
    await steps.nth(3).click(); // and forward to the last
    await page.getByTestId('history-panel').getByRole('button', { name: 'Close' }).click();
    expect(soxRaw16(await studio.exportFile({ format: 'pcm16' })).equals(edited)).toBe(true);
    await studio.action('history').click();
    await page.getByTestId('history-forget').click();
    await expect(steps).toHaveText(['Start']);
    await expect(studio.action('undo')).toBeDisabled();
  });

  test('Level speech: a take 10 dB quieter than the other comes up to it; the pause is not pulled up (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // takes at 0-3.64 s and 5.64-9.28 s, room tone at -60 dBFS
    await studio.waitForTracks(1);
    await studio.select(5.64, 9.28);
    await page.getByTestId('param-gainDb').fill('-10');
    await studio.effect('gain');
    const before = await studio.exportFile({ format: 'float32' });
    await page.keyboard.press('Control+a');
    await studio.effect('levelSpeech');
    await expect(page.getByTestId('notice-info').last()).toContainText('Levelled speech to -20 LUFS');
    const after = await studio.exportFile({ format: 'float32' });
    const rms = (path: string, start: number, seconds: number) =>
      20 * Math.log10(soxStat(path, { start, seconds })['RMS     amplitude']);
    const spread = (path: string) => rms(path, 0.3, 3) - rms(path, 5.94, 3);
    expect(spread(before)).toBeGreaterThan(9);
    expect(Math.abs(spread(after))).toBeLessThan(2);
    // Each take comes to about the target; the room tone in the pause moves no more than the takes around it.
    const gains = [rms(after, 0.3, 3) - rms(before, 0.3, 3), rms(after, 5.94, 3) - rms(before, 5.94, 3)];
    const pause = rms(after, 4.4, 0.5) - rms(before, 4.4, 0.5);
    expect(pause).toBeLessThan(Math.max(...gains) + 1);
  });

  test('Play-at-speed: at 0.5x the tone sounds an octave down and the playhead moves at half pace', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 Hz left, 660 Hz right, 2 s
    await studio.waitForTracks(1);
    await page.getByTestId('playback-speed').fill('0.5');
    await expect(page.getByTestId('playback-speed-value')).toHaveText('0.50×');
    await studio.action('playPause').click();
    await page.waitForTimeout(600);
    const heard = await page.evaluate(async () => {
      const { services } = (window as any).omniStudio;
      const pace = async () => {
        const [p0, t0] = [services.store.getState().playhead, performance.now()];
        await new Promise((r) => setTimeout(r, 1000));
        return (services.store.getState().playhead - p0) / 44100 / ((performance.now() - t0) / 1000);
      };
      const tap: AnalyserNode = services.player.meterTaps()[0];
      const bins = new Float32Array(tap.frequencyBinCount);
      tap.getFloatFrequencyData(bins);
      const loudest = bins.indexOf(Math.max(...bins));
      return { hz: (loudest * 44100) / tap.fftSize, pace: await pace() };
    });
    expect(Math.abs(heard.hz - 220)).toBeLessThan(3); // left: 440 Hz played at half speed
    expect(heard.pace).toBeGreaterThan(0.4);
    expect(heard.pace).toBeLessThan(0.6);
    await studio.action('stop').click();
    expect((await studio.summary()).undo).toEqual(['Import "tone-stereo-44k.wav"']); // the project untouched
  });

  test('dragging along the ruler scrubs: the tone is heard under the pointer, nothing plays on after it, nothing changes', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const ruler = (await page.getByTestId('ruler').boundingBox())!;
    const drag = async (steps: number) => {
      await page.mouse.move(ruler.x + 10, ruler.y + 12);
      await page.mouse.down();
      for (let i = 1; i <= steps; i++) {
        await page.mouse.move(ruler.x + 10 + i * 6, ruler.y + 12);
        await page.waitForTimeout(40);
      }
      await page.mouse.up();
    };
    await drag(1); // the first grain opens the player's audio
    // What the master bus plays, gathered from now on.
    await startCapture(page, ['mix']);
    await drag(10);
    await page.waitForTimeout(500);
    const {
      rate,
      channels: [heard],
    } = await stopCapture(page);
    const loudest = Math.max(...heard.map(Math.abs));
    const silentTail = (heard.length - 1 - heard.findLastIndex((v) => Math.abs(v) > 1e-4)) / rate;
    expect(loudest).toBeGreaterThan(0.1); // the tone, heard while dragging
    expect(silentTail).toBeGreaterThan(0.3); // a grain at a time: nothing plays on after the drag
    const state = await page.evaluate(() => (window as any).omniStudio.services.store.getState());
    expect(state.playing).toBe(false);
    expect(state.playhead).toBeGreaterThan(0); // where the pointer was let go
    expect((await studio.summary()).undo).toEqual(['Import "tone-stereo-44k.wav"']);
  });

  test('the effect filter narrows the effect bar to the effects its words find, and clears back to all', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-in-hiss.wav');
    await studio.waitForTracks(1);
    await page.getByTestId('effect-filter').fill('noise');
    for (const name of ['reduceNoise', 'reduceNoiseAdaptive', 'noiseProfile', 'gate'])
      await expect(studio.action(name)).toBeVisible();
    for (const name of ['reverb', 'gain', 'changePitch']) await expect(studio.action(name)).toBeHidden();
    await expect(page.getByTestId('param-noiseReductionDb')).toBeVisible(); // an effect's settings come with it
    await page.keyboard.press('Control+a'); // the filter box has the keys: its text is selected, not the project
    await page.getByTestId('effect-filter').fill('');
    await expect(studio.action('reverb')).toBeVisible();
  });

  test('in a 1280x720 window the timeline shows two tracks; the effect bar shows one shelf, closes, and the layout outlives a reload', async ({
    studio,
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await studio.importFiles('tone-stereo-44k.wav', 'speech-pauses.wav');
    await studio.waitForTracks(2);
    const timeline = page.locator('.timeline');
    const timelineHeight = async () => (await timeline.boundingBox())!.height;
    const trackHeight = (await page.getByTestId('track-header').first().boundingBox())!.height;
    expect(await timelineHeight()).toBeGreaterThan(2 * trackHeight);

    // A shelf shows its effects alone; words typed in Find an effect search every shelf.
    await page.getByTestId('effect-shelf-dynamics').click();
    await expect(page.getByTestId('effect-shelf-dynamics')).toHaveAttribute('aria-pressed', 'true');
    for (const name of ['compress', 'limit', 'gate', 'levelSpeech']) await expect(studio.action(name)).toBeVisible();
    for (const name of ['gain', 'reverb', 'reduceNoise']) await expect(studio.action(name)).toBeHidden();
    await page.getByTestId('effect-filter').fill('reverb');
    await expect(studio.action('reverb')).toBeVisible();
    await expect(studio.action('compress')).toBeHidden();
    await expect(page.getByTestId('effect-shelf-dynamics')).toHaveAttribute('aria-pressed', 'false');
    await page.getByTestId('effect-filter').fill('');

    // The spectrogram opens under the timeline (closed in a new browser); closed again with the effect bar, the
    // timeline has their height, and nothing is computed for a closed spectrogram.
    await expect(page.getByTestId('spectrogram-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('spectrogram')).toHaveCount(0);
    await studio.openSpectrogram();
    await expect(page.getByTestId('spectrogram')).toHaveAttribute('data-state', 'ready');
    const open = await timelineHeight();
    await page.getByTestId('effects-toggle').click();
    await expect(page.getByTestId('effect-rack')).toBeHidden();
    await page.getByTestId('spectrogram-toggle').click();
    await expect(page.getByTestId('spectrogram')).toHaveCount(0);
    expect((await timelineHeight()) - open).toBeGreaterThan(200);

    // The layout is the browser's: a reload opens it as it was left.
    await studio.openSpectrogram();
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(page.getByTestId('effect-rack')).toBeHidden();
    await expect(page.getByTestId('spectrogram')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('effect-shelf-restore').click(); // a shelf chosen opens the bar on it
    await expect(studio.action('declick')).toBeVisible();
    await expect(studio.action('compress')).toBeHidden();
  });

  test('a shortcut set in the shortcuts panel runs its command, takes the key from the command that had it, outlives a reload and resets', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await studio.select(0.2, 0.8);
    const panel = page.getByTestId('help-panel');
    const keysOf = (name: string) => panel.getByTestId(`shortcut-row-${name}`).locator('kbd');
    const undo = async () => (await studio.summary()).undo;

    await studio.action('help').click();
    await panel.getByTestId('shortcut-set-reverse').click();
    await expect(panel.getByTestId('shortcut-set-reverse')).toHaveText('Press keys…');
    await page.keyboard.press('Alt+q');
    await expect(page.getByTestId('notice-info').last()).toContainText('Alt+Q now runs Reverse');
    await expect(keysOf('reverse')).toHaveText(['Alt+Q']);
    expect(await undo()).toHaveLength(1); // setting the key ran nothing
    await panel.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(studio.action('reverse')).toHaveAttribute('title', /\(Alt\+Q\)/);
    await page.keyboard.press('Shift+R'); // the old key no longer reverses
    expect(await undo()).toHaveLength(1);
    await page.keyboard.press('Alt+q');
    await expect.poll(async () => (await undo()).at(-1)).toBe('Reverse');

    // Given to another command, the key leaves the first; Escape keeps a command's keys as they were.
    await page.keyboard.press('?');
    await panel.getByTestId('shortcut-set-fadeIn').click();
    await page.keyboard.press('Alt+q');
    await expect(page.getByTestId('notice-info').last()).toContainText('it no longer runs Reverse');
    await expect(keysOf('reverse')).toHaveCount(0);
    await panel.getByTestId('shortcut-set-undo').click();
    await page.keyboard.press('Escape');
    await expect(keysOf('undo')).toHaveText(['Ctrl+Z']);

    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.action('help').click();
    await expect(keysOf('fadeIn')).toHaveText(['Alt+Q']);
    await panel.getByTestId('shortcuts-reset').click();
    await expect(keysOf('reverse')).toHaveText(['Shift+R']);
    await expect(keysOf('fadeIn')).toHaveText(['Shift+I']);
  });

  test("a track dragged taller by its header's bottom edge draws its waveform taller; it shrinks to its name row and a double-click restores it", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-pauses.wav');
    await studio.waitForTracks(2);
    const track = page.getByTestId('track');
    const heightOf = async (locator: typeof track) => Math.round((await locator.boundingBox())!.height);
    const resizer = page.getByTestId('track-resizer').first();
    const dragBy = async (dy: number) => {
      const box = (await resizer.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + dy, { steps: 5 });
      await page.mouse.up();
    };
    expect(await heightOf(track.first())).toBe(110);
    const waveform = track.first().getByTestId('clip-waveform');
    const waveBefore = await heightOf(waveform);
    const secondTop = (await track.nth(1).boundingBox())!.y;

    await dragBy(100);
    expect(await heightOf(track.first())).toBe(210);
    expect((await heightOf(waveform)) - waveBefore).toBe(100);
    expect((await track.nth(1).boundingBox())!.y - secondTop).toBe(100); // the next track moves down with it
    await expect(resizer).toHaveAttribute('aria-valuenow', '210');

    await dragBy(-400); // no shorter than its name row
    expect(await heightOf(track.first())).toBe(40);
    await resizer.dblclick();
    expect(await heightOf(track.first())).toBe(110);
    await resizer.focus();
    await page.keyboard.press('ArrowDown'); // a slider: its arrows, not the playhead's
    await page.keyboard.press('ArrowDown');
    expect(await heightOf(track.first())).toBe(130);
    expect((await studio.summary()).undo).toHaveLength(2); // a view, not an edit: nothing to undo

    // Kept with the project, as a DAW keeps its track heights: a reload opens the tracks as tall as they were left.
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(2);
    expect(await heightOf(track.first())).toBe(130);
    expect(await heightOf(track.nth(1))).toBe(110);
  });

  test('the timeline follows playback, turning the page as the playhead leaves it; with Follow off the view stays', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // 9.3 s
    await studio.waitForTracks(1);
    const view = () =>
      page.evaluate(() => {
        const s = (window as any).omniStudio.services.store.getState();
        return { scroll: s.view.scrollLeft, playheadPx: (s.playhead / 44100) * s.view.pxPerSec };
      });
    const lanesPx = 1400 - 236; // the window less the track headers: 2.4 s at 500 px a second
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().updateView({ pxPerSec: 500 }));
    await studio.action('playPause').click();
    await expect.poll(async () => (await view()).scroll, { timeout: 15_000 }).toBeGreaterThan(0);
    const turned = await view();
    expect(turned.playheadPx).toBeGreaterThanOrEqual(turned.scroll);
    expect(turned.playheadPx).toBeLessThan(turned.scroll + lanesPx);
    expect(Math.abs((await page.getByTestId('timeline').evaluate((el) => el.scrollLeft)) - turned.scroll)).toBeLessThan(
      2,
    );
    await studio.action('stop').click();

    await studio.action('followPlayback').click();
    await expect(studio.action('followPlayback')).toHaveAttribute('aria-pressed', 'false');
    await page.evaluate(() => {
      const s = (window as any).omniStudio.services.store.getState();
      s.updateView({ scrollLeft: 0 });
      s.seek(0);
    });
    await studio.action('playPause').click();
    await expect.poll(async () => (await view()).playheadPx, { timeout: 15_000 }).toBeGreaterThan(lanesPx + 100);
    expect((await view()).scroll).toBe(0);
    await studio.action('stop').click();
  });

  test("a double-click on a clip's name bar renames it, one undo step; Escape keeps the name", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const handle = page.getByTestId('clip-handle').first();
    await handle.dblclick();
    await page.getByTestId('clip-rename').fill('Intro');
    await page.keyboard.press('Escape');
    await expect(handle).toHaveText('tone-stereo-44k');
    await handle.dblclick();
    await page.getByTestId('clip-rename').fill('Intro');
    await page.keyboard.press('Enter');
    await expect(handle).toHaveText('Intro');
    expect((await studio.summary()).undo.at(-1)).toBe('Rename clip "tone-stereo-44k" to "Intro"');
  });

  test('Ctrl+click selects clips on two tracks; dragging one moves both by the same time; Delete takes both, one undo step each', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-pauses.wav');
    await studio.waitForTracks(2);
    const handles = page.getByTestId('clip-handle');
    await handles.nth(0).click();
    await handles.nth(1).click({ modifiers: ['Control'] });
    await expect(page.locator('[data-testid=clip].selected')).toHaveCount(2);
    const ends = async () => (await studio.summary()).tracks.map((t) => t.length);
    const before = await ends();
    // Dragged 150 px later by the first clip's name bar, with snapping off (Alt): both move the same.
    const box = (await handles.nth(0).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.keyboard.down('Alt');
    await page.mouse.move(box.x + 100, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + 170, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    const after = await ends();
    const moved = after.map((end, i) => end - before[i]);
    expect(moved[0]).toBeGreaterThan(0);
    expect(moved[1]).toBe(moved[0]);
    expect((await studio.summary()).undo.at(-1)).toBe('Move 2 clips');
    // Ctrl+click again takes one out of the selection; Delete takes what stays selected.
    await handles.nth(1).click({ modifiers: ['Control'] });
    await expect(page.locator('[data-testid=clip].selected')).toHaveCount(1);
    await handles.nth(1).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    expect((await studio.summary()).tracks.map((t) => t.clips)).toEqual([0, 0]);
    expect((await studio.summary()).undo.at(-1)).toBe('Delete 2 clips');
    await page.keyboard.press('Control+z');
    expect((await studio.summary()).tracks.map((t) => t.clips)).toEqual([1, 1]);
  });

  test('Waveform (dB) draws a quiet tone to most of the track’s height, linear a tenth of it; the audio untouched', async ({
    studio,
    page,
  }) => {
    await studio.action('generateSignal').click();
    const panel = page.getByTestId('signal-panel');
    await panel.getByTestId('signal-db').fill('-20'); // a tenth of full scale
    await panel.getByTestId('signal-seconds').fill('2');
    await panel.getByTestId('signal-run').click();
    await studio.waitForTracks(1);
    await page.keyboard.press('Escape');
    /** How much of the waveform's height is drawn on (its canvases' painted rows over all rows). */
    const drawnShare = () =>
      page
        .getByTestId('clip-waveform')
        .first()
        .evaluate((el) => {
          const roots = [el, ...[...el.querySelectorAll('*')].map((e) => e.shadowRoot).filter((r) => r !== null)];
          const canvas = roots
            .flatMap((r) => [...r.querySelectorAll('canvas')])
            .find((c) => c.width > 0 && c.height > 0)!;
          const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
          let rows = 0;
          for (let y = 0; y < height; y++) {
            let painted = false;
            for (let x = 0; x < width && !painted; x++) painted = data[(y * width + x) * 4 + 3] > 0;
            if (painted) rows++;
          }
          return rows / height;
        });
    await expect(page.getByTestId('clip-waveform').first()).toHaveAttribute('data-drawn', 'true');
    const linear = await drawnShare();
    expect(linear).toBeLessThan(0.15);
    await page.getByTestId('track-db-waveform').click();
    await expect(page.getByTestId('track-db-waveform')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(drawnShare).toBeGreaterThan(0.6); // -20 dB on a 60 dB scale: two thirds of each half
    expect((await studio.summary()).undo).toEqual(['Generate Tone 440 Hz']);
  });

  test('a selected clip: Ctrl+D puts copies right after it, again and again; Ctrl+X and Ctrl+V move it (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    await page.getByTestId('clip-handle').first().click();
    await page.keyboard.press('Control+d');
    await page.keyboard.press('Control+d');
    const s = await studio.summary();
    expect(s.tracks).toHaveLength(1);
    expect(s.tracks[0].clips).toBe(3);
    expect(s.length).toBe(6 * 44100);
    expect(s.undo.slice(-2)).toEqual(['Duplicate clip', 'Duplicate clip']);
    const mix = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' }));
    const twoSeconds = 2 * 44100 * 4; // 16-bit stereo
    expect(mix.subarray(twoSeconds, 2 * twoSeconds).equals(mix.subarray(0, twoSeconds))).toBe(true);
    expect(mix.subarray(2 * twoSeconds).equals(mix.subarray(0, twoSeconds))).toBe(true);

    // Back to the one clip: cut, then pasted at 1 s, the very samples there.
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.getByTestId('clip-handle').first().click();
    await page.keyboard.press('Control+x');
    expect((await studio.summary()).tracks[0].clips).toBe(0);
    expect((await studio.summary()).undo.at(-1)).toBe('Cut clip');
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(44100));
    await page.keyboard.press('Control+v');
    expect((await studio.summary()).length).toBe(3 * 44100);
    const pasted = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' }));
    expect(pasted.subarray(44100 * 4).equals(soxRaw16(asset('tone-stereo-44k.wav')))).toBe(true);
  });

  test('Fit tracks (Ctrl+Shift+F) makes the tracks fill the timeline’s height without scrolling', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-pauses.wav');
    await studio.waitForTracks(2);
    const timeline = page.getByTestId('timeline');
    const rows = page.getByTestId('track');
    const before = (await rows.first().boundingBox())!.height;
    await page.keyboard.press('Control+Shift+f');
    const after = (await rows.first().boundingBox())!.height;
    expect(after).toBeGreaterThan(before);
    expect((await rows.nth(1).boundingBox())!.height).toBe(after);
    const fit = await timeline.evaluate((el) => ({ scroll: el.scrollHeight - el.clientHeight, room: el.clientHeight }));
    expect(fit.scroll).toBeLessThanOrEqual(0); // no vertical scrolling
    const lastBottom = (await rows.nth(1).boundingBox())!;
    const box = (await timeline.boundingBox())!;
    // The rows end within two pixels (one per track, rounding down) of the timeline's visible foot.
    expect(box.y + fit.room - (lastBottom.y + lastBottom.height)).toBeLessThanOrEqual(2);
  });

  test('Duplicate puts the selection on a new track under it, in place; tracks move up and down', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await studio.select(0.5, 1);
    await page.keyboard.press('Control+d');
    await studio.waitForTracks(2);
    const names = async () => (await studio.summary()).tracks.map((t) => t.name);
    expect(await names()).toEqual(['tone-stereo-44k', 'tone-stereo-44k copy']);
    // The new track is the selection: exported alone, it is silence up to 0.5 s, then the very samples there.
    const copy = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' }));
    const source = soxRaw16(asset('tone-stereo-44k.wav'));
    const frame = 4; // 16-bit stereo
    expect(copy.length).toBe(44100 * frame);
    expect(copy.subarray(0, 22050 * frame).every((b) => b === 0)).toBe(true);
    expect(copy.subarray(22050 * frame).equals(source.subarray(22050 * frame, 44100 * frame))).toBe(true);

    await page.getByTestId('track-header').nth(1).getByTestId('track-up').click();
    expect(await names()).toEqual(['tone-stereo-44k copy', 'tone-stereo-44k']);
    await page.getByTestId('track-header').nth(1).getByTestId('track-down').click(); // the last stays last
    expect((await studio.summary()).undo.at(-1)).toBe('Move track up');
    await page.keyboard.press('Control+z');
    expect(await names()).toEqual(['tone-stereo-44k', 'tone-stereo-44k copy']);
  });

  test('split delete leaves a gap with what follows in place; join makes the pieces one clip that sounds the same (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    const frame = 4; // 16-bit stereo
    const source = soxRaw16(asset('tone-stereo-44k.wav'));
    await studio.select(0.5, 1);
    await page.keyboard.press('Control+Alt+k');
    expect((await studio.summary()).tracks[0].clips).toBe(2);
    const gapped = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' }));
    expect(gapped.length).toBe(source.length); // nothing moved up
    expect(gapped.subarray(0, 22050 * frame).equals(source.subarray(0, 22050 * frame))).toBe(true);
    expect(gapped.subarray(22050 * frame, 44100 * frame).every((b) => b === 0)).toBe(true);
    expect(gapped.subarray(44100 * frame).equals(source.subarray(44100 * frame))).toBe(true);

    await studio.select(0, 2);
    await page.keyboard.press('Control+j');
    expect((await studio.summary()).tracks[0].clips).toBe(1);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Split delete', 'Join clips']);
    const joined = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' }));
    expect(joined.equals(gapped)).toBe(true);

    // Split new: the last half second moves onto a new track under it, in place; the track keeps the rest.
    await studio.select(1.5, 2);
    await page.keyboard.press('Control+Alt+i');
    await studio.waitForTracks(2);
    const s = await studio.summary();
    expect(s.undo.at(-1)).toBe('Split new');
    expect(s.tracks.map((t) => t.length)).toEqual([66150, 88200]);
    const moved = soxRaw16(await studio.exportFile({ scope: 'track', format: 'pcm16' })); // the new track, selected
    expect(moved.subarray(66150 * frame).equals(source.subarray(66150 * frame))).toBe(true);
    expect(moved.subarray(0, 66150 * frame).every((b) => b === 0)).toBe(true);
  });

  test('cut and paste move audio; trim keeps the selection; silence inserts a gap; split makes two clips', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-22k.wav');
    await studio.waitForTracks(1);
    const rate = (await studio.summary()).sampleRate;
    const total = (await studio.summary()).length;
    const original = await studio.mixSamples(0.2, 0.3);

    await studio.select(0.2, 0.3);
    await page.keyboard.press('Control+x');
    expect((await studio.summary()).length).toBe(total - 0.1 * rate);
    await studio.select(0, 0);
    await page.keyboard.press('Control+v');
    expect((await studio.summary()).length).toBe(total);
    expect(await studio.mixSamples(0, 0.1)).toEqual(original);

    await studio.select(1, 1.5);
    await studio.action('insertSilence').click();
    expect((await studio.summary()).length).toBe(total + 0.5 * rate);
    expect((await studio.mixSamples(1, 1.5)).every((v) => v === 0)).toBe(true);

    await studio.select(0.5, 1.25);
    await studio.action('trim').click();
    expect((await studio.summary()).tracks[0].clips).toBeGreaterThan(0);
    expect(await studio.mixSamples(0, 0.5)).toEqual(new Array(0.5 * rate).fill(0));

    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    const clipsBefore = (await studio.summary()).tracks[0].clips;
    const aroundSplit = await studio.mixSamples(0.6, 0.8);
    await studio.select(0.7, 0.7);
    await page.keyboard.press('Control+i');
    expect((await studio.summary()).tracks[0].clips).toBe(clipsBefore + 1);
    expect(await studio.mixSamples(0.6, 0.8)).toEqual(aroundSplit); // a split is inaudible
  });

  test('fades, gain, peak normalise and reverse change exactly the selection', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const before = await studio.mixSamples(0, 2);

    await studio.select(0, 1);
    await page.getByTestId('param-fadeCurve').selectOption('linear');
    await studio.effect('fadeIn');
    const faded = await studio.mixSamples(0, 2);
    expect(faded[0]).toBe(0);
    expect(Math.abs(faded[22050])).toBeLessThan(Math.abs(before[22050]) * 0.51 + 1e-6);
    expect(faded.slice(44100)).toEqual(before.slice(44100));

    await studio.select(0, 2);
    await studio.effect('normalizePeak'); // default -1 dBFS
    const out = await studio.exportFile({ format: 'float32' });
    expect(soxStat(out)['Maximum amplitude']).toBeCloseTo(10 ** (-1 / 20), 3);

    await page.getByTestId('param-gainDb').fill('-6');
    await studio.effect('gain');
    const quieter = await studio.exportFile({ format: 'float32' });
    expect(soxStat(quieter)['Maximum amplitude']).toBeCloseTo(10 ** (-7 / 20), 3);

    const forward = await studio.mixSamples(0, 2);
    await studio.effect('reverse');
    const backward = await studio.mixSamples(0, 2);
    expect(backward[0]).toBe(forward[forward.length - 1]);
    expect((await studio.summary()).undo).toEqual([
      'Import "tone-stereo-44k.wav"',
      'Fade in (linear)',
      'Normalize peak (-1 dBFS)',
      'Gain (-6 dB)',
      'Reverse',
    ]);
  });

  test('change pitch keeps the length, change tempo keeps the pitch and shortens the selection', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s: 440 Hz on the left, 660 Hz on the right
    await studio.waitForTracks(1);
    await studio.select(0, 2);
    await page.getByTestId('param-pitchSemitones').fill('12');
    await studio.effect('changePitch');
    expect((await studio.summary()).length).toBe(2 * 44100);
    const up = await studio.mixSamples(0.5, 1.5);
    expect(toneLevel(up, 880)).toBeGreaterThan(30 * toneLevel(up, 440));

    await page.getByTestId('param-tempoPercent').fill('100');
    await studio.effect('changeTempo');
    expect((await studio.summary()).length).toBe(44100);
    await expect(page.getByTestId('selection-end')).toHaveValue(/^1(\.0+)?$/);
    const faster = await studio.mixSamples(0.25, 0.75);
    expect(toneLevel(faster, 880)).toBeGreaterThan(30 * toneLevel(faster, 440));

    const out = await studio.exportFile({ format: 'float32' });
    expect(soxInfo(out)).toMatchObject({ seconds: 1, channels: 2, rate: 44100 });
    expect((await studio.summary()).undo.slice(1)).toEqual(['Change pitch (+12 semitones)', 'Change tempo (+100 %)']);

    // Match the project needs a tempo set, or another track whose tempo or key Analyze heard: it says so, changing nothing.
    await studio.action('matchProject').click();
    await expect(page.getByTestId('notice-info').last()).toHaveText(
      /set a tempo in the transport, or Analyze another music track/,
    );
    expect((await studio.summary()).undo).toHaveLength(3);
  });

  test('change pitch with the formants kept moves real voices up and keeps their timbre; shift formants does the reverse (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-voices.wav'); // Hedgewars' team voices
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-pitchSemitones').fill('4');
    await page.getByTestId('param-pitchFormants').selectOption('keep');
    await studio.effect('changePitch');
    expect((await studio.summary()).undo.at(-1)).toBe('Change pitch (+4 semitones, formants kept)');
    const out = await studio.exportFile({ format: 'float32' });
    const original = asset('real-voices.wav');
    const pitch = (path: string) => {
      const hz = [...trackPitch(soxFloat(path, ['remix', '1']), 44100).hz].filter((v) => v > 0);
      return hz.sort((a, b) => a - b)[Math.floor(hz.length / 2)];
    };
    expect(1200 * Math.log2(pitch(out) / pitch(original))).toBeCloseTo(400, -2); // within 50 cents
    /** The share of the level over 2 kHz, dB: a vowel's formants moved up would brighten it by decibels. */
    const brightness = (path: string) =>
      20 * Math.log10(soxStat(path, undefined, 'sinc 2000')['RMS     amplitude'] / soxStat(path)['RMS     amplitude']);
    expect(Math.abs(brightness(out) - brightness(original))).toBeLessThan(1.5);
    expect(soxInfo(out).seconds).toBeCloseTo(soxInfo(original).seconds, 3);

    // Shift formants alone, on the original: the pitch stays, the voice gets brighter (its resonances higher).
    await page.keyboard.press('Control+z');
    await page.getByTestId('param-formantSemitones').fill('6');
    await studio.effect('shiftFormants');
    expect((await studio.summary()).undo.at(-1)).toBe('Shift formants (+6 semitones)');
    const shifted = await studio.exportFile({ format: 'float32' });
    expect(Math.abs(1200 * Math.log2(pitch(shifted) / pitch(original)))).toBeLessThan(20);
    console.log(`Shift formants +6: brighter by ${(brightness(shifted) - brightness(original)).toFixed(1)} dB`);
    expect(brightness(shifted) - brightness(original)).toBeGreaterThan(2);
  });

  test('reduce noise: a profile from the hiss alone takes the hiss down and keeps the tone', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('hiss-then-tone.wav'); // 1 s of hiss at -40 dB, then the hiss under a 1 kHz tone
    await studio.waitForTracks(1);
    await expect(studio.action('reduceNoise')).toBeDisabled(); // no profile yet
    await studio.select(0, 0.9);
    await studio.action('noiseProfile').click();
    await expect(page.getByText('Noise profile taken from 0.90 s')).toBeVisible();
    const before = await studio.exportFile({ format: 'float32' });
    await studio.select(0, 2);
    await studio.effect('reduceNoise'); // 12 dB by default
    const after = await studio.exportFile({ format: 'float32' });
    const hiss = [before, after].map((f) => soxStat(f, { start: 0.1, seconds: 0.8 })['RMS     amplitude']);
    expect(20 * Math.log10(hiss[0] / hiss[1])).toBeGreaterThan(10);
    const tone = [before, after].map((f) => soxStat(f, { start: 1.2, seconds: 0.7 })['RMS     amplitude']);
    expect(Math.abs(20 * Math.log10(tone[0] / tone[1]))).toBeLessThan(0.5);
    expect((await studio.summary()).undo.at(-1)).toBe('Reduce noise (12 dB)');
  });

  test('reduce noise, adaptive: the hiss floor learned from the selection itself comes down, the tone stays', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-in-hiss.wav'); // hiss at -40 dBFS for 3 s, a 1 kHz tone at -20 dBFS from 1 to 2 s
    await studio.waitForTracks(1);
    const before = await studio.exportFile({ format: 'float32' });
    await page.keyboard.press('Control+a');
    await studio.effect('reduceNoiseAdaptive'); // no profile taken
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Took the noise floor learned from the selection',
    );
    const after = await studio.exportFile({ format: 'float32' });
    const rms = (f: string, start: number, seconds: number) => soxStat(f, { start, seconds })['RMS     amplitude'];
    for (const start of [0.1, 2.2])
      expect(20 * Math.log10(rms(before, start, 0.7) / rms(after, start, 0.7))).toBeGreaterThan(10);
    expect(Math.abs(20 * Math.log10(rms(before, 1.2, 0.6) / rms(after, 1.2, 0.6)))).toBeLessThan(0.5);
    expect((await studio.summary()).undo.at(-1)).toBe('Reduce noise, adaptive (12 dB)');
  });

  test('attenuate to surroundings: a marked tone comes down to the hiss around it, the hiss stays', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-in-hiss.wav'); // 3 s of hiss at -40 dB, a 1 kHz tone at -20 dB from 1 to 2 s
    await studio.waitForTracks(1);
    const before = await studio.exportFile({ format: 'float32' });
    await studio.select(1, 2);
    await studio.effect('attenuateToSurroundings');
    const after = await studio.exportFile({ format: 'float32' });
    const marked = [before, after].map((f) => soxStat(f, { start: 1.1, seconds: 0.8 })['RMS     amplitude']);
    expect(20 * Math.log10(marked[0] / marked[1])).toBeGreaterThan(15);
    const around = [before, after].map((f) => soxStat(f, { start: 0.1, seconds: 0.8 })['RMS     amplitude']);
    expect(around[1]).toBe(around[0]);
    // What is left in the mark sits near the hiss's level (3 dB under it by default), not in a hole under it.
    expect(Math.abs(20 * Math.log10(marked[1] / around[0]))).toBeLessThan(4);
    expect((await studio.summary()).undo.at(-1)).toBe('Attenuate to surroundings (-3 dB)');
    // With nothing around the selection to hear the bed in, it says so and changes nothing.
    await studio.select(0, 3);
    await studio.action('attenuateToSurroundings').click();
    await expect(page.getByTestId('notice-error').last()).toHaveText(/either side of the selection/);
    expect((await studio.summary()).undo.at(-1)).toBe('Attenuate to surroundings (-3 dB)');
  });

  test('a box drawn on the spectrogram: attenuate and gain take the tone inside its band and leave the other', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('two-tones-in-hiss.wav'); // hiss, and 1 kHz and 5 kHz tones from 1 to 2 s
    await studio.waitForTracks(1);
    await studio.openSpectrogram();
    const before = await studio.exportFile({ format: 'float32' });
    await expect(page.getByTestId('spectrogram')).toHaveAttribute('data-state', 'ready');
    // The picture's axes: the 3 s clip across its width, 30 Hz to 22.05 kHz on a log scale down its 160 rows.
    const area = page.getByTestId('spectrogram-area');
    const box = (await area.boundingBox())!;
    const row = (hz: number) => 159 - (159 * Math.log(hz / 30)) / Math.log(22050 / 30);
    const at = (seconds: number, hz: number) => [box.x + (box.width * seconds) / 3, box.y + row(hz)] as const;
    await page.mouse.move(...at(1, 8000));
    await page.mouse.down();
    await page.mouse.move(...at(1.5, 5000));
    await page.mouse.move(...at(2, 3000));
    await page.mouse.up();
    await expect(page.getByTestId('spectrogram-box')).toBeVisible();
    // The band drawn, within the pixel a mouse position rounds to (a 1/17 octave on this axis).
    const note = await page.getByTestId('spectrogram-band').textContent();
    const [low, high] = /([\d.]+) kHz–([\d.]+) kHz/.exec(note ?? '')!.slice(1);
    expect(Math.abs(Math.log2(Number(low) / 3))).toBeLessThan(0.1);
    expect(Math.abs(Math.log2(Number(high) / 8))).toBeLessThan(0.1);
    await studio.effect('attenuateToSurroundings');
    const after = await studio.exportFile({ format: 'float32' });
    const rms = (f: string, band: string) =>
      soxStat(f, { start: 1.1, seconds: 0.8 }, `sinc ${band}`)['RMS     amplitude'];
    const dB = (band: string) => 20 * Math.log10(rms(before, band) / rms(after, band));
    expect(dB('4000-6000')).toBeGreaterThan(15);
    expect(Math.abs(dB('700-1400'))).toBeLessThan(0.5);
    expect((await studio.summary()).undo.at(-1)).toBe(`Attenuate to surroundings (-3 dB, ${low} kHz–${high} kHz)`);
    // Gain in the same box: the high tone 12 dB down, the low one as it was.
    await page.keyboard.press('Control+z');
    await page.getByTestId('param-gainDb').fill('-12');
    await studio.effect('gain');
    const gained = await studio.exportFile({ format: 'float32' });
    const gainDb = (band: string) => 20 * Math.log10(rms(before, band) / rms(gained, band));
    expect(gainDb('4000-6000')).toBeGreaterThan(11);
    expect(gainDb('4000-6000')).toBeLessThan(13);
    expect(Math.abs(gainDb('700-1400'))).toBeLessThan(0.5);
    expect((await studio.summary()).undo.at(-1)).toBe(`Gain (-12 dB, ${low} kHz–${high} kHz)`);
    // A time selection made another way has no band: the band's note goes away.
    await studio.select(1, 2);
    await expect(page.getByTestId('spectrogram-band')).toHaveCount(0);
    // The band typed instead of drawn, then cleared; a band upside down is refused with a message.
    await page.getByTestId('band-lowHz').fill('3000');
    await page.getByTestId('band-lowHz').press('Enter');
    await page.getByTestId('band-highHz').fill('8000');
    await page.getByTestId('band-highHz').press('Enter');
    await expect(page.getByTestId('spectrogram-band')).toContainText('3.0 kHz–8.0 kHz');
    await page.getByTestId('band-lowHz').fill('9000');
    await page.getByTestId('band-lowHz').press('Enter');
    await expect(page.getByTestId('notice-error').last()).toHaveText(/lower to a higher frequency/);
    await expect(page.getByTestId('spectrogram-band')).toContainText('3.0 kHz–8.0 kHz');
    await expect(page.getByTestId('band-lowHz')).toHaveValue('3000');
    await page.getByTestId('band-clear').click(); // the notices keep to the right, clear of the panel's fields
    await expect(page.getByTestId('spectrogram-band')).toHaveCount(0);
  });

  test('find similar: a marked whistle finds its two copies and no knock; attenuate similar takes all three down', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('whistles-in-hiss.wav'); // whistles at 1, 3.5 (-6 dB) and 6 s (+3 dB); knocks at 2.2 and 5 s
    await studio.waitForTracks(1);
    await studio.openSpectrogram();
    const before = await studio.exportFile({ format: 'float32' });
    await studio.select(1, 1.3);
    await studio.action('findSimilar').click();
    const labels = page.getByTestId('sound-label');
    await expect(labels).toHaveCount(3);
    await expect(labels).toHaveText(['marked', 'like 1.0 s', 'like 1.0 s']);
    const starts = await labels.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-start')) / 44100));
    [1, 3.5, 6].forEach((at, i) => expect(Math.abs(starts[i] - at)).toBeLessThan(0.05));
    await expect(page.getByTestId('notice-info').last()).toContainText('Found 2 sounds like the one at 1.0 s-1.3 s');
    expect((await studio.summary()).undo.at(-1)).toBe('Find similar: 2 like 1.0 s-1.3 s');

    // A box drawn on the spectrogram around the first whistle: the search, the labels and the attenuation keep to
    // its band.
    await expect(page.getByTestId('spectrogram')).toHaveAttribute('data-state', 'ready');
    const area = (await page.getByTestId('spectrogram-area').boundingBox())!;
    const row = (hz: number) => 159 - (159 * Math.log(hz / 30)) / Math.log(22050 / 30);
    const at = (seconds: number, hz: number) => [area.x + (area.width * seconds) / 8, area.y + row(hz)] as const;
    await page.mouse.move(...at(1, 2800));
    await page.mouse.down();
    await page.mouse.move(...at(1.3, 900));
    await page.mouse.up();
    await expect(page.getByTestId('spectrogram-box')).toBeVisible();
    await studio.action('findSimilar').click();
    await expect(page.getByTestId('notice-info').last()).toContainText('Found 2 sounds like the one at 1.0 s-1.3 s');
    await expect(labels).toHaveCount(3);
    await expect(labels.first()).toHaveAttribute('title', /similarity 100 %, [\d.]+ Hz–[\d.]+ kHz$/);

    await studio.effect('attenuateSimilar');
    expect((await studio.summary()).undo.at(-1)).toMatch(
      /^Attenuate to surroundings \(-3 dB, [\d.]+ Hz–[\d.]+ kHz\): 3 similar sounds$/,
    );
    const after = await studio.exportFile({ format: 'float32' });
    const rms = (f: string, start: number, seconds: number) => soxStat(f, { start, seconds })['RMS     amplitude'];
    for (const at of [1, 3.5, 6])
      expect(20 * Math.log10(rms(before, at + 0.02, 0.26) / rms(after, at + 0.02, 0.26))).toBeGreaterThan(10);
    for (const at of [2.2, 5]) expect(rms(after, at, 0.15)).toBe(rms(before, at, 0.15));

    // A mark over the hiss alone holds no sound to look for: it says so and nothing changes.
    const steps = (await studio.summary()).undo.length;
    await studio.select(7, 7.8);
    await studio.action('findSimilar').click();
    await expect(page.getByTestId('notice-error').last()).toContainText('holds nothing that rises');
    expect((await studio.summary()).undo.length).toBe(steps);
  });

  test('show clipping: a clipped recording is marked in red where it reaches full scale, a clean one not; switched off, kept', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-clipped.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    const marks = (track: number) => page.getByTestId('track').nth(track).getByTestId('clip-clipping');
    await expect(marks(0)).toBeVisible();
    expect(Number(await marks(0).getAttribute('data-runs'))).toBeGreaterThan(3);
    await expect(marks(1)).toHaveCount(0); // its peaks at 0.69: nowhere near full scale
    // Seen, not only there: the clip as drawn has red in it (the marks over the waveform), none once switched off.
    const clip = page.getByTestId('track').first().getByTestId('clip-waveform');
    expect(await redPixels(page, await clip.screenshot())).toBeGreaterThan(1000); // under the waveform: a dozen
    await studio.action('showClipping').click();
    await expect(page.getByTestId('clip-clipping')).toHaveCount(0);
    expect(await redPixels(page, await clip.screenshot())).toBe(0);
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(2);
    await expect(studio.action('showClipping')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('clip-clipping')).toHaveCount(0);
    await studio.action('showClipping').click();
    await expect(marks(0)).toBeVisible();
  });

  test('de-clip: speech driven 8 dB past full scale comes back close to the uncut take', async ({ studio, page }) => {
    await studio.importFiles('speech-clipped.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('declip');
    expect((await studio.summary()).undo.at(-1)).toBe('De-clip');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /^De-clipped \d+ clipped stretches \(\d+ samples, [\d.]+ ms\)\. The restored peaks reach \+[\d.]+ dBFS/,
    );
    // Read back by ffmpeg (float, past full scale) against the take before it was driven and cut (sox, 16-bit).
    const truth = ffmpegFloat(asset('speech-truth.wav')).map((v) => v * 10 ** (8 / 20));
    const cut = ffmpegFloat(asset('speech-clipped.wav'));
    const restored = ffmpegFloat(await studio.exportFile({ format: 'float32' }));
    expect(restored.length).toBe(truth.length);
    expect(sdr(restored, truth) - sdr(cut, truth)).toBeGreaterThan(10);
    expect(restored.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(1.2);
    // A 16-bit file cannot hold them: the export says so.
    await studio.exportFile({ format: 'pcm16' });
    await expect(
      page.getByTestId('notice-info').filter({ hasText: 'samples were cut flat in the 16-bit file' }),
    ).toHaveCount(1);
  });

  test('de-clip on a recording that was never cut says so and changes nothing', async ({ studio, page }) => {
    await studio.importFiles('real-scene.wav'); // peaks at -4 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.action('declip').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'No clipping found in the selection: nothing was changed.',
    );
    expect((await studio.summary()).undo).toEqual(['Import "real-scene.wav"']);
  });

  test('de-hum: a 60 Hz buzz under speech is found and taken out, the speech kept', async ({ studio, page }) => {
    await studio.importFiles('speech-hum.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('dehum');
    expect((await studio.summary()).undo.at(-1)).toBe('De-hum (60.0 Hz)');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /^Took out 60\.0\d Hz mains hum: \d+ harmonics, up to [\d.]+ kHz\./,
    );
    // Read back by ffmpeg against the take before the buzz was mixed in (sox made both).
    const truth = ffmpegFloat(asset('speech-quiet.wav'));
    const hummed = ffmpegFloat(asset('speech-hum.wav'));
    const exported = await studio.exportFile({ format: 'float32' });
    const cleaned = ffmpegFloat(exported);
    expect(cleaned.length).toBe(truth.length);
    expect(sdr(cleaned, truth) - sdr(hummed, truth)).toBeGreaterThan(10);
    // sox, about the buzz's fundamental: the buzz doubled the level there; De-hum brings it back to the voice's own.
    const at60 = (path: string) => soxStat(path, undefined, 'sinc 50-70')['RMS     amplitude'];
    const over = (path: string) => 20 * Math.log10(at60(path) / at60(asset('speech-quiet.wav')));
    expect(over(asset('speech-hum.wav'))).toBeGreaterThan(5);
    expect(Math.abs(over(exported))).toBeLessThan(0.5);
  });

  test('de-hum on a recording without hum says so and changes nothing, unless told the mains', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-quiet.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.action('dehum').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'No steady mains hum (50 or 60 Hz and its harmonics) found in the selection: nothing was changed.',
    );
    expect((await studio.summary()).undo).toEqual(['Import "speech-quiet.wav"']);
    await page.getByTestId('param-humMains').selectOption('50');
    await studio.effect('dehum');
    expect((await studio.summary()).undo.at(-1)).toMatch(/^De-hum \((49\.9|50\.0|50\.1) Hz\)$/);
    await expect(page.getByTestId('notice-info').last()).toContainText('Hz mains hum (as chosen)');
  });

  test('limit: a tone held under a ceiling is turned down, not cut flat', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 and 660 Hz, peaks at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-limitCeilingDb').fill('-12');
    await studio.effect('limit');
    expect((await studio.summary()).undo.at(-1)).toBe('Limit (-12 dBFS)');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /^Limited to -12 dBFS: the loudest peak came down 6\.0 dB\./,
    );
    // sox on the exported file: the peak at the ceiling, and the RMS a sine's (peak / sqrt 2), where a tone cut flat
    // at the ceiling would be 30 % louder.
    const stat = soxStat(await studio.exportFile({ format: 'float32' }), { start: 0.5, seconds: 1 });
    const ceiling = 10 ** (-12 / 20);
    expect(stat['Maximum amplitude']).toBeLessThanOrEqual(ceiling + 1e-6);
    expect(stat['Maximum amplitude']).toBeGreaterThan(0.99 * ceiling);
    expect(stat['RMS     amplitude'] / (ceiling * Math.SQRT1_2)).toBeCloseTo(1, 1);
  });

  test('limit of true peaks: a tone whose crests fall between samples is held under -3 dBTP (sox at 4x)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('quarter-rate.wav'); // samples at -3.9 dBFS, the waveform between them at -0.9 dBTP
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-limitCeilingDb').fill('-3');
    await studio.action('limit').click(); // as samples it is under the ceiling already
    await expect(page.getByTestId('notice-info').last()).toContainText('Nothing in the selection goes over -3 dBFS');
    await page.getByTestId('param-limitPeaks').selectOption('true');
    await studio.effect('limit');
    expect((await studio.summary()).undo.at(-1)).toBe('Limit (-3 dBTP)');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /^Limited to -3 dBTP: the loudest peak came down 2\.\d dB/,
    );
    const out = await studio.exportFile({ format: 'float32' });
    // The whole file: a part cut out of it would ring at its cut edges in the resampler.
    const oversampled = (path: string) => soxStat(path, undefined, 'rate -v 176400')['Maximum amplitude'];
    expect(oversampled(asset('quarter-rate.wav'))).toBeGreaterThan(10 ** (-1 / 20));
    expect(20 * Math.log10(oversampled(out))).toBeLessThan(-3 + 0.05);
    expect(20 * Math.log10(oversampled(out))).toBeGreaterThan(-3 - 0.3);
  });

  test('compress: a tone 11 dB over the threshold comes down by the ratio, still a clean tone', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 and 660 Hz, peaks at -6 dBFS: -9 dBFS RMS
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('compress');
    expect((await studio.summary()).undo.at(-1)).toBe('Compress (-20 dBFS, 3:1)');
    await expect(page.getByTestId('notice-info').last()).toContainText(/^Compressed over -20 dBFS at 3:1: turned down/);
    // sox on the exported file: 11 dB over at 3:1 comes down by about 7.3 dB (a little more: the louder channel at each
    // moment sets the level), and the tone keeps a sine's peak-to-RMS ratio (no pumping within it).
    const part = { start: 0.5, seconds: 1 };
    const before = soxStat(asset('tone-stereo-44k.wav'), part);
    const after = soxStat(await studio.exportFile({ format: 'float32' }), part);
    const down = 20 * Math.log10(before['RMS     amplitude'] / after['RMS     amplitude']);
    expect(down).toBeGreaterThan(7);
    expect(down).toBeLessThan(9);
    expect(after['Maximum amplitude'] / after['RMS     amplitude']).toBeCloseTo(Math.SQRT2, 1);
  });

  test('de-click: clicks over speech are drawn again from the voice around them', async ({ studio, page }) => {
    await studio.importFiles('speech-clicks.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('declick');
    expect((await studio.summary()).undo.at(-1)).toBe('De-click (sensitivity 5)');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /^De-clicked \d+ clicks \([\d.]+ ms drawn again\)\./,
    );
    // Read back by ffmpeg against the take before the clicks were mixed in (12 pulses at 0.3 of full scale).
    const truth = ffmpegFloat(asset('speech-quiet.wav'));
    const clicked = ffmpegFloat(asset('speech-clicks.wav'));
    const exported = await studio.exportFile({ format: 'float32' });
    const mended = ffmpegFloat(exported);
    expect(mended.length).toBe(truth.length);
    expect(sdr(mended, truth) - sdr(clicked, truth)).toBeGreaterThan(6);
    // sox, over 6 kHz (a click is broadband, the voice is not): the clicks doubled the level there; De-click brings it
    // back near the voice's own (two clicks of twelve, inside voiced sound, are left).
    const high = (path: string) => soxStat(path, undefined, 'sinc 6000-16000')['RMS     amplitude'];
    const over = (path: string) => 20 * Math.log10(high(path) / high(asset('speech-quiet.wav')));
    expect(over(asset('speech-clicks.wav'))).toBeGreaterThan(5);
    expect(over(exported)).toBeLessThan(3);
  });

  test('de-click on a recording without clicks says so and changes nothing', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.action('declick').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'No clicks found in the selection at sensitivity 5: nothing was changed.',
    );
    expect((await studio.summary()).undo).toEqual(['Import "tone-stereo-44k.wav"']);
  });

  test('a high-pass filter takes tones two octaves under its cut-off away; a low-pass over them keeps them', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await studio.select(0, 2);
    await page.getByTestId('param-lowpassHz').fill('5000');
    await studio.effect('lowpass');
    const kept = soxStat(await studio.exportFile({ format: 'float32' }), { start: 0.5, seconds: 1 });
    await page.getByTestId('param-highpassHz').fill('2000');
    await studio.effect('highpass');
    const cut = soxStat(await studio.exportFile({ format: 'float32' }), { start: 0.5, seconds: 1 });
    expect(kept['RMS     amplitude']).toBeCloseTo(0.5 * Math.SQRT1_2, 2);
    expect(20 * Math.log10(kept['RMS     amplitude'] / cut['RMS     amplitude'])).toBeGreaterThan(40);
    expect((await studio.summary()).undo.slice(1)).toEqual(['Low-pass (5000 Hz)', 'High-pass (2000 Hz)']);
  });

  test('the equalizer draws its curve and, applied to a real recording, matches sox to within -80 dB', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-scene.wav'); // Wesnoth birds and a Hedgewars explosion, 44.1 kHz stereo
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+Shift+E');
    const panel = page.getByTestId('equalizer-panel');
    await expect(panel.getByTestId('eq-note')).toContainText('Flat');
    await expect(studio.action('equalize')).toBeDisabled();
    const flat = await panel.getByTestId('eq-curve').getAttribute('d');
    await panel.getByTestId('eq-gainDb-0').fill('-6');
    await panel.getByTestId('eq-gainDb-2').fill('12');
    await panel.getByTestId('eq-q-2').fill('2');
    await panel.getByTestId('eq-gainDb-4').fill('4');
    expect(await panel.getByTestId('eq-curve').getAttribute('d')).not.toBe(flat);
    await expect(panel.getByTestId('eq-note')).toContainText('Apply changes the selection');
    // Preview plays the first 6 s equalized and changes nothing; pressed again, it stops.
    await panel.getByTestId('eq-preview').click();
    await expect(panel.getByTestId('eq-preview')).toHaveText('Stop preview');
    await panel.getByTestId('eq-preview').click();
    await expect(panel.getByTestId('eq-preview')).toHaveText('Preview');
    expect((await studio.summary()).undo).toEqual(['Import "real-scene.wav"']);
    await studio.effect('equalize');
    expect((await studio.summary()).undo.at(-1)).toBe(
      'Equalizer (low shelf 100 Hz -6 dB, bell 1 kHz +12 dB, high shelf 8 kHz +4 dB)',
    );
    const ours = ffmpegFloat(await studio.exportFile({ format: 'float32' }));
    // The same three cookbook sections run by sox over the imported file: a null test.
    const theirs = soxFloat(asset('real-scene.wav'), [
      ...['bass', '-6', '100', '0.7071q'],
      ...['equalizer', '1000', '2q', '12'],
      ...['treble', '4', '8000', '0.7071q'],
    ]);
    expect(ours.length).toBe(theirs.length);
    const db = (x: Float32Array) => 10 * Math.log10(x.reduce((e, v) => e + v * v, 0));
    expect(db(theirs.map((v, i) => v - ours[i])) - db(theirs)).toBeLessThan(-80);
    const original = ffmpegFloat(asset('real-scene.wav'));
    expect(db(theirs.map((v, i) => v - original[i])) - db(theirs)).toBeGreaterThan(-10); // the EQ did change it
  });

  test('truncate silence shortens the pause between two takes and keeps every word (read back by sox)', async ({
    studio,
    page,
  }) => {
    const original = asset('speech-pauses.wav'); // two takes of speech 2 s apart over room tone at -60 dBFS
    await studio.importFiles('speech-pauses.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+Shift+S');
    const notice = page.getByTestId('notice-info').last();
    await expect(notice).toContainText(/Shortened \d+ pauses? to 0\.5 s: [\d.]+ s shorter\./);
    const shorter = Number(/([\d.]+) s shorter/.exec((await notice.textContent()) ?? '')?.[1]);
    expect(shorter).toBeGreaterThan(1.4);
    expect((await studio.summary()).undo.at(-1)).toMatch(/^Truncate silence \(\d+ pauses?, -[\d.]+ s\)$/);
    const exported = await studio.exportFile({ format: 'float32' });
    const lost = soxInfo(original).seconds - soxInfo(exported).seconds;
    expect(Math.abs(lost - shorter)).toBeLessThanOrEqual(0.0501); // the notice rounds to 0.1 s
    // The voice is all there: its energy (RMS squared times length) is kept to within 1 %.
    const energy = (path: string) => soxStat(path)['RMS     amplitude'] ** 2 * soxInfo(path).seconds;
    expect(energy(exported) / energy(original)).toBeGreaterThan(0.99);
    expect(energy(exported) / energy(original)).toBeLessThan(1.01);
  });

  test('Loudness measures the mix of a real recording as ffmpeg and sox do, then the selection', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-scene.wav');
    await studio.waitForTracks(1);
    await studio.action('statistics').click();
    const panel = page.getByTestId('statistics-panel');
    await expect(panel.getByTestId('statistics-what')).toHaveText('Measured: the whole mix, 8.0 s.');
    const value = async (key: string) =>
      Number.parseFloat((await panel.getByTestId(`stat-${key}`).textContent()) ?? '');
    const reference = ffmpegR128(asset('real-scene.wav'));
    expect(Math.abs((await value('integrated')) - reference.integrated)).toBeLessThanOrEqual(0.1);
    expect(Math.abs((await value('range')) - reference.range)).toBeLessThanOrEqual(0.2);
    expect(Math.abs((await value('truePeak')) - reference.truePeak)).toBeLessThanOrEqual(0.2);
    const stat = soxStat(asset('real-scene.wav'));
    const samplePeak = Math.max(stat['Maximum amplitude'], -stat['Minimum amplitude']);
    expect(await value('samplePeak')).toBeCloseTo(20 * Math.log10(samplePeak), 1);
    await expect(panel.getByTestId('statistics-delivery')).toContainText(
      'Spotify, YouTube, Tidal (-14 LUFS, -1 dBTP): 5.',
    );
    // Match brings the mix to -14 LUFS by one gain: measured again, and ffmpeg agrees on the exported mix.
    await panel.getByTestId('match-0').click();
    await expect(panel.getByTestId('stat-integrated')).toHaveText('-14.0 LUFS');
    expect((await studio.summary()).undo.at(-1)).toMatch(/^Match loudness to -14 LUFS \(\+5\.\d+ dB\)$/);
    const matched = await studio.exportFile({ format: 'float32' }); // the Export panel takes the Loudness panel's place
    expect(Math.abs(ffmpegR128(matched).integrated + 14)).toBeLessThanOrEqual(0.1);
    await studio.action('statistics').click();
    await studio.select(0, 2);
    await panel.getByTestId('statistics-measure').click();
    await expect(panel.getByTestId('statistics-what')).toHaveText('Measured: the selection, 2.0 s of one track.');
  });

  test('Contrast: speech against the room tone between takes, as sox measures them, judged by WCAG 2.0 1.4.7', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // two takes of speech with a pause between them
    await studio.waitForTracks(1);
    const rmsDb = (from: number, to: number) => {
      const x = soxFloat(asset('speech-pauses.wav'), ['trim', String(from), `=${to}`]); // both channels
      return 10 * Math.log10(x.reduce((sum, v) => sum + v * v, 0) / x.length);
    };
    const panel = page.getByTestId('statistics-panel');
    await studio.select(0.5, 2.5);
    await studio.action('statistics').click();
    await expect(panel.getByTestId('statistics-what')).toContainText('the selection, 2.0 s');
    await panel.getByTestId('contrast-take-foreground').click();
    await studio.select(3.6, 4.4);
    await panel.getByTestId('statistics-measure').click();
    await expect(panel.getByTestId('statistics-what')).toContainText('the selection, 0.8 s');
    await panel.getByTestId('contrast-take-background').click();
    const expected = rmsDb(0.5, 2.5) - rmsDb(3.6, 4.4);
    const verdict = (await panel.getByTestId('contrast-verdict').textContent())!;
    const apart = Number.parseFloat(verdict.match(/([\d.]+) dB apart/)![1]);
    expect(Math.abs(apart - expected)).toBeLessThanOrEqual(0.1);
    expect(verdict).toContain(expected >= 20 ? 'passes WCAG 2.0 1.4.7' : 'fails WCAG 2.0 1.4.7');
    console.log(`Contrast: ${verdict} (sox: ${expected.toFixed(2)} dB)`);
  });

  test('auto duck turns the music down 12 dB under the voice and back up in the pause (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav', 'chord.wav'); // two takes 2 s apart; a steady bed at -20 dBFS
    await studio.waitForTracks(2);
    // The bed's track alone, over the whole project.
    const lane = (await page.getByTestId('lane').nth(1).boundingBox())!;
    await page.mouse.move(lane.x + 20, lane.y + 40);
    await page.mouse.down();
    await page.mouse.move(lane.x + 80, lane.y + 40, { steps: 4 });
    await page.mouse.up();
    await studio.select(0, 9.27);
    await page.getByTestId('param-duckThresholdDb').fill('-50'); // this voice is quiet: -40 dBFS RMS
    await studio.effect('autoDuck');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Ducked “chord” by 12 dB under “speech-pauses” in 2 places/,
    );
    await page.getByTestId('track-mute').first().click(); // the bed alone in the export
    const ducked = await studio.exportFile({ format: 'float32' });
    const change = (start: number) => {
      const part = { start, seconds: 0.5 };
      const rms = (path: string) => soxStat(path, part)['RMS     amplitude'];
      return 20 * Math.log10(rms(ducked) / rms(asset('chord.wav')));
    };
    expect(change(1.2)).toBeCloseTo(-12, 0); // under the first take
    expect(change(7)).toBeCloseTo(-12, 0); // under the second
    expect(Math.abs(change(4.2))).toBeLessThan(0.1); // the middle of the pause: back up
  });

  test('swap, stereo to mono and invert null against sox doing the same', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 Hz left, 660 Hz right
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    const residualDb = (ours: Float32Array, theirs: Float32Array) => {
      const energy = (x: Float32Array) => x.reduce((e, v) => e + v * v, 0);
      return 10 * Math.log10(energy(theirs.map((v, i) => v - ours[i])) / energy(theirs));
    };
    const source = asset('tone-stereo-44k.wav');
    // Each step acts on the last one's result: sox's chains say the same.
    for (const [action, sox] of [
      ['swapChannels', ['remix', '2', '1']],
      ['invertPolarity', ['remix', '2', '1', 'vol', '-1']],
      ['stereoToMono', ['remix', '1v-0.5,2v-0.5', '1v-0.5,2v-0.5']], // of the swapped, inverted take
    ] as const) {
      await studio.effect(action);
      const exported = ffmpegFloat(await studio.exportFile({ format: 'float32' }));
      expect(residualDb(exported, soxFloat(source, [...sox]))).toBeLessThan(-80);
    }
    expect((await studio.summary()).undo.slice(1)).toEqual([
      'Swap left and right',
      'Invert polarity',
      'Stereo to mono',
    ]);
  });

  test('de-ess turns the sibilance of real speech down and keeps the voice under it (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-22k.wav'); // espeak-ng speech: its s and sh hiss between 5 and 10 kHz
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-deessThresholdDb').fill('-40');
    await studio.effect('deess');
    await expect(page.getByTestId('notice-info').last()).toContainText(/De-essed over 5000 Hz: \d+ % of the selection/);
    const out = await studio.exportFile({ format: 'float32' });
    const band = (path: string, sinc: string) => soxStat(path, undefined, `sinc ${sinc}`)['RMS     amplitude'];
    const change = (sinc: string) => 20 * Math.log10(band(out, sinc) / band(asset('speech-22k.wav'), sinc));
    expect(change('5000-10000')).toBeLessThan(-4); // 6.4 dB when written
    expect(Math.abs(change('100-1000'))).toBeLessThan(0.05);
  });

  test('match clip loudness brings a loud and a quiet take of speech to the LUFS set (read back by ffmpeg)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-truth.wav', 'speech-quiet.wav'); // the same speech, the second 17 dB down
    await studio.waitForTracks(2);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-lufs').fill('-28');
    await studio.effect('matchClipLoudness');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Matched 2 clips to -28 LUFS: "speech-truth" -\d+\.\d dB, "speech-quiet" \+\d+\.\d dB\./,
    );
    expect((await studio.summary()).undo.at(-1)).toBe('Match clip loudness (-28 LUFS)');
    const mutes = page.getByTestId('track-mute');
    const alone = async (muted: number) => {
      await mutes.nth(muted).click();
      const out = await studio.exportFile({ format: 'float32' });
      await mutes.nth(muted).click();
      return ffmpegR128(out).integrated;
    };
    expect(Math.abs((await alone(1)) + 28)).toBeLessThan(0.3); // the loud take alone
    expect(Math.abs((await alone(0)) + 28)).toBeLessThan(0.3); // the quiet take alone
  });

  test('de-breath turns the breath between two phrases down and leaves the phrases as they were (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('breath-voice.wav'); // a breath at 0.6-0.95 s between two phrases
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('debreath');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Turned 1 breath down by 12 dB \(0\.[34] s in all\)\./,
    );
    const out = await studio.exportFile({ format: 'float32' });
    const original = asset('breath-voice.wav');
    const rms = (path: string, start: number, seconds: number) =>
      20 * Math.log10(soxStat(path, { start, seconds })['RMS     amplitude']);
    expect(rms(original, 0.65, 0.25) - rms(out, 0.65, 0.25)).toBeCloseTo(12, 0);
    expect(Math.abs(rms(original, 0.1, 0.35) - rms(out, 0.1, 0.35))).toBeLessThan(0.01);
    expect(Math.abs(rms(original, 1.1, 0.4) - rms(out, 1.1, 0.4))).toBeLessThan(0.01);
  });

  test('correct pitch pulls an A sung 40 cents flat to 440 Hz and undo gives it back (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('flat-a.wav'); // sox's sine at 430 Hz
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    // Asked in words (no Analyze needed): the note and how it sits.
    await studio.action('ask').click();
    const ask = page.getByTestId('ask-panel');
    const asked = async (question: string) => {
      await ask.getByTestId('ask-question').fill(question);
      await ask.getByTestId('ask-run').click();
      return ask.getByTestId('ask-answer').first();
    };
    await expect(await asked('What note is it?')).toContainText(/A4 −(39|40)¢, for 3\.0 s\./);
    await expect(await asked('Is it in tune?')).toContainText(
      /Not quite: its note sits a median (39|40) cents .* mostly flat/,
    );
    await ask.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('param-correctKey').selectOption('C major');
    await page.getByTestId('param-retuneMs').fill('0');
    await studio.effect('correctPitch');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Corrected the pitch to C major: 100 % of the selection has a pitch, a median (39|40) cents off its notes before, [01] after\./,
    );
    await studio.action('ask').click();
    await expect(await asked('Is it in tune?')).toContainText(/In tune: its note sits a median [01] cents/);
    await ask.getByRole('button', { name: 'Close' }).click();
    const hertz = (path: string) => crossingHz(path, 0.5, 2);
    const cents = (hz: number) => 1200 * Math.log2(hz / 440);
    const tuned = await studio.exportFile({ format: 'float32' });
    expect(Math.abs(cents(hertz(tuned)))).toBeLessThan(2);
    expect(soxInfo(tuned)).toMatchObject({ channels: 2, seconds: 3 });
    await page.keyboard.press('Control+z');
    expect(cents(hertz(await studio.exportFile({ format: 'float32' })))).toBeCloseTo(1200 * Math.log2(430 / 440), 0);
  });

  test('correct pitch tunes real voices, chromatic where the project has no key', async ({ studio, page }) => {
    await studio.importFiles('real-voices.wav'); // Hedgewars' team voices: four real speakers
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-retuneMs').fill('0');
    await studio.effect('correctPitch');
    const said = (await page.getByTestId('notice-info').last().textContent()) ?? '';
    expect(said).toMatch(
      /^Corrected the pitch to chromatic \(Analyze found no key in the project\): \d+ % of the selection/,
    );
    const [before, after] = [...said.matchAll(/(\d+) cents off its notes before, (\d+) after/g)][0]
      .slice(1)
      .map(Number);
    expect(before).toBeGreaterThan(15); // speech glides between the notes: 24 when written
    expect(after).toBeLessThan(6); // 3 when written
  });

  test('the pitch editor cuts a note in two with a double-click and joins notes again; the second half moved alone (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('melody-sharp.wav'); // C4, E4 30 cents sharp, G4
    const { panel, note } = await openPitchEditor(studio, page, 3);
    const box = (await note(1).boundingBox())!;
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect(panel.locator('.pitch-note')).toHaveCount(4);
    for (const i of [1, 2]) await expect(note(i)).toHaveAttribute('aria-valuetext', 'E4 +30¢');
    // Joined again (both halves selected), then cut once more.
    await expect(panel.getByTestId('pitch-editor-join')).toBeDisabled(); // one note selected
    await note(1).click({ modifiers: ['Shift'] });
    await expect(panel.getByTestId('pitch-editor-join')).toBeEnabled();
    await panel.getByTestId('pitch-editor-join').click();
    await expect(panel.locator('.pitch-note')).toHaveCount(3);
    await expect(note(1)).toHaveAttribute('aria-valuetext', 'E4 +30¢');
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect(panel.locator('.pitch-note')).toHaveCount(4);
    await note(2).focus();
    await page.keyboard.press('ArrowUp'); // the second half onto F4
    await expect(note(2)).toHaveAttribute('aria-valuetext', 'F4');
    await expect(note(1)).toHaveAttribute('aria-valuetext', 'E4 +30¢');
    await panel.getByTestId('pitch-editor-apply').click();
    await expect(page.getByTestId('notice-info').last()).toHaveText(/Moved 1 note: E4 \+30¢ to F4\./);
    const out = await studio.exportFile({ format: 'float32' });
    const hertz = (from: number, seconds: number) => crossingHz(out, from, seconds);
    const cents = (hz: number, reference: number) => Math.abs(1200 * Math.log2(hz / reference));
    expect(cents(hertz(0.42, 0.14), 335.42)).toBeLessThan(2); // the first half as sung
    expect(cents(hertz(0.63, 0.14), 349.23)).toBeLessThan(3); // the second half on F4
  });

  test('the pitch editor moves a syllable 50 ms later by keys and another earlier by a sideways drag; Apply puts them there (sox)', async ({
    studio,
    page,
  }) => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const path = test.info().outputPath('syllables.wav');
    writeFileSync(path, Buffer.from(encodeWav([syllables(onsets)], RATE, 'float32')));
    await page.getByTestId('file-input').setInputFiles([path]);
    const { panel, note } = await openPitchEditor(studio, page, 6);
    await note(2).focus();
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
    await expect(note(2)).toHaveAttribute('data-later', String(5 * Math.round(0.01 * RATE)));
    await expect(note(2)).toHaveAttribute('aria-valuetext', /^D4/); // its pitch as sung
    // The fifth dragged sideways, left, by about 40 ms of the plot's width.
    const box = (await note(4).boundingBox())!;
    const plot = (await panel.locator('.pitch-plot').boundingBox())!;
    const px = (0.04 / (syllables(onsets).length / RATE)) * plot.width;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - px, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const earlier = -Number(await note(4).getAttribute('data-later')) / RATE;
    expect(earlier).toBeGreaterThan(0.03);
    expect(earlier).toBeLessThan(0.05);
    await panel.getByTestId('pitch-editor-apply').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Moved 2 notes: D4.* 50 ms later; E4.* ms earlier\./,
    );
    const out = await studio.exportFile({ format: 'float32' });
    const found = starts(soxFloat(out, ['remix', '1']));
    const expected = onsets.map((t, k) => t + (k === 2 ? 0.05 : k === 4 ? -earlier : 0));
    found.forEach((t, k) => expect(Math.abs(t - expected[k])).toBeLessThan(0.01));
  });

  test('the pitch editor shows the notes of a line, moves one by keys and by dragging, and Apply shifts it alone (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('melody-sharp.wav'); // C4, E4 30 cents sharp, G4
    const { panel, note } = await openPitchEditor(studio, page, 3);
    const notes = [0, 1, 2].map(note);
    await expect(notes[1]).toHaveAttribute('aria-valuetext', 'E4 +30¢');
    await notes[1].focus();
    await page.keyboard.press('ArrowUp'); // onto F4 exactly
    await page.keyboard.press('ArrowUp');
    await expect(notes[1]).toHaveAttribute('aria-valuetext', 'F#4');
    // A drag of the last note down by a semitone's height, then Reset.
    const box = (await notes[2].boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 1.5, { steps: 4 });
    await page.mouse.up();
    await expect(notes[2]).toHaveAttribute('aria-valuetext', 'F#4');
    await notes[2].focus();
    await page.keyboard.press('PageUp'); // an octave up
    await expect(notes[2]).toHaveAttribute('aria-valuetext', 'F#5');
    await page.keyboard.press('Home'); // back to as sung
    await expect(notes[2]).toHaveAttribute('aria-valuetext', 'G4');
    await page.keyboard.press('ArrowDown');
    // Two notes selected (Shift+click) move together.
    await notes[0].click();
    await notes[2].click({ modifiers: ['Shift'] });
    await page.keyboard.press('ArrowUp');
    await expect(notes[0]).toHaveAttribute('aria-valuetext', 'C#4');
    await expect(notes[2]).toHaveAttribute('aria-valuetext', 'G4'); // down a semitone a moment ago, up one now
    await expect(notes[1]).toHaveAttribute('aria-valuetext', 'F#4'); // not selected: where the keys put it before
    await panel.getByTestId('pitch-editor-reset').click();
    await expect(notes[2]).toHaveAttribute('aria-valuetext', 'G4');
    await notes[1].focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Preview plays the line with the move (the master's output, gathered): F#4 heard, the sharp E not; nothing changes.
    await panel.getByTestId('pitch-editor-preview').click();
    await expect(panel.getByTestId('pitch-editor-preview')).toHaveText('Stop preview');
    await startCapture(page, ['mix']);
    await page.waitForTimeout(1300);
    const { rate, channels } = await stopCapture(page);
    const heardHz = [...trackPitch(Float32Array.from(channels[0]), rate).hz].filter((v) => v > 0);
    const near = (hz: number) => heardHz.filter((v) => Math.abs(1200 * Math.log2(v / hz)) < 15).length;
    expect(near(369.99)).toBeGreaterThan(20); // F#4 for 0.1 s and more
    expect(near(335.42)).toBeLessThanOrEqual(2); // the 10 ms ramp into the note passes through it
    await expect(panel.getByTestId('pitch-editor-preview')).toHaveText('Preview');
    expect((await studio.summary()).undo).toEqual(['Import "melody-sharp.wav"']);
    await panel.getByTestId('pitch-editor-apply').click();
    await expect(page.getByTestId('notice-info').last()).toHaveText(/Moved 1 note: E4 \+30¢ to F#4\./);
    // Read again: F#4 within a few cents (the tracker's median over the note).
    await expect(panel.getByTestId('pitch-note-1')).toHaveAttribute('aria-valuetext', /^F#4( [+−][0-3]¢)?$/);
    expect((await studio.summary()).undo.at(-1)).toBe('Edit pitch (1 note moved)');
    // The notes as labels on the track, named for their pitch.
    await panel.getByTestId('pitch-editor-label').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Labelled 3 notes on "melody-sharp": C4, F#4( [+−][0-3]¢)?, G4\./,
    );
    // The notes as MIDI, played by fluidsynth: F#4 where the E was.
    const saving = page.waitForEvent('download');
    await panel.getByTestId('pitch-editor-midi').click();
    const midi = test.info().outputPath('melody-sharp notes.mid');
    await (await saving).saveAs(midi);
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Saved 3 notes as MIDI at 120 BPM: melody-sharp notes.mid.',
    );
    const played = test.info().outputPath('played.wav');
    execFileSync('fluidsynth', ['-ni', '-F', played, '-r', '44100', '/usr/share/sounds/sf2/TimGM6mb.sf2', midi]);
    const pitchOf = (from: number) => {
      const x = soxFloat(played, ['remix', '1', 'trim', String(from), '0.2']);
      const hz = [...trackPitch(x, 44100).hz].filter((v) => v > 0);
      return hz.sort((a, b) => a - b)[Math.floor(hz.length / 2)];
    };
    expect(Math.abs(1200 * Math.log2(pitchOf(0.6) / 369.99))).toBeLessThan(30); // past the voice's slow attack
    expect(Math.abs(1200 * Math.log2(pitchOf(0.1) / 261.63))).toBeLessThan(30);

    const out = await studio.exportFile({ format: 'float32' });

    const cents = (hz: number, reference: number) => Math.abs(1200 * Math.log2(hz / reference));
    expect(cents(crossingHz(out, 0.5, 0.2), 369.99)).toBeLessThan(3);
    expect(cents(crossingHz(out, 0.9, 0.2), 392)).toBeLessThan(1);
    // The first note as it was, to the sample.
    const [ours, theirs] = [out, asset('melody-sharp.wav')].map((f) =>
      soxFloat(f, ['remix', '1', 'trim', '0', '0.35']),
    );
    expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])))).toBeLessThan(1e-6);

    // A harmony a third above in C major on a new track: E4 over the C, B4 over the G (heard with the line muted).
    await page.getByTestId('param-correctKey').selectOption('C major');
    await studio.action('pitchEditor').click();
    await expect(panel.getByTestId('pitch-editor-what')).toContainText('3 notes');
    await panel.getByTestId('pitch-editor-harmony').selectOption('a third above');
    await panel.getByTestId('pitch-editor-add-harmony').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Added a harmony a third above in C major: 3 notes on a new track.',
    );
    await studio.waitForTracks(2);
    await page.keyboard.press('Escape'); // the editor closed: it lies over the tracks' headers
    await page.getByTestId('track-mute').first().click();
    const harmony = await studio.exportFile({ format: 'float32' });
    expect(cents(crossingHz(harmony, 0.1, 0.2), 329.63)).toBeLessThan(3);
    expect(cents(crossingHz(harmony, 0.9, 0.2), 493.88)).toBeLessThan(3);
  });

  test('Add double lays a drifting double of the line on a new track: its notes a few cents off, 12-28 ms late (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('melody-sharp.wav'); // C4, E4 30 cents sharp, G4
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('addDouble');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Added a double of "melody-sharp" on a new track, 4 dB under and panned right',
    );
    const summary = await studio.summary();
    expect(summary.undo.at(-1)).toBe('Add double');
    expect(summary.tracks).toHaveLength(2);
    await page.getByTestId('track-mute').first().click();
    const double = await studio.exportFile({ format: 'float32' });

    const cents = (hz: number, reference: number) => Math.abs(1200 * Math.log2(hz / reference));
    expect(cents(crossingHz(double, 0.1, 0.2), 261.63)).toBeLessThan(20);
    expect(cents(crossingHz(double, 0.9, 0.2), 392)).toBeLessThan(20);
    // Late: it starts sounding 12-28 ms after the original.
    const onset = (x: Float32Array) => x.findIndex((v) => Math.abs(v) > 0.01) / 44100;
    const late = onset(soxFloat(double, ['remix', '1'])) - onset(soxFloat(asset('melody-sharp.wav'), ['remix', '1']));
    expect(late).toBeGreaterThanOrEqual(0.012);
    expect(late).toBeLessThanOrEqual(0.029);
  });

  test("Ride vocal writes the voice's volume lane so real speech sits 12 LU over a real bed (sox, the studio's loudness meter)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-voices.wav', 'wide-bed.wav'); // Hedgewars' team voices; Wesnoth's birds and stream
    await studio.waitForTracks(2);
    const mutes = page.getByTestId('track-mute');
    /** One track as exported alone (the other muted), its momentary loudness every 100 ms. */
    const alone = async (keep: number) => {
      await mutes.nth(1 - keep).click();
      const file = await studio.exportFile({ format: 'float32' });
      await mutes.nth(1 - keep).click();
      const channels = Array.from({ length: soxInfo(file).channels }, (_, c) => soxFloat(file, ['remix', `${c + 1}`]));
      return momentarySeries(channels, 44100).loudness;
    };
    const [sung, bed] = [await alone(0), await alone(1)];
    /** How far the voice sits over the bed where it speaks (within 20 LU of its loudest) and the bed sounds (its
     * 3.6 s), the median, LU. */
    const over = (v: Float32Array) => {
      const loud = Math.max(...v);
      const both = [...v].flatMap((l, k) => (l > loud - 20 && bed[k] > -70 ? [l - bed[k]] : []));
      both.sort((a, b) => a - b);
      return both[Math.floor(both.length / 2)];
    };
    expect(over(sung)).toBeGreaterThan(17); // as recorded (-20.7 against -41.6 LUFS)
    await page.getByTestId('clip').first().dblclick(); // the voices' clip: its extent on its track
    // Asked to sit 12 LU over the bed, moving at most 12 dB.
    await page.getByTestId('param-rideAboveLu').fill('12');
    await page.getByTestId('param-rideRangeDb').fill('12');
    await studio.action('rideVocal').click();
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Rode "real-voices" 12 LU over the rest of the mix: its volume lane moves from -?\d+\.\d to -?\d+\.\d dB/,
    );
    expect((await studio.summary()).undo.at(-1)).toBe('Ride vocal');
    expect(Math.abs(over(await alone(0)) - 12)).toBeLessThan(1.5);
  });

  test("Align to guide puts a double sung 20-40 ms early or late in time with the lead, and Match pitch puts it on the lead's notes (sox)", async ({
    studio,
    page,
  }) => {
    const onsets = [0.2, 0.6, 1.0, 1.4, 1.9, 2.4];
    const off = [0.04, -0.03, 0.035, -0.04, 0.02, -0.035];
    const write = (name: string, x: Float32Array) => {
      const path = test.info().outputPath(name);
      writeFileSync(path, Buffer.from(encodeWav([x], RATE, 'float32')));
      return path;
    };
    const lead = write('lead.wav', syllables(onsets));
    const double = write(
      'double.wav',
      syllables(
        onsets.map((t, k) => t + off[k]),
        0.1,
        20,
      ),
    );
    await page.getByTestId('file-input').setInputFiles([lead, double]);
    await studio.waitForTracks(2);
    await page.keyboard.press('Control+a');
    await studio.effect('alignToGuide');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      /Aligned "double" to "lead": moved by up to (3\d|4\d) ms/,
    );
    await page.getByTestId('track-mute').first().click();
    const aligned = await studio.exportFile({ format: 'float32' });
    const found = starts(soxFloat(aligned, ['remix', '1']));
    expect(found).toHaveLength(6);
    for (let k = 0; k < 6; k++) expect(Math.abs(found[k] - onsets[k])).toBeLessThan(0.012);
    // As sung, before: as much as 40 ms out.
    const sung = starts(soxFloat(double, ['remix', '1']));
    expect(Math.max(...sung.map((t, k) => Math.abs(t - onsets[k])))).toBeGreaterThan(0.035);
    // Then its pitch, 20 cents sharp, matched to the lead's: each syllable's median within 3 cents of the lead's.
    await page.keyboard.press('Control+a');
    await studio.effect('matchPitchToGuide');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Matched the pitch of "double" to "lead" (100 %).',
    );
    const matched = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    const pitches = [220, 262, 294, 247, 330, 196];
    onsets.forEach((t, k) => {
      const part = matched.subarray(Math.round((t + 0.05) * RATE), Math.round((t + 0.15) * RATE));
      const hz = [...trackPitch(part, RATE).hz].filter((v) => v > 0).sort((a, b) => a - b);
      expect(Math.abs(1200 * Math.log2(hz[Math.floor(hz.length / 2)] / pitches[k]))).toBeLessThan(3);
    });
  });

  test('vocal reduction takes a centred voice out of a real stereo bed and isolation keeps it (read back by ffmpeg)', async ({
    studio,
    page,
  }) => {
    // espeak-ng speech in the centre (peaks -20 dBFS) over Wesnoth's birds and stream, one on each side.
    await studio.importFiles('voice-over-wide.wav');
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    const voice = ffmpegFloat(asset('speech-quiet.wav'));
    const bed = ffmpegFloat(asset('wide-bed.wav'));
    /** How far `path` is from `truth`, against `truth`'s own level, dB. */
    const distance = (path: string, truth: Float32Array) => -sdr(ffmpegFloat(path), truth);
    await studio.effect('removeCenter');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Took the centre (the vocals) out between 80 and 20000 Hz',
    );
    const removed = await studio.exportFile({ format: 'float32' });
    // The voice is 10 dB louder than the bed: before, the bed is off by all of it.
    expect(distance(asset('voice-over-wide.wav'), bed) - distance(removed, bed)).toBeGreaterThan(15); // 20.7 dB when written
    await page.keyboard.press('Control+z');
    await studio.effect('isolateCenter');
    await expect(page.getByTestId('notice-info').last()).toContainText(/Kept only the centre/);
    const isolated = await studio.exportFile({ format: 'float32' });
    expect(distance(asset('voice-over-wide.wav'), voice) - distance(isolated, voice)).toBeGreaterThan(7); // 10.0 dB when written
  });

  test('the noise gate takes the room tone between two takes down 20 dB and keeps the voice (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // speech peaking at -20 dBFS, room tone at -60 dBFS between
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('gate');
    await expect(page.getByTestId('notice-info').last()).toContainText(/Gated under -40 dBFS: \d+ % of the selection/);
    const gated = await studio.exportFile({ format: 'float32' });
    const change = (start: number, seconds: number) => {
      const rms = (path: string) => soxStat(path, { start, seconds })['RMS     amplitude'];
      return 20 * Math.log10(rms(gated) / rms(asset('speech-pauses.wav')));
    };
    expect(change(4, 1)).toBeCloseTo(-20, 0); // the pause
    expect(change(0.3, 2.8)).toBeGreaterThan(-0.5); // the first take: its energy is in what the gate lets through
  });

  test('echo brings a real explosion back 6 dB down after the delay, and Silence audio clears it (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('lone-effect.wav'); // 3 s of silence, a Hedgewars explosion (1.24 s), 3 s of silence
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-echoDelaySeconds').fill('1.5');
    await studio.effect('echo');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      "Echo added (every 1.5 s, each repeat -6.0 dB under the last). Its tail stops at the selection's end",
    );
    const echoed = await studio.exportFile({ format: 'float32' });
    const rmsDb = (path: string, start: number, seconds: number) =>
      20 * Math.log10(soxStat(path, { start, seconds })['RMS     amplitude']);
    expect(rmsDb(echoed, 3, 1.24)).toBeCloseTo(rmsDb(asset('lone-effect.wav'), 3, 1.24), 3);
    expect(rmsDb(echoed, 4.5, 1.24) - rmsDb(echoed, 3, 1.24)).toBeCloseTo(-6.02, 1); // in the digital silence
    // Silence audio over the explosion: zeros there, the length and the echo's place kept.
    await page.keyboard.press('Control+z');
    await studio.select(3, 4.24);
    await studio.effect('silenceAudio');
    const cleared = await studio.exportFile({ format: 'float32' });
    expect(soxStat(cleared, { start: 3, seconds: 1.24 })['Maximum amplitude']).toBe(0);
    expect(soxInfo(cleared).seconds).toBeCloseTo(soxInfo(asset('lone-effect.wav')).seconds, 4);
  });

  test("Match EQ gives white noise pink noise's tonal balance and keeps its level (read back by sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('white-then-pink.wav'); // 2 s of white noise, then 2 s of pink
    await studio.waitForTracks(1);
    await studio.select(2, 4);
    await studio.action('eqReference').click();
    await expect(page.getByTestId('notice-info').last()).toContainText('EQ reference taken from 2.00 s');
    await studio.select(0, 2);
    await studio.effect('matchEq');
    await expect(page.getByTestId('notice-info').last()).toContainText("Matched the reference's EQ: up to +");
    const out = await studio.exportFile({ format: 'float32' });
    const level = (path: string, start: number, effects = '') =>
      20 * Math.log10(soxStat(path, { start, seconds: 2 }, effects)['RMS     amplitude']);
    // The balance between 1-2 kHz and 125-250 Hz: white has 9 dB more up there, pink none.
    const tilt = (path: string, start: number) =>
      level(path, start, 'sinc 1000-2000') - level(path, start, 'sinc 125-250');
    const original = asset('white-then-pink.wav');
    expect(tilt(original, 0) - tilt(original, 2)).toBeGreaterThan(7);
    expect(Math.abs(tilt(out, 0) - tilt(original, 2))).toBeLessThan(2); // 2 s of noise: its bands wander a little
    expect(level(out, 0)).toBeCloseTo(level(original, 0), 0); // the colour changed, not the loudness
    expect(level(out, 2)).toBeCloseTo(level(original, 2), 3); // the reference itself untouched
  });

  test('Paulstretch makes the selection eight times longer at its own pitch and level; what follows moves on (sox)', async ({
    studio,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 Hz left and 660 Hz right at -6 dBFS
    await studio.waitForTracks(1);
    await studio.select(0.5, 1);
    await studio.effect('paulstretch'); // 8x, 0.25 s frames
    expect((await studio.summary()).undo.at(-1)).toBe('Paulstretch (8x, 0.25 s window)');
    const out = await studio.exportFile({ format: 'float32' });
    expect(soxInfo(out).seconds).toBeCloseTo(2 + 0.5 * 7, 3);
    const part = { start: 1.5, seconds: 2 }; // inside the stretch
    const level = (path: string, effects: string, at = part) => soxStat(path, at, effects)['RMS     amplitude'];
    expect(
      20 *
        Math.log10(
          level(out, 'remix 1') / level(asset('tone-stereo-44k.wav'), 'remix 1', { start: 0.5, seconds: 0.5 }),
        ),
    ).toBeCloseTo(0, 0);
    // Still 440 Hz on the left: a band around it holds as much of it as of the original (sox's band-pass costs both
    // the same).
    const share = (path: string, at: typeof part) =>
      20 * Math.log10(level(path, 'remix 1 sinc 300-600', at) / level(path, 'remix 1', at));
    expect(share(out, part) - share(asset('tone-stereo-44k.wav'), { start: 0.5, seconds: 0.5 })).toBeGreaterThan(-1);
  });

  test('tremolo swings the level, distortion adds harmonics, phaser and chorus run (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 Hz left and 660 Hz right at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('tremolo'); // 4 Hz, depth 0.5: full level at 0 s, half at 0.125 s, full again at 0.25 s
    const rmsDb = (path: string, start: number, effects = '') =>
      20 * Math.log10(soxStat(path, { start: start - 0.01, seconds: 0.02 }, effects)['RMS     amplitude']);
    const swung = await studio.exportFile({ format: 'float32' });
    expect(rmsDb(swung, 0.625) - rmsDb(swung, 0.5)).toBeCloseTo(-6, 0);
    expect(rmsDb(swung, 0.75) - rmsDb(swung, 0.5)).toBeCloseTo(0, 0);
    await page.keyboard.press('Control+z');
    await studio.effect('distortion'); // soft, 18 dB of drive
    const driven = await studio.exportFile({ format: 'float32' });
    const third = (path: string) =>
      soxStat(path, { start: 0.5, seconds: 1 }, 'remix 1 sinc 1200-1450')['RMS     amplitude'];
    const fundamental = (path: string) =>
      soxStat(path, { start: 0.5, seconds: 1 }, 'remix 1 sinc 300-600')['RMS     amplitude'];
    // The original's third harmonic (1320 Hz) is nowhere; driven, it is within 20 dB of the fundamental.
    expect(
      20 * Math.log10(third(asset('tone-stereo-44k.wav')) / fundamental(asset('tone-stereo-44k.wav'))),
    ).toBeLessThan(-40); // -57: sox's band-pass leaks the fundamental
    expect(20 * Math.log10(third(driven) / fundamental(driven))).toBeGreaterThan(-20);
    await page.keyboard.press('Control+z');
    await studio.effect('phaser');
    await studio.effect('chorus');
    expect((await studio.summary()).undo.slice(-2)).toEqual([
      'Phaser (0.5 Hz, depth 0.7, feedback 0.3)',
      'Chorus (0.8 Hz, 3 ms, mix 0.5)',
    ]);
  });

  test('reverb rings on into the silence after a real explosion and dies away (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('lone-effect.wav'); // 3 s of silence, a Hedgewars explosion (1.24 s), 3 s of silence
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await studio.effect('reverb');
    await expect(page.getByTestId('notice-info').last()).toHaveText(/^Reverb added \(1\.5 s decay, -12 dB\)\.\s*×?$/);
    const wet = await studio.exportFile({ format: 'float32' });
    // Alt+click previews instead: heard, the project as it was; Esc stops it.
    await studio.action('reverb').click({ modifiers: ['Alt'] });
    await expect(page.getByTestId('previewing')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('previewing')).toBeHidden();
    expect((await studio.summary()).undo).toHaveLength(2);
    const rmsDb = (path: string, start: number, seconds: number) =>
      20 * Math.log10(soxStat(path, { start, seconds })['RMS     amplitude']);
    const end = 3 + 1.24;
    expect(rmsDb(wet, end + 0.2, 0.3)).toBeGreaterThan(-60); // the tail, where the file was digital silence
    expect(rmsDb(wet, end + 0.2, 0.3) - rmsDb(wet, end + 1.7, 0.3)).toBeGreaterThan(45); // 1.5 s on: 60 dB down
    const event = rmsDb(wet, 3, 1.24) - rmsDb(asset('lone-effect.wav'), 3, 1.24);
    expect(event).toBeGreaterThan(0); // the explosion, with its reverb under it
    expect(event).toBeLessThan(1.5);
  });

  test('the spectrum of a tone in hiss finds the tone, names its note, and saves as text', async ({ studio, page }) => {
    // Hiss alone for 1 s, then a 1 kHz tone over it: made at -20 dBFS and mixed by sox -m, which halves each input.
    await studio.importFiles('hiss-then-tone.wav');
    await studio.waitForTracks(1);
    await studio.select(1, 2);
    await studio.action('spectrum').click();
    const panel = page.getByTestId('spectrum-panel');
    await expect(panel.getByTestId('spectrum-what')).toHaveText('Measured: the selection, 1.0 s of one track.');
    const peak = (await panel.getByTestId('spectrum-peak').textContent()) ?? '';
    const [, hz, unit, db] = /^Loudest: ([\d.]+) (k?Hz) \(B5 \+2\d cents\), (-[\d.]+) dB$/.exec(peak) ?? [];
    expect(Math.abs(Number(hz) * (unit === 'kHz' ? 1000 : 1) - 1000)).toBeLessThan(10);
    expect(Number(db)).toBeCloseTo(-26, 0);
    const saving = page.waitForEvent('download');
    await panel.getByTestId('spectrum-save').click();
    const text = readFileSync((await (await saving).path())!, 'utf8').split('\n');
    expect(text[0]).toBe('Frequency (Hz)\tLevel (dB)');
    expect(text).toHaveLength(4096);
  });

  test('the arrow keys move the playhead, and with Ctrl the selected clip (read back by soxi)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    await studio.action('playPause').focus(); // a page's first keys need a focused element
    const state = () => page.evaluate(() => (window as any).omniStudio.services.store.getState());
    await page.keyboard.press('ArrowRight');
    expect((await state()).playhead).toBe(44100);
    await page.keyboard.press('Shift+ArrowRight'); // 10 s on: held at the project's end
    expect((await state()).playhead).toBe(88200);
    await page.keyboard.press('Shift+ArrowLeft');
    expect((await state()).playhead).toBe(0);
    // A click on the clock reads the playhead in samples (no beat grid here, so back to time after that).
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('clock')).toHaveText('0:01.000');
    await page.getByTestId('clock').click();
    await expect(page.getByTestId('clock')).toHaveText('44 100');
    await page.getByTestId('clock').click();
    await expect(page.getByTestId('clock')).toHaveText('0:01.000');
    await page.keyboard.press('Home');
    // A click on the clip's bar selects it; Ctrl+Right moves it 10 ms later, Ctrl+Shift+Right a second.
    await page.getByTestId('clip-handle').first().click();
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Control+Shift+ArrowRight');
    expect((await state()).project.tracks[0].clips[0].start).toBe(44100 + 882);
    expect(soxInfo(await studio.exportFile({ format: 'float32' })).seconds).toBeCloseTo(3.02, 4);
    expect((await studio.summary()).undo.slice(-3)).toEqual(['Move clip', 'Move clip', 'Move clip']);
  });

  test("dragging a clip's edges trims it, its audio staying in place (read back by sox)", async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    await page.keyboard.press('f'); // the clip across the lane
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const drag = async (edge: 'start' | 'end', toX: number, modifiers: 'Alt'[] = ['Alt']) => {
      const box = (await page.getByTestId(`clip-edge-${edge}`).first().boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      if (modifiers.length) await page.keyboard.down('Alt');
      await page.mouse.down();
      for (let i = 1; i <= 4; i++) await page.mouse.move(box.x + (toX - box.x) * (i / 4), box.y + box.height / 2);
      await page.mouse.up();
      if (modifiers.length) await page.keyboard.up('Alt');
    };
    const placed = () =>
      page.evaluate(() => {
        const c = (window as any).omniStudio.services.store.getState().project.tracks[0].clips[0];
        return { start: c.start, offset: c.offset, length: c.length };
      });
    await drag('end', clip.x + clip.width * 0.75); // Alt: moved freely, not snapped
    await drag('start', clip.x + clip.width * 0.25);
    const trimmed = await placed();
    expect(trimmed.start / 44100).toBeCloseTo(0.5, 1);
    expect((trimmed.start + trimmed.length) / 44100).toBeCloseTo(1.5, 1);
    expect(trimmed.offset).toBe(trimmed.start); // the audio under the edge stayed where it was
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Trim clip', 'Trim clip']);
    // The export: silence up to the new start, then the original's samples from there on, sample for sample.
    const ours = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    const original = soxFloat(asset('tone-stereo-44k.wav'), []);
    const from = 2 * trimmed.start;
    expect(ours.length).toBe(2 * (trimmed.start + trimmed.length));
    expect(Array.from(ours.subarray(0, from)).every((v) => v === 0)).toBe(true);
    expect(Buffer.from(ours.slice(from).buffer).equals(Buffer.from(original.slice(from, ours.length).buffer))).toBe(
      true,
    );
    // Dragged out past the audio, the edges stop where the recording does.
    await drag('start', clip.x - 40, []);
    await drag('end', clip.x + clip.width + 40, []);
    expect(await placed()).toEqual({ start: 0, offset: 0, length: 88200 });
  });

  test("Ctrl+dragging a clip's end stretches its audio onto the bar it is let go on, at its pitch (read back by sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz
    await studio.waitForTracks(1);
    // 120 BPM in 4/4: a bar is 2 s, so the clip is one bar; dragged towards 3 s it snaps to 1.5 bars' beat at 3 s.
    await page.evaluate(() => {
      const store = (window as any).omniStudio.services.store.getState();
      store.commit('Tempo', { ...store.project, tempo: { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 } });
    });
    await page.keyboard.press('f');
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const edge = (await page.getByTestId('clip-edge-end').first().boundingBox())!;
    const y = edge.y + edge.height / 2;
    await page.mouse.move(edge.x + edge.width / 2, y);
    await page.keyboard.down('Control');
    await page.mouse.down();
    const toX = clip.x + clip.width * 1.49; // near 2.98 s: the beat at 3 s is within the snap
    for (let i = 1; i <= 4; i++) await page.mouse.move(edge.x + (toX - edge.x) * (i / 4), y);
    await expect(page.getByTestId('clip-stretch')).toHaveText('×1.50');
    await page.mouse.up();
    await page.keyboard.up('Control');
    await expect(page.getByTestId('clip-stretch')).toHaveCount(0);
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Stretch clip ×1.50');
    const stretched = await studio.exportFile({ format: 'float32' });
    expect(soxInfo(stretched).seconds).toBeCloseTo(3, 3);
    expect(crossingHz(stretched, 0.5, 2)).toBeCloseTo(440, -1); // the left's tone, at its pitch
    await page.keyboard.press('Control+z');
    expect(soxInfo(await studio.exportFile({ format: 'float32' })).seconds).toBeCloseTo(2, 3);
  });

  test("a clip's fade handles fade it in and out as sox's fade does, and a split keeps each on its edge", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('f'); // the clip across the lane
    // The keyboard: five long steps make a 0.5 s fade-in, with the Fade curve setting's equal-power curve.
    await page.getByTestId('fade-handle-fadeIn').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('fade-handle-fadeIn')).toHaveAttribute('aria-valuetext', '0.50 s');
    await expect(page.getByTestId('clip-fadeIn')).toBeVisible();
    // The mouse: the fade-out handle dragged a quarter of the clip inwards.
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const handle = (await page.getByTestId('fade-handle-fadeOut').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(clip.x + clip.width * (1 - 0.05 * i), handle.y);
    await page.mouse.up();
    const undo = (await studio.summary()).undo;
    expect(undo.slice(-6)).toEqual([...Array(5).fill('Fade in clip'), 'Fade out clip']);
    const fadeOut: number = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.tracks[0].clips[0].fadeOut.length,
    );
    expect(fadeOut / 44100).toBeCloseTo(0.5, 1);

    // sox fades the imported file the same way: a quarter sine in (equal power) and out over the same samples.
    const ours = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    const theirs = soxFloat(asset('tone-stereo-44k.wav'), ['fade', 'q', '22050s', '-0', `${fadeOut}s`]);
    expect(sdr(ours, theirs)).toBeGreaterThan(60);
    // Played from 1.9 s, the fade-out's last 0.1 s peak about 10 dB under the tone's -6 dBFS (the meter holds them).
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(1.9 * 44100));
    await studio.action('playPause').click();
    const held = async () => Number(await page.getByTestId('meter-0-db').textContent());
    await expect.poll(held).toBeLessThan(-12);
    expect(await held()).toBeGreaterThan(-20);
    await studio.action('stop').click();

    // Split in the middle: the left half keeps the fade-in, the right the fade-out; the export is the same.
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(44100));
    await studio.action('split').click();
    expect((await studio.summary()).tracks[0].clips).toBe(2);
    const split = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    expect(Buffer.from(split.buffer).equals(Buffer.from(ours.buffer))).toBe(true);
    // Delete on a handle takes its fade away.
    await page.getByTestId('fade-handle-fadeIn').first().focus();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('clip-fadeIn')).toHaveCount(0);
    expect((await studio.summary()).tracks[0].clips).toBe(2); // the selection's Delete did not run
  });

  test("a track's volume automation lane fades the track in export and playback (read back by sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('f');
    await page.getByTestId('track-volume-lane').click();
    await expect(page.getByTestId('volume-row')).toBeVisible();
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const lane = (await page.getByTestId('track-volume').boundingBox())!;
    await drawRide(page, clip, lane); // 0 dB a quarter into the clip, -12 dB three quarters in
    await expect(page.getByTestId('track-volume-point')).toHaveCount(2);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add volume point', 'Add volume point']);
    const points: { at: number; gain: number }[] = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.tracks[0].volume,
    );
    const db = points.map((p) => 20 * Math.log10(p.gain));
    expect(db[0]).toBeCloseTo(0, 0);
    expect(Math.abs(db[1] + 12)).toBeLessThan(1.5); // a pixel is about 1 dB on this lane
    expect(points[0].at / 44100).toBeCloseTo(0.5, 1);
    expect(points[1].at / 44100).toBeCloseTo(1.5, 1);
    await expectRideHeard(studio, page, db);
  });

  test('clip gain: Ctrl+Shift+Up and Down make the selected clip louder and quieter as a whole (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.getByTestId('clip').first().locator('.clip-label').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowUp');
    await expect(page.getByTestId('clip-gain')).toHaveText('+3.0 dB');
    expect((await studio.summary()).undo.at(-1)).toBe('Clip gain +3.0 dB');
    const change = async () =>
      levelChangeDb(await studio.exportFile({ format: 'float32' }), asset('tone-stereo-44k.wav'), 0.2, 1.6);
    expect(await change()).toBeCloseTo(3, 1);
    for (let i = 0; i < 9; i++) await page.keyboard.press('Control+Shift+ArrowDown');
    await expect(page.getByTestId('clip-gain')).toHaveText('-6.0 dB');
    expect(await change()).toBeCloseTo(-6, 1);
    // Each press is one step: undone back to +3 dB.
    for (let i = 0; i < 9; i++) await page.keyboard.press('Control+z');
    await expect(page.getByTestId('clip-gain')).toHaveText('+3.0 dB');
  });

  test("the master's volume lane fades the whole mix in export and playback (sox, meter)", async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('f');
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-volume-lane').click();
    await expect(page.getByTestId('bus-volume-lane')).toContainText('Master · Volume');
    await page.getByTestId('master-summary').click(); // closed again
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const lane = (await page.getByTestId('bus-volume-line').boundingBox())!;
    await drawRide(page, clip, lane); // 0 dB a quarter into the clip, -12 dB three quarters in
    await expect(page.getByTestId('bus-volume-line-point')).toHaveCount(2);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add volume point', 'Add volume point']);
    await expect(page.getByTestId('bus-volume-lane')).toContainText('2 points');
    const points: { at: number; gain: number }[] = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.master.volume,
    );
    const db = points.map((p) => 20 * Math.log10(p.gain));
    expect(db[1]).toBeLessThan(-9);
    await expectRideHeard(studio, page, db);
    // × takes the lane away, points and all, in one undo step.
    await page.getByTestId('bus-volume-lane-remove').click();
    await expect(page.getByTestId('bus-volume-lane')).toHaveCount(0);
    expect((await studio.summary()).undo.at(-1)).toBe('Clear Master · Volume automation');
  });

  test('Delete moves the volume automation and labels after the selection with the audio (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    // Unity to 1 s, -12 dB after it; a label on 1.2-1.4 s; then 0.2-0.6 s selected and deleted.
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      const track = state.project.tracks[0];
      const volume = [
        { at: 0, gain: 1 },
        { at: 44099, gain: 1 },
        { at: 44100, gain: 10 ** (-12 / 20) },
      ];
      const labels = [{ id: 'l', start: 52920, end: 61740, name: 'later', description: 'later', confidence: 1 }];
      state.commit('Set up', { ...state.project, tracks: [{ ...track, volume, labels }] });
      state.selectRange({ start: 8820, end: 26460, trackIds: [track.id] });
    });
    await studio.action('delete').click();
    const track = await page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks[0]);
    expect(track.labels[0]).toMatchObject({ start: 52920 - 17640, end: 61740 - 17640 });
    const out = await studio.exportFile({ format: 'float32' });
    const change = (start: number) => levelChangeDb(out, asset('tone-stereo-44k.wav'), start, 0.15);
    expect(change(0.05)).toBeCloseTo(0, 1);
    expect(change(0.4)).toBeCloseTo(0, 1); // what was at 0.8 s
    expect(change(0.65)).toBeCloseTo(-12, 1); // the step moved from 1 s to 0.6 s with the audio
    expect(change(1.2)).toBeCloseTo(-12, 1);

    // Undone, then 1.1-1.5 s copied (the label and 12 dB down) and pasted at 0.2 s: both land there.
    await page.keyboard.press('Control+z');
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      state.selectRange({ start: 48510, end: 66150, trackIds: [state.project.tracks[0].id] });
    });
    await page.keyboard.press('Control+c');
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      state.selectRange(null);
      state.seek(8820);
    });
    await page.keyboard.press('Control+v');
    const pasted = await page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks[0]);
    expect(pasted.labels.map((l: { start: number }) => l.start)).toEqual([8820 + 4410, 52920 + 17640]);
    const again = await studio.exportFile({ format: 'float32' });
    const level = (start: number) => levelChangeDb(again, asset('tone-stereo-44k.wav'), start, 0.15);
    expect(level(0.02)).toBeCloseTo(0, 1);
    expect(level(0.3)).toBeCloseTo(-12, 1); // the pasted stretch
    expect(level(1.2)).toBeCloseTo(0, 1); // what was at 0.8 s
    expect(level(1.5)).toBeCloseTo(-12, 1); // the step moved from 1 s to 1.4 s
  });

  test('a clip dragged later takes its stretch of the volume lane along (sox)', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    // 0 dB, then 12 dB down over 0.5-1.5 s of the clip, then 0 dB.
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      const down = 10 ** (-12 / 20);
      const volume = [
        { at: 22049, gain: 1 },
        { at: 22050, gain: down },
        { at: 66149, gain: down },
        { at: 66150, gain: 1 },
      ];
      state.commit('Set up', { ...state.project, tracks: [{ ...state.project.tracks[0], volume }] });
    });
    const bar = (await page.getByTestId('clip').first().locator('.clip-label').boundingBox())!;
    await page.mouse.move(bar.x + 20, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.keyboard.down('Alt'); // free of snapping
    for (let i = 1; i <= 5; i++) await page.mouse.move(bar.x + 20 + i * 10, bar.y + bar.height / 2);
    await page.mouse.up();
    await page.keyboard.up('Alt');
    const start: number = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.tracks[0].clips[0].start / 44100,
    );
    expect(start).toBeGreaterThan(0.5);
    expect((await studio.summary()).undo.at(-1)).toBe('Move clip');
    const out = await studio.exportFile({ format: 'float32' });
    // The tone is steady: each stretch of the moved clip against the same stretch of the recording.
    const rms = (path: string, at: number) => soxStat(path, { start: at, seconds: 0.2 })['RMS     amplitude'];
    const level = (at: number) => 20 * Math.log10(rms(out, start + at) / rms(asset('tone-stereo-44k.wav'), at));
    expect(level(0.15)).toBeCloseTo(0, 1);
    expect(level(0.9)).toBeCloseTo(-12, 1); // the dip moved with the clip
    expect(level(1.7)).toBeCloseTo(0, 1);
  });

  test('a pan automation lane sweeps the track from hard left to hard right, in export and playback (sox, meter)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('f');
    await page.getByTestId('track-pan-lane').click();
    const clip = (await page.getByTestId('clip').first().boundingBox())!;
    const lane = (await page.getByTestId('track-pan-automation').boundingBox())!;
    // A point a quarter in, dragged over the lane's top (hard left); one three quarters in, under its bottom (right).
    for (const [share, y] of [
      [0.25, lane.y - 20],
      [0.75, lane.y + lane.height + 20],
    ]) {
      await page.mouse.move(clip.x + clip.width * share, lane.y + lane.height / 2);
      await page.mouse.down();
      await page.mouse.move(clip.x + clip.width * share, y, { steps: 4 });
      await page.mouse.up();
    }
    await expect(page.getByTestId('track-pan-automation-point')).toHaveCount(2);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add pan point', 'Add pan point']);
    await expect(page.getByTestId('track-pan-automation-point').first()).toHaveAttribute(
      'aria-valuetext',
      '100 % left',
    );
    await expect(page.getByTestId('track-header').getByText('Pan auto')).toBeVisible();
    const out = await studio.exportFile({ format: 'float32' });
    const db = (start: number, channel: number) =>
      20 * Math.log10(soxStat(out, { start, seconds: 0.3 }, `remix ${channel}`)['RMS     amplitude'] + 1e-12);
    expect(db(0.1, 2)).toBeLessThan(-100); // hard left: nothing on the right
    expect(db(0.1, 1)).toBeGreaterThan(-10); // both channels on the left
    expect(db(1.65, 1)).toBeLessThan(-100);
    expect(db(1.65, 2)).toBeGreaterThan(-10);
    // Played from the start, the meter hears the left alone.
    await studio.action('playPause').click();
    const held = async (side: number) => Number(await page.getByTestId(`meter-${side}-db`).textContent());
    await expect.poll(() => held(0)).toBeGreaterThan(-10);
    expect(Number.isFinite(await held(1)) ? await held(1) : -200).toBeLessThan(-60);
    await studio.action('stop').click();
  });

  test('the envelope tool draws a fade into a clip that export, a split and undo keep (read back by sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('f'); // the clip across the lane
    await page.keyboard.press('e');
    await expect(studio.action('envelopeTool')).toHaveAttribute('aria-pressed', 'true');
    const box = (await page.getByTestId('clip-envelope').first().boundingBox())!;
    await drawRide(page, box, box); // 0 dB a quarter in, -12 dB three quarters in: a fade between them
    await expect(page.getByTestId('clip-envelope-point')).toHaveCount(2);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add envelope point', 'Add envelope point']);
    const points: { at: number; gain: number }[] = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().project.tracks[0].clips[0].envelope,
    );
    const db = points.map((p) => 20 * Math.log10(p.gain));
    expect(db[0]).toBeCloseTo(0, 0);
    expect(Math.abs(db[1] + 12)).toBeLessThan(1); // a pixel is 0.6 dB
    expect(points[0].at / 44100).toBeCloseTo(0.5, 1);
    expect(points[1].at / 44100).toBeCloseTo(1.5, 1);

    const faded = await studio.exportFile({ format: 'float32' });
    const change = (path: string, start: number) => levelChangeDb(path, asset('tone-stereo-44k.wav'), start, 0.3);
    expect(change(faded, 0.1)).toBeCloseTo(db[0], 1); // held at the first point before it
    expect(change(faded, 1.65)).toBeCloseTo(db[1], 1); // and at the last after it
    const middle = change(faded, 0.85); // 0.85-1.15 s: the fade's middle
    expect(middle).toBeLessThan(db[0] - 3);
    expect(middle).toBeGreaterThan(db[1] + 3);

    // Split in the middle of the fade: each half keeps its gain, sample for sample.
    await page.keyboard.press('e');
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(44100));
    await studio.action('split').click();
    expect((await studio.summary()).tracks[0].clips).toBe(2);
    const split = await studio.exportFile({ format: 'float32' });
    expect(Buffer.from(soxFloat(split, []).buffer).equals(Buffer.from(soxFloat(faded, []).buffer))).toBe(true);

    // A double-click takes a point out (the fade's start: the first half now held at -12 dB); undo puts it back.
    await page.keyboard.press('e');
    await page.getByTestId('clip-envelope-point').first().dblclick();
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Remove envelope point');
    expect(change(await studio.exportFile({ format: 'float32' }), 0.1)).toBeCloseTo(db[1], 1);
    await page.keyboard.press('Control+z');
    expect(change(await studio.exportFile({ format: 'float32' }), 0.1)).toBeCloseTo(db[0], 1);
    // A point is a slider: the arrow keys move it a decibel (not the selection's keys).
    await page.getByTestId('clip-envelope-point').last().focus();
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('clip-envelope-point').last()).toHaveAttribute(
      'aria-valuetext',
      `${(db[1] + 1).toFixed(1)} dB`,
    );
    // The envelope is part of the project: a reload brings it back, and the export is the same to the sample.
    const saved = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    const reloaded = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    expect(Buffer.from(reloaded.buffer).equals(Buffer.from(saved.buffer))).toBe(true);
  });

  test('a dragged clip snaps to the end of another, exactly; with Alt it moves freely', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav'); // 2 s, then speech on its own track at 0
    await studio.waitForTracks(2);
    await page.keyboard.press('f');
    const firstEnd = await page
      .getByTestId('clip')
      .first()
      .evaluate((el) => el.getBoundingClientRect().right);
    const clipStart = async () =>
      page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks[1].clips[0].start);
    const dragBy = async (dx: number, alt: boolean) => {
      const handle = (await page.getByTestId('clip-handle').nth(1).boundingBox())!;
      if (alt) await page.keyboard.down('Alt');
      await page.mouse.move(handle.x + 5, handle.y + 5);
      await page.mouse.down();
      for (let i = 1; i <= 5; i++) await page.mouse.move(handle.x + 5 + (dx * i) / 5, handle.y + 5);
      await page.mouse.up();
      if (alt) await page.keyboard.up('Alt');
    };
    const secondLeft = (await page.getByTestId('clip').nth(1).boundingBox())!.x;
    await dragBy(firstEnd - secondLeft + 4, false); // 4 px past the end of the first clip
    expect(await clipStart()).toBe(2 * 44100);
    await page.keyboard.press('Control+z');
    expect(await clipStart()).toBe(0);
    await dragBy(firstEnd - secondLeft + 4, true);
    expect(await clipStart()).toBeGreaterThan(2 * 44100);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('n'); // snapping off
    await expect(studio.action('snap')).toHaveAttribute('aria-pressed', 'false');
    await dragBy(firstEnd - secondLeft + 4, false);
    expect(await clipStart()).toBeGreaterThan(2 * 44100);
  });

  test('repeat plays the selection three more times after itself (soxi and sox read the export)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    await studio.select(0.5, 1);
    await page.getByTestId('param-repeatTimes').fill('3');
    await studio.action('repeat').click();
    expect((await studio.summary()).undo.at(-1)).toBe('Repeat 3 times');
    const out = await studio.exportFile({ format: 'pcm16' });
    expect(soxInfo(out).seconds).toBeCloseTo(3.5, 5);
    // What followed the selection now starts 1.5 s later, sample for sample.
    const raw = soxRaw16(out);
    const source = soxRaw16(asset('tone-stereo-44k.wav'));
    const frame = 4; // 16-bit stereo
    expect(raw.subarray(2.5 * 44100 * frame).equals(source.subarray(1 * 44100 * frame))).toBe(true);
    expect(
      raw.subarray(1.5 * 44100 * frame, 2 * 44100 * frame).equals(source.subarray(0.5 * 44100 * frame, 44100 * frame)),
    ).toBe(true);
  });

  test('mix and render makes two tracks one that exports as the two did (sox), and undo brings them back', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    const before = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    await studio.action('mixAndRender').click();
    const after = await studio.summary();
    expect(after.tracks.map((t) => [t.name, t.clips])).toEqual([['Mix', 1]]);
    expect(after.undo.at(-1)).toBe('Mix and render 2 tracks');
    const rendered = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    expect(rendered.length).toBe(before.length);
    let worst = 0;
    for (let i = 0; i < before.length; i++) worst = Math.max(worst, Math.abs(rendered[i] - before[i]));
    expect(worst).toBeLessThan(1e-6);
    await page.keyboard.press('Control+z');
    await studio.waitForTracks(2);
  });

  test('split stereo track gives two mono tracks, hard left and right, that mix as the stereo one did; make stereo joins them (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 Hz left, 660 Hz right
    await studio.waitForTracks(1);
    const before = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    await studio.action('splitStereo').click();
    await studio.waitForTracks(2);
    const after = await studio.summary();
    expect(after.tracks.map((t) => [t.name, t.channels])).toEqual([
      ['tone-stereo-44k L', [1]],
      ['tone-stereo-44k R', [1]],
    ]);
    const split = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    expect(Buffer.from(split.buffer).equals(Buffer.from(before.buffer))).toBe(true);
    // The upper one selected, Make stereo joins them back: one stereo track of its name, the same mix to the bit.
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      state.selectRange({ start: 0, end: 100, trackIds: [state.project.tracks[0].id] });
    });
    await studio.action('makeStereo').click();
    await studio.waitForTracks(1);
    expect((await studio.summary()).tracks.map((t) => [t.name, t.channels])).toEqual([['tone-stereo-44k', [2]]]);
    const joined = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    expect(Buffer.from(joined.buffer).equals(Buffer.from(before.buffer))).toBe(true);
  });

  test('a clip dragged to another track is one undo step', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    const handle = page.getByTestId('clip-handle').first();
    const box = (await handle.boundingBox())!;
    const secondLane = (await page.getByTestId('lane').nth(1).boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + 5);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(box.x + 10 + i * 20, box.y + 5 + ((secondLane.y + 40 - box.y) * i) / 10);
    await page.mouse.up();
    const after = await studio.summary();
    expect(after.tracks.map((t) => t.clips)).toEqual([0, 2]);
    expect(after.undo.at(-1)).toBe('Move clip');
    await page.keyboard.press('Control+z');
    expect((await studio.summary()).tracks.map((t) => t.clips)).toEqual([1, 1]);
  });

  test('mouse selection across tracks, zoom, mute/solo, playback and the spectrogram', async ({ studio, page }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
    await studio.waitForTracks(2);
    await studio.openSpectrogram();
    const lane0 = (await page.getByTestId('lane').nth(0).boundingBox())!;
    const lane1 = (await page.getByTestId('lane').nth(1).boundingBox())!;
    await page.mouse.move(lane0.x + 20, lane0.y + 60);
    await page.mouse.down();
    await page.mouse.move(lane0.x + 60, lane1.y + 60, { steps: 5 });
    await page.mouse.up();
    const sel = await page.evaluate(() => (window as any).omniStudio.services.store.getState().selection);
    expect(sel.trackIds).toHaveLength(2);
    expect(sel.end).toBeGreaterThan(sel.start);

    // Zoom to the selection (Z): it spans the lanes' visible width, right of the track headers.
    const timeline = (await page.getByTestId('timeline').boundingBox())!;
    await page.keyboard.press('z');
    const zoomed = (await page.getByTestId('selection').first().boundingBox())!;
    expect(zoomed.x).toBeGreaterThanOrEqual(timeline.x + 236);
    expect(zoomed.x + zoomed.width).toBeLessThanOrEqual(timeline.x + timeline.width);
    expect(zoomed.width).toBeGreaterThan(timeline.width - 236 - 60);
    // Fit (F): the whole project is in view, its end left of the timeline's right edge.
    await page.keyboard.press('f');
    const ends = await page.getByTestId('clip').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(Math.max(...ends)).toBeLessThanOrEqual(timeline.x + timeline.width);
    expect(Math.max(...ends)).toBeGreaterThan(timeline.x + timeline.width - 60);

    const zoom = () => page.evaluate(() => (window as any).omniStudio.services.store.getState().view.pxPerSec);
    const z0 = await zoom();
    await studio.action('zoomIn').click();
    expect(await zoom()).toBe(z0 * 2);
    await page.mouse.move(lane0.x + 100, lane0.y + 50);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 300);
    await page.keyboard.up('Control');
    expect(await zoom()).toBeLessThan(z0 * 2);

    await page.getByTestId('track-solo').first().click();
    await page.getByTestId('track-mute').nth(1).click();
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Solo', 'Mute']);

    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await expect
      .poll(() => page.evaluate(() => (window as any).omniStudio.services.store.getState().playhead))
      .toBeGreaterThan(2000);
    await page.keyboard.press('Space');
    await expect(studio.action('playPause')).toHaveText(/Play/);

    await page
      .getByTestId('clip')
      .first()
      .click({ position: { x: 30, y: 60 } });
    await expect(page.getByTestId('spectrogram')).toHaveAttribute('data-state', 'ready');

    // A double-click on a clip selects its extent on its track.
    await page
      .getByTestId('clip')
      .nth(1)
      .dblclick({ position: { x: 30, y: 60 } });
    const extent = await page.evaluate(() => (window as any).omniStudio.services.store.getState().selection);
    expect([extent.start, extent.end, extent.trackIds.length]).toEqual([
      0,
      (await studio.summary()).tracks[1].length,
      1,
    ]);

    await page.keyboard.press('?');
    await expect(page.getByTestId('help-panel')).toContainText('Ctrl+Shift+Z');
    await page.screenshot({ path: test.info().outputPath('studio.png') });
  });

  test("each track's meter reads that track as it plays: -6 dBFS for the tone, nothing for a muted track, and 6 dB down with its gain", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav', 'speech-pauses.wav'); // the tone peaks at -6 dBFS
    await studio.waitForTracks(2);
    const headers = page.getByTestId('track-header');
    await headers.nth(1).getByTestId('track-mute').click();
    const level = (n: number) => async () => {
      const db = await page.getByTestId('track-meter').nth(n).getAttribute('data-db');
      return db === '-∞' ? -Infinity : Number(db);
    };
    await studio.action('playPause').click();
    await expect.poll(level(0)).toBeCloseTo(-6, 0);
    expect(await level(1)()).toBe(-Infinity); // muted: not heard, not metered
    await studio.action('stop').click();
    await expect.poll(level(0)).toBe(-Infinity);

    // After the track's gain: 6 dB down, the meter 6 dB lower.
    await page.evaluate(() => {
      const s = (window as any).omniStudio.services.store.getState();
      s.commit('Gain', {
        ...s.project,
        tracks: s.project.tracks.map((t: any, i: number) => (i === 0 ? { ...t, gainDb: -6 } : t)),
      });
      s.seek(0);
    });
    await studio.action('playPause').click();
    await expect.poll(level(0)).toBeCloseTo(-12, 0);
    await studio.action('stop').click();
  });

  test('the level meter reads what plays: -6 dBFS peaks left and right, -9 dBFS RMS, its momentary loudness as ffmpeg reads it, and lights the clip light past full scale', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 Hz left, 660 Hz right, peaks at -6 dBFS
    await studio.waitForTracks(1);
    const held = (c: number) => async () => Number(await page.getByTestId(`meter-${c}-db`).textContent());
    await studio.action('playPause').click();
    await expect.poll(held(0)).toBeCloseTo(-6, 0);
    await expect.poll(held(1)).toBeCloseTo(-6, 0);
    // Inside the peak bar, the RMS level: a sine's is 3 dB under its peak.
    const rms = async () => Number(await page.getByTestId('meter-0-rms').getAttribute('data-db'));
    await expect.poll(rms).toBeCloseTo(-9, 0);
    // And the momentary loudness (EBU R128, the last 400 ms): a steady tone's is its integrated loudness, as ffmpeg
    // reads the file.
    const lufs = async () => Number((await page.getByTestId('meter-lufs').textContent())?.match(/-?\d+\.\d/)?.[0]);
    const expected = ffmpegR128(asset('tone-stereo-44k.wav')).integrated;
    await expect.poll(lufs).toBeCloseTo(expected, 0);
    await expect(page.getByTestId('meter-0-clip')).toHaveAttribute('data-clipped', 'false');
    await studio.action('playPause').click();
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-gainDb').fill('9'); // peaks at +3 dBFS
    await studio.effect('gain');
    await studio.action('playPause').click();
    await expect(page.getByTestId('meter-0-clip')).toHaveAttribute('data-clipped', 'true');
    await expect.poll(held(0)).toBeCloseTo(3, 0);
    await studio.action('playPause').click();
    await page.getByTestId('meter').click();
    await expect(page.getByTestId('meter-0-clip')).toHaveAttribute('data-clipped', 'false');
  });

  test('loop plays the selection over and over, wrapping at its end; it stays the loop while another range is selected, and with the project', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-22k.wav');
    await studio.waitForTracks(1);
    await studio.select(0.5, 0.8);
    await studio.action('loop').click();
    await expect(studio.action('loop')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-loop', '11025-17640'); // the region on the ruler
    await studio.action('playPause').click();
    const positions = (): Promise<number[]> =>
      page.evaluate(async () => {
        const store = (window as any).omniStudio.services.store;
        const seen: number[] = [];
        for (let i = 0; i < 50; i++) {
          seen.push(store.getState().playhead / store.getState().project.sampleRate);
          await new Promise((r) => setTimeout(r, 30));
        }
        return seen;
      });
    const inLoop = (seen: number[]) => {
      expect(seen.every((t) => t >= 0.5 - 1e-6 && t <= 0.8 + 1e-6)).toBe(true);
      expect(seen.filter((t, i) => i > 0 && t < seen[i - 1]).length).toBeGreaterThanOrEqual(2);
    };
    inLoop(await positions());
    // Another range selected (as a drag on the lanes does; the typed fields would also move the playhead there), as
    // one edits while the loop plays: the loop stays.
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      const rate = state.project.sampleRate;
      state.selectRange({ start: rate, end: 1.5 * rate, trackIds: state.project.tracks.map((t: any) => t.id) });
    });
    inLoop(await positions());
    await studio.action('playPause').click();
    await studio.action('loop').click();
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-loop', '11025-17640 off');
    // The region stays with the project, as Audacity keeps its looping region.
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-loop', '11025-17640 off');

    // Its end dragged along the ruler's top from 0.8 s to 1.0 s reshapes it (a press lower down would seek).
    const ruler = (await page.getByTestId('ruler').boundingBox())!;
    const { pxPerSec, scrollLeft } = await page.evaluate(
      () => (window as any).omniStudio.services.store.getState().view,
    );
    const x = (seconds: number) => ruler.x + seconds * pxPerSec - scrollLeft;
    await page.mouse.move(x(0.8), ruler.y + 2);
    await page.mouse.down();
    await page.mouse.move(x(0.9), ruler.y + 2);
    await page.mouse.move(x(1.0), ruler.y + 2);
    await page.mouse.up();
    const [start, end] = ((await page.getByTestId('ruler').getAttribute('data-loop')) ?? '').split(/[- ]/).map(Number);
    expect(start).toBe(11025);
    expect(Math.abs(end - 22050)).toBeLessThanOrEqual(22050 / pxPerSec); // within the pixel the mouse lands on
  });
});

/** The level of one frequency in samples at 44.1 kHz (a single-bin DFT). */
function toneLevel(x: number[], hz: number): number {
  let re = 0;
  let im = 0;
  x.forEach((v, i) => {
    re += v * Math.cos((2 * Math.PI * hz * i) / 44100);
    im += v * Math.sin((2 * Math.PI * hz * i) / 44100);
  });
  return Math.hypot(re, im) / x.length;
}
