import type { Locator, Page } from '@playwright/test';
import { asset, expect, type Studio, test } from './fixtures';
import { levelChangeDb, soxStat } from './sox';

const RATE = 44100;
const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).omniStudio.services.store.getState();
    return { playhead: s.playhead as number, playing: s.playing as boolean, track: s.project.tracks[0] };
  });
const startPosition = (page: Page) =>
  page.evaluate(() => (window as any).omniStudio.services.player.startPosition() as number);
/** The loudest sample of what plays now on each channel (the master meter's taps, left and right): over their last
 * 2048 samples (46 ms at 44.1 kHz; the taps hold 0.74 s, so all of them would still hear what played before a
 * change); null when nothing plays. */
const peaksNow = (page: Page) =>
  page.evaluate(() => {
    const { player, store } = (window as any).omniStudio.services;
    if (!store.getState().playing) return null;
    return (player.meterTaps() as AnalyserNode[]).map((tap) => {
      const samples = new Float32Array(tap.fftSize);
      tap.getFloatTimeDomainData(samples);
      return Math.max(...samples.subarray(-2048).map(Math.abs));
    });
  });
/** What `peaksNow` reads on `channel` (0 left, 1 right); Infinity when nothing plays. */
const peakNow = async (page: Page, channel: number) => (await peaksNow(page))?.[channel] ?? Number.POSITIVE_INFINITY;
/** Waits until playback has passed `seconds`. */
const reach = (page: Page, seconds: number) =>
  expect.poll(async () => (await state(page)).playhead / RATE, { timeout: 10_000 }).toBeGreaterThan(seconds);

/** `file` imported, sent before its fader to a new reverb bus and turned down 36 dB, so what plays is mostly the
 * reverb; the Mixer open. Returns the export as it is then. */
async function reverbThrough(studio: Studio, page: Page, file: string): Promise<string> {
  await studio.importFiles(file);
  await studio.waitForTracks(1);
  await page.getByTestId('track-fx').click();
  const panel = page.getByTestId('track-effects-panel');
  await panel.getByTestId('fx-send-add').selectOption('new');
  await panel.getByTestId('fx-send-pre-0').check();
  await page.keyboard.press('Escape');
  await page.getByTestId('track-gain').fill('-36');
  const before = await studio.exportFile({ format: 'float32' });
  await page.keyboard.press('Alt+M');
  return before;
}

/** Holds `send` (a send's slider, its host in Touch) at -60 dB from 1 s into playback for 1.5 s: the reverb it
 * feeds dies away as it plays (12 dB down and more; without the send's lane in the player it goes on as loud), and
 * the pass is written into the lane of the send `sendOf` reads, which sox hears in the export against `before`. */
async function touchSendDown(
  studio: Studio,
  page: Page,
  send: Locator,
  sendOf: () => Promise<{ levelDb: number; volume: { at: number; gain: number }[] }>,
  before: string,
) {
  await studio.action('playPause').click();
  await reach(page, 1);
  const loud = await peakNow(page, 0);
  await send.dispatchEvent('pointerdown');
  await send.fill('-60');
  await expect(page.getByTestId('send-lane')).toBeVisible(); // its lane shown as it is written
  const pressedAt = (await state(page)).playhead / RATE;
  await reach(page, pressedAt + 1.5);
  expect(await peakNow(page, 0)).toBeLessThan(loud / 4);
  await send.dispatchEvent('pointerup');
  await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Write send automation');
  await studio.action('stop').click();
  const { levelDb, volume } = await sendOf();
  expect(levelDb).toBe(-12); // the send's own level untouched
  const quiet = volume.filter((p) => p.gain < 0.1);
  const [from, to] = [quiet[0].at / RATE, quiet.at(-1)!.at / RATE];
  expect(to - from).toBeGreaterThan(1.4);
  const out = await studio.exportFile({ format: 'float32' });
  expect(levelChangeDb(out, before, 0.3, from - 0.4)).toBeCloseTo(0, 1); // as it was before the touch
  expect(levelChangeDb(out, before, from + 1, to - from - 1.1)).toBeLessThan(-12); // the tail died away
}

test.describe('writing automation as it plays', () => {
  test('Touch: the fader held at -12 dB rides the track as it plays and is written into its volume lane, gliding back when let go (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s of 440 and 660 Hz at -6 dBFS
    await studio.waitForTracks(1);
    await page.getByTestId('track-automation-mode').selectOption('touch');
    const fader = page.getByTestId('track-gain');
    await studio.action('playPause').click();
    await reach(page, 0.3);
    await expect(fader).toHaveValue('0'); // it follows the lane (none: the track's gain)
    const started = await startPosition(page);
    await fader.dispatchEvent('pointerdown');
    await fader.fill('-12');
    await expect(page.getByTestId('track-header').getByText('Gain -12.0 dB')).toBeVisible();
    // Heard at once: the -6 dBFS tone's peaks 12 dB down on the track's meter.
    const meter = async () => Number(await page.getByTestId('track-meter').getAttribute('data-db'));
    await expect.poll(meter, { timeout: 5000 }).toBeLessThan(-15);
    await reach(page, 1.1);
    // The lane shows the pass as it is written, before it lands.
    await expect(page.getByTestId('track-volume-point').first()).toBeVisible();
    expect((await state(page)).track.volume).toBeUndefined();
    await fader.dispatchEvent('pointerup');
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Write volume automation');
    // The lane written goes on playing where it is: playback was not started again.
    expect(await startPosition(page)).toBe(started);
    await expect(page.getByTestId('volume-row')).toBeVisible(); // the lane shown as it was written
    await expect.poll(async () => (await state(page)).playing, { timeout: 10_000 }).toBe(false);

    const { track } = await state(page);
    expect(track.gainDb).toBe(0); // the track's own gain untouched
    const quiet = track.volume.filter((p: { gain: number }) => p.gain < 0.5);
    const [from, to] = [quiet[0].at / RATE, quiet.at(-1).at / RATE];
    expect(from).toBeGreaterThan(0.25);
    expect(to).toBeGreaterThan(1.05);
    expect(to).toBeLessThan(1.9);
    const out = await studio.exportFile({ format: 'float32' });
    const change = (start: number, seconds = 0.1) => levelChangeDb(out, asset('tone-stereo-44k.wav'), start, seconds);
    expect(change(0.05, 0.15)).toBeCloseTo(0, 1); // before the touch
    expect(change(from + 0.05, to - from - 0.1)).toBeCloseTo(-12, 0); // held
    if (to + 0.25 < 1.95) expect(change(to + 0.15, 1.95 - to - 0.15)).toBeCloseTo(0, 1); // back after the glide
    // Clear automation over the pass (Alt+Shift+A) takes its points out: unity across it again.
    await page.evaluate(
      ([start, end]) => {
        const s = (window as any).omniStudio.services.store.getState();
        s.selectRange({ start, end, trackIds: [s.project.tracks[0].id] });
      },
      [Math.round((from - 0.05) * RATE), Math.round((to + 0.2) * RATE)],
    );
    await page.keyboard.press('Alt+Shift+A');
    expect((await studio.summary()).undo.at(-1)).toBe('Clear automation');
    const cleared = await studio.exportFile({ format: 'float32' });
    expect(levelChangeDb(cleared, asset('tone-stereo-44k.wav'), from + 0.05, 0.2)).toBeCloseTo(0, 1);
    // Undo brings the pass back, and one more undo takes the whole pass away.
    await page.keyboard.press('Control+z');
    expect((await state(page)).track.volume.length).toBeGreaterThan(2);
    await page.keyboard.press('Control+z');
    expect((await state(page)).track.volume).toBeUndefined();
  });

  test('Latch: the pan moved hard left once stays written there until playback stops (sox hears the right empty)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.getByTestId('track-automation-mode').selectOption('latch');
    const pan = page.getByTestId('track-pan');
    await studio.action('playPause').click();
    await reach(page, 0.4);
    await pan.dispatchEvent('pointerdown');
    await pan.fill('-1');
    await pan.dispatchEvent('pointerup');
    await expect(page.getByTestId('track-header').getByText('Pan L100')).toBeVisible();
    expect((await studio.summary()).undo.at(-1)).not.toBe('Write pan automation'); // still writing
    // An edit elsewhere that changes what plays starts playback again (a rename would not): here a new, empty track.
    // The latched pan is still heard (the right channel silent).
    const started = await startPosition(page);
    await studio.action('newTrack').click();
    await expect.poll(() => startPosition(page)).not.toBe(started);
    // From the restarted playback's first sound on, the tone is heard hard left: read ten times over half a second.
    await expect.poll(async () => (await peaksNow(page))?.[0] ?? 0, { intervals: [20] }).toBeGreaterThan(0.5);
    const heard: number[][] = [];
    for (let i = 0; i < 10; i++) {
      heard.push((await peaksNow(page)) ?? []);
      await page.waitForTimeout(50);
    }
    expect(heard.filter(([left]) => left > 0.5).length).toBeGreaterThan(5);
    expect(Math.max(...heard.map(([, right]) => right))).toBeLessThan(1e-3);
    await expect.poll(async () => (await state(page)).playing, { timeout: 10_000 }).toBe(false);
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Write pan automation');
    await expect(page.getByTestId('track-header').getByText('Pan auto')).toBeVisible();

    const { track } = await state(page);
    const left = track.panPoints.filter((p: { pan: number }) => p.pan === -1);
    const from = left[0].at / RATE;
    expect(from).toBeGreaterThan(0.35);
    expect(left.at(-1).at / RATE).toBeGreaterThan(1.9); // held to where playback stopped
    const out = await studio.exportFile({ format: 'float32' });
    const db = (start: number, channel: number) =>
      20 * Math.log10(soxStat(out, { start, seconds: 0.2 }, `remix ${channel}`)['RMS     amplitude'] + 1e-12);
    expect(db(0.1, 2)).toBeGreaterThan(-12); // centred before the touch
    expect(db(from + 0.1, 2)).toBeLessThan(-100); // hard left after it, to the end
    expect(db(1.75, 2)).toBeLessThan(-100);
    expect(db(1.75, 1)).toBeGreaterThan(-10);
  });

  test("Touch on the master fader writes the master's volume lane: the whole mix 12 dB down over the pass (sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-automation-mode').selectOption('touch');
    await page.getByTestId('master-summary').click();
    await studio.action('playPause').click();
    await reach(page, 0.3);
    await page.getByTestId('master-summary').click();
    const fader = page.getByTestId('master-gain');
    await fader.dispatchEvent('pointerdown');
    await fader.fill('-12');
    await expect(page.getByTestId('bus-volume-line-point').first()).toBeVisible(); // drawn as it is written
    // Heard at once: the -6 dBFS tone's peaks 12 dB down in what plays.
    await expect.poll(() => peakNow(page, 0)).toBeLessThan(10 ** (-15 / 20));
    await reach(page, 1.1);
    await fader.dispatchEvent('pointerup');
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Write master automation');
    await expect.poll(async () => (await state(page)).playing, { timeout: 10_000 }).toBe(false);
    const master = await page.evaluate(() => (window as any).omniStudio.services.store.getState().project.master);
    expect(master.gainDb).toBe(0);
    const quiet = master.volume.filter((p: { gain: number }) => p.gain < 0.5);
    const [from, to] = [quiet[0].at / RATE, quiet.at(-1).at / RATE];
    const out = await studio.exportFile({ format: 'float32' });
    const change = (start: number, seconds: number) => levelChangeDb(out, asset('tone-stereo-44k.wav'), start, seconds);
    expect(change(0.05, 0.15)).toBeCloseTo(0, 1);
    expect(change(from + 0.05, to - from - 0.1)).toBeCloseTo(-12, 0);
  });

  test("Touch on an effect bus's fader in the Mixer writes the bus's volume lane: its return down at once and in the export (sox)", async ({
    studio,
    page,
  }) => {
    const before = await reverbThrough(studio, page, 'tone-stereo-44k.wav');
    const strip = page.getByTestId('mixer-strip').nth(1);
    await strip.getByTestId('mixer-bus-automation-mode').selectOption('touch');
    await studio.action('playPause').click();
    await reach(page, 0.4);
    const loud = await peakNow(page, 0);
    const fader = strip.getByTestId('mixer-bus-fader');
    await fader.dispatchEvent('pointerdown');
    await fader.fill('-36');
    // Heard at once: 12 dB down and more (the dry track, 36 dB down, stays).
    await expect.poll(() => peakNow(page, 0)).toBeLessThan(loud / 4);
    const pressedAt = (await state(page)).playhead / RATE;
    await reach(page, pressedAt + 0.7);
    await fader.dispatchEvent('pointerup');
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Write bus automation');
    await expect.poll(async () => (await state(page)).playing, { timeout: 10_000 }).toBe(false);
    const bus = await page.evaluate(() => (window as any).omniStudio.services.store.getState().project.buses[0]);
    expect(bus.gainDb).toBe(0); // the return fader's own level untouched
    const quiet = bus.volume.filter((p: { gain: number }) => p.gain < 0.1);
    const [from, to] = [quiet[0].at / RATE, quiet.at(-1).at / RATE];
    expect(to - from).toBeGreaterThan(0.5);
    const out = await studio.exportFile({ format: 'float32' });
    expect(levelChangeDb(out, before, 0.05, from - 0.1)).toBeCloseTo(0, 1); // as it was before the touch
    expect(levelChangeDb(out, before, from + 0.2, to - from - 0.3)).toBeLessThan(-12); // the return ridden down
  });

  test("Touch on a track's send in the Mixer writes the send's level lane: the reverb dies away as it plays and in the export (sox)", async ({
    studio,
    page,
  }) => {
    const before = await reverbThrough(studio, page, 'chord.wav'); // 9 s of a steady chord at -20 dBFS
    const strip = page.getByTestId('mixer-strip').nth(0);
    await strip.getByTestId('mixer-automation-mode').selectOption('touch');
    const send = async () => (await state(page)).track.sends[0];
    await touchSendDown(studio, page, strip.getByTestId('mixer-send'), send, before);
  });

  test("Touch on a bus's send in the Mixer writes its level lane: the reverb it feeds dies away as it plays and in the export (sox)", async ({
    studio,
    page,
  }) => {
    await studio.importFiles('chord.wav'); // 9 s of a steady chord at -20 dBFS
    await studio.waitForTracks(1);
    // The track into a group bus (Bus 2) that sends to a reverb bus (Bus 1, made by a track's send, then removed).
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-send-add').selectOption('new');
    await panel.getByRole('button', { name: 'Remove the send to Bus 1' }).click();
    await panel.getByTestId('fx-output').selectOption('new');
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-bus-send-add').selectOption({ label: 'Bus 1' });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+M');
    // The reverb heard alone (soloed in place), as it is before the pass.
    await page.getByRole('region', { name: 'Bus 1' }).getByTestId('mixer-bus-solo').click();
    const before = await studio.exportFile({ format: 'float32' });
    await page.keyboard.press('Alt+M');
    const group = page.getByRole('region', { name: 'Bus 2' });
    await group.getByTestId('mixer-bus-automation-mode').selectOption('touch');
    const send = () =>
      page.evaluate(
        () =>
          (window as any).omniStudio.services.store.getState().project.buses.find((b: any) => b.name === 'Bus 2')
            .sends[0],
      );
    await touchSendDown(studio, page, group.getByTestId('mixer-bus-send'), send, before);
    await expect(page.getByTestId('send-lane')).toContainText('Bus 2 · Send → Bus 1');
  });

  test('Read: the fader changes the track gain as ever while it plays, and nothing is written', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await expect(page.getByTestId('track-automation-mode')).toHaveValue('read');
    await page.keyboard.press('Alt+a'); // the mode in turn: Touch
    await expect(page.getByTestId('track-automation-mode')).toHaveValue('touch');
    await page.getByTestId('track-automation-mode').selectOption('read');
    await studio.action('playPause').click();
    await reach(page, 0.3);
    const fader = page.getByTestId('track-gain');
    await fader.dispatchEvent('pointerdown');
    await fader.fill('-6');
    await fader.dispatchEvent('pointerup');
    expect((await studio.summary()).undo.at(-1)).toBe('Track gain');
    const { track } = await state(page);
    expect(track.gainDb).toBe(-6);
    expect(track.volume).toBeUndefined();
    await studio.action('playPause').click();
  });
});

test("the Mixer sets a track's fader and mute, meters it and the master as it plays, and sets the master fader", async ({
  studio,
  page,
}) => {
  await studio.importFiles('tone-stereo-44k.wav', 'speech-22k.wav');
  await studio.waitForTracks(2);
  await page.keyboard.press('Alt+m');
  const strips = page.getByTestId('mixer-strip');
  await expect(strips).toHaveCount(3); // two tracks and the master
  await strips.nth(0).getByTestId('mixer-fader').fill('-6');
  await expect(page.getByTestId('track-header').first().getByText('Gain -6.0 dB')).toBeVisible();
  await strips.nth(1).getByTestId('mixer-mute').click();
  await expect(page.getByTestId('track-mute').nth(1)).toHaveAttribute('aria-pressed', 'true');
  await strips.nth(2).getByTestId('mixer-master-fader').fill('-3');
  expect((await studio.summary()).undo.slice(-3)).toEqual(['Track gain', 'Mute', 'Master gain']);
  // A double-click on a fader sets 0 dB again, as on the master's.
  await strips.nth(0).getByTestId('mixer-fader').dblclick();
  await expect(page.getByTestId('track-header').first().getByText('Gain 0.0 dB')).toBeVisible();
  await strips.nth(0).getByTestId('mixer-fader').fill('-6');
  await studio.action('playPause').click();
  // The tone's -6 dBFS peaks 6 dB down on its strip's meter; the muted track's reads nothing.
  const meter = (n: number) => strips.nth(n).getByTestId('track-meter');
  await expect.poll(async () => Number(await meter(0).getAttribute('data-db'))).toBeLessThan(-11);
  expect(Math.abs(Number(await meter(0).getAttribute('data-db')) + 12)).toBeLessThan(1);
  await expect(meter(1)).toHaveAttribute('data-db', '-∞');
  // The master's strip meters the mix after its fader: the tone's -6 dBFS, 6 dB down on its track, 3 on the master.
  await expect.poll(async () => Number(await meter(2).getAttribute('data-db'))).toBeLessThan(-14);
  expect(Math.abs(Number(await meter(2).getAttribute('data-db')) + 15)).toBeLessThan(1);
  await studio.action('playPause').click();
});
