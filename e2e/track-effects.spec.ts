import type { Page } from '@playwright/test';
import { capture, startCapture, stopCapture } from './capture';
import { expect, test } from './fixtures';
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../src/dsp/wav';
import { bandDb, dragPoints, noiseTrack, playedAgainst, signalTrack } from './mix-checks';
import { crossingHz, soxFloat, soxInfo, soxStat } from './sox';

/** Opens the track's effects and adds a low-pass at `hz`. */
async function addLowpass(page: Page, hz: string) {
  await page.getByTestId('track-fx').click();
  const panel = page.getByTestId('track-effects-panel');
  await panel.getByTestId('fx-add').selectOption('filter');
  await panel.getByTestId('fx-type-0').selectOption('lowpass');
  await panel.getByTestId('fx-hz-0').fill(hz);
  await panel.getByTestId('fx-hz-0').press('Enter');
  await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', `Low-pass ${hz} Hz`);
}

/** Two points on the effect lane: a quarter of the way in, a quarter of the way up (a frequency's lane: about
 * 110 Hz); three quarters in, dragged over its top (20 kHz). */
const sweepUp = (page: Page) =>
  dragPoints(page, 'effect-lane-line', [
    [0.25, 0.75],
    [0.75, -0.5],
  ]);

/** The share of a signal's power in its sample-to-sample changes: high where it holds high frequencies. */
function brightness(x: number[]): number {
  let [change, power] = [0, 0];
  for (let i = 1; i < x.length; i++) {
    change += (x[i] - x[i - 1]) ** 2;
    power += x[i] ** 2;
  }
  return change / power;
}

test.describe('track effects', () => {
  test.beforeEach(async ({ studio, page }) => {
    await noiseTrack(page);
    await studio.waitForTracks(1);
  });

  test("a track's low-pass is heard as it plays and kept by the export, the clip untouched; off, it is bypassed; it stays with the project", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await addLowpass(page, '500');
    expect((await studio.summary()).undo.slice(-3)).toEqual(['Add Filter', 'Change Filter', 'Change Filter']);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('track-fx')).toHaveAttribute('title', /Low-pass 500 Hz/);

    // The export: 3-8 kHz over 40 dB down, 50-300 Hz as it was (sox's own band filters measure).
    const filtered = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '3000-8000') - bandDb(filtered, '3000-8000')).toBeGreaterThan(40);
    expect(Math.abs(bandDb(raw, '50-300') - bandDb(filtered, '50-300'))).toBeLessThan(1);

    // Playback: what the player sends out is the export, sample for sample (fitted for the centre pan's -3 dB).
    const fitTo = await playedAgainst(page);
    const heardFit = fitTo(filtered);
    expect(heardFit.db).toBeLessThan(-60);
    expect(heardFit.scale).toBeCloseTo(Math.SQRT1_2, 2);
    // Without the effect the same fit is far off: the test could not pass with the effect unheard.
    expect(fitTo(raw).db).toBeGreaterThan(-1);

    // Bypassed, the export is the clip's samples again; the clip itself never changed.
    await page.getByTestId('track-fx').click();
    await page.getByTestId('fx-on-0').uncheck();
    expect((await studio.summary()).undo.at(-1)).toBe('Filter off');
    expect(soxFloat(await studio.exportFile({ format: 'float32' }), [])).toEqual(soxFloat(raw, []));

    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('title', /Low-pass 500 Hz \(off\)/);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'false');
  });

  test('changed while playing, effects are heard at once without playback starting again, a compressor metered; a setting out of bounds is refused', async ({
    studio,
    page,
  }) => {
    await addLowpass(page, '500');
    await studio.action('playPause').click();
    const started = () => page.evaluate(() => (window as any).omniStudio.services.player.startPosition());
    await page.waitForTimeout(300);
    const before = await capture(page, ['mix'], 0.4);
    const from = await started();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-hz-0').fill('8000');
    await panel.getByTestId('fx-hz-0').press('Enter');
    await page.waitForTimeout(100);
    const after = await capture(page, ['mix'], 0.4);
    expect(await started()).toBe(from); // the same playback, retuned
    expect(brightness(after.channels[0])).toBeGreaterThan(20 * brightness(before.channels[0]));

    // A compressor added while playing joins the chain at once, and its meter shows how far it turns the noise down.
    await panel.getByTestId('fx-add').selectOption('compressor');
    await panel.getByTestId('fx-threshold-1').fill('-40');
    await panel.getByTestId('fx-threshold-1').press('Enter');
    const reduction = async () =>
      Number((await panel.getByTestId('fx-reduction-1').textContent())?.match(/[\d.]+/)?.[0]);
    await expect.poll(reduction).toBeGreaterThan(3);
    expect(await started()).toBe(from);
    await studio.action('stop').click(); // which closes panels, as Escape

    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-hz-0').fill('5');
    await panel.getByTestId('fx-hz-0').press('Enter');
    await expect(page.getByTestId('notice-error').last()).toContainText("A filter's frequency must be 20 to 20000 Hz.");
    await expect(panel.getByTestId('fx-hz-0')).toHaveValue('8000');
    expect((await studio.summary()).undo.at(-1)).toBe('Change Compressor');
    await expect(panel.getByTestId('fx-reduction-1')).toHaveText('–'); // stopped: no reading

    // The chain copied to the master: the master has it too, the track keeps its own.
    await panel.getByTestId('fx-copy').selectOption('master');
    expect((await studio.summary()).undo.at(-1)).toBe('Copy effects to the master');
    await expect(page.getByTestId('master-summary')).toHaveAttribute('data-effects', '2');
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'true');
  });

  test('the master fader and a master low-pass are heard and exported with the mix; a track exported alone skips them', async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-gain').fill('-6');
    await expect(page.getByTestId('master-summary')).toContainText('-6.0 dB');
    await page.getByTestId('master-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await expect(panel.getByRole('heading')).toHaveText('Master effects');
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-type-0').selectOption('lowpass');
    await panel.getByTestId('fx-hz-0').fill('500');
    await panel.getByTestId('fx-hz-0').press('Enter');
    expect((await studio.summary()).undo.slice(-4)).toEqual([
      'Master gain',
      'Add Filter',
      'Change Filter',
      'Change Filter',
    ]);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'false'); // the track has none

    const mix = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '3000-8000') - bandDb(mix, '3000-8000')).toBeGreaterThan(40);
    // The fader's 6 dB and the centre pan's 3: through master effects the mono track is mixed in stereo, as heard.
    expect(bandDb(raw, '50-300') - bandDb(mix, '50-300')).toBeCloseTo(9, 0);
    expect(soxFloat(await studio.exportFile({ scope: 'track', format: 'float32' }), [])).toEqual(soxFloat(raw, []));

    const heardFit = (await playedAgainst(page))(mix);
    expect(heardFit.db).toBeLessThan(-60);
    expect(heardFit.scale).toBeCloseTo(1, 2); // the stereo mix's left, as heard

    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(page.getByTestId('master-summary')).toContainText('-6.0 dB');
    await expect(page.getByTestId('master-summary')).toHaveAttribute('data-effects', '1');
  });

  test('a limiter and a noise gate look ahead, yet play in time with the other tracks as the export has them; the limiter metered', async ({
    studio,
    page,
  }) => {
    await noiseTrack(page);
    await studio.waitForTracks(2);
    const panel = page.getByTestId('track-effects-panel');
    // The first track limited under its noise's peaks and through a gate held open (10 ms of look-ahead each), the
    // second as it is: played as they are, the first would be heard 20 ms after the second.
    await page.getByTestId('track-fx').nth(0).click();
    await panel.getByTestId('fx-add').selectOption('limiter');
    await panel.getByTestId('fx-ceiling-0').fill('-24');
    await panel.getByTestId('fx-ceiling-0').press('Enter');
    await expect(panel.getByTestId('fx-slot').nth(0)).toHaveAttribute('aria-label', 'Limiter -24 dBFS, release 50 ms');
    await panel.getByTestId('fx-add').selectOption('gate');
    await panel.getByTestId('fx-threshold-1').fill('-80');
    await panel.getByTestId('fx-threshold-1').press('Enter');
    await expect(panel.getByTestId('fx-slot').nth(1)).toHaveAttribute('aria-label', 'Noise gate -80 dBFS, -24 dB');
    expect((await studio.summary()).undo.slice(-4)).toEqual([
      'Add Limiter',
      'Change Limiter',
      'Add Noise gate',
      'Change Noise gate',
    ]);
    await page.keyboard.press('Escape');

    const mix = await studio.exportFile({ format: 'float32' });
    expect(soxStat(mix, undefined, '')['Maximum amplitude']).toBeGreaterThan(0.07); // the second track's peaks pass
    const heardFit = (await playedAgainst(page))(mix);
    expect(heardFit.db).toBeLessThan(-60);
    expect(heardFit.scale).toBeCloseTo(Math.SQRT1_2, 2);

    // Half wet (parallel limiting): the dry half held back 10 ms to meet the limited half, heard as exported.
    await page.getByTestId('track-fx').nth(0).click();
    await panel.getByTestId('fx-drywet-0').fill('50');
    await panel.getByTestId('fx-drywet-0').press('Enter');
    await expect(panel.getByTestId('fx-slot').nth(0)).toHaveAttribute('aria-label', /, 50 % wet$/);
    await page.keyboard.press('Escape');
    const parallel = await studio.exportFile({ format: 'float32' });
    // (The limiter's gain moves slowly on this noise, so within a block the two exports differ mostly in level: the
    // scale, the centre pan's -3 dB, tells them apart.)
    const fitTo = await playedAgainst(page);
    expect(fitTo(parallel).db).toBeLessThan(-60);
    expect(fitTo(parallel).scale).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(fitTo(mix).scale - Math.SQRT1_2)).toBeGreaterThan(0.05);

    // The limiter's gain reduction read while it plays.
    await page.getByTestId('track-fx').nth(0).click();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-reduction-0')).toHaveText(/^−\d+\.\d dB$/);
    await page.getByTestId('action-stop').click();
  });

  test('pitch correction on an insert pulls a flat A to 440 Hz as it plays and in the export, on time and metered; off, or within 20 cents, the clip is heard as it is', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('flat-a.wav'); // sox's sine at 430 Hz, 40 cents flat
    await studio.waitForTracks(2);
    await page.getByTestId('track-mute').nth(0).click(); // the noise out of the way
    const panel = page.getByTestId('track-effects-panel');
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-add').selectOption('tune');
    await panel.getByTestId('fx-key-0').selectOption('C major');
    await panel.getByTestId('fx-speed-0').fill('0');
    await panel.getByTestId('fx-speed-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', 'Pitch correction (C major, 0 ms)');
    await page.keyboard.press('Escape');
    const hertz = (path: string) => crossingHz(path, 0.5, 2);
    const cents = (hz: number) => 1200 * Math.log2(hz / 440);
    const tuned = await studio.exportFile({ format: 'float32' });
    expect(Math.abs(cents(hertz(tuned)))).toBeLessThan(2);
    // Heard as exported, and on time: 70 ms of the corrector's look-ahead made up for (the fit searches 300 samples).
    const heardFit = (await playedAgainst(page))(tuned);
    expect(heardFit.db).toBeLessThan(-60);
    expect(heardFit.scale).toBeCloseTo(1, 2); // a stereo track: its pan at the centre passes it as it is
    const start = soxFloat(tuned, ['remix', '1', 'trim', '0', '0.01']);
    expect(Math.max(...start.map(Math.abs))).toBeGreaterThan(0.05); // sounding from the clip's start, not 70 ms later
    // The correction it makes, read as it plays.
    await page.getByTestId('track-fx').nth(1).click();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-correction-0')).toHaveText(/^\+(39|40) cents$/);
    await page.getByTestId('action-stop').click();
    // Listening from 100 Hz: the same correction, 50 ms late rather than 70, still heard on time.
    if (!(await panel.isVisible())) await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-voice-0').selectOption('100');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Pitch correction (C major, 0 ms, from 100 Hz)',
    );
    await page.keyboard.press('Escape');
    const sooner = await studio.exportFile({ format: 'float32' });
    expect(Math.abs(cents(hertz(sooner)))).toBeLessThan(2);
    expect((await playedAgainst(page))(sooner).db).toBeLessThan(-60);
    if (!(await panel.isVisible())) await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-on-0').uncheck();
    await page.keyboard.press('Escape');
    expect(cents(hertz(await studio.exportFile({ format: 'float32' })))).toBeCloseTo(1200 * Math.log2(430 / 440), 0);
    // On again, corrected only within 20 cents of a note (Flex-Tune): the A, 40 cents off, is left as sung.
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-on-0').check();
    await panel.getByTestId('fx-within-0').fill('20');
    await panel.getByTestId('fx-within-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Pitch correction (C major, 0 ms, within 20¢, from 100 Hz)',
    );
    await page.keyboard.press('Escape');
    expect(cents(hertz(await studio.exportFile({ format: 'float32' })))).toBeCloseTo(1200 * Math.log2(430 / 440), 0);
  });

  test('a de-esser turns a hiss down as it plays and in the export, on time and metered; distortion drives a tone into harmonics; stereo width makes a pair mono', async ({
    studio,
    page,
  }) => {
    const panel = page.getByTestId('track-effects-panel');
    const dry = await studio.exportFile({ format: 'float32' });
    // White noise is all hiss to a de-esser: over 5 kHz its RMS is some 15 dB over a -40 dBFS threshold.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-add').selectOption('deess');
    await panel.getByTestId('fx-threshold-0').fill('-40');
    await panel.getByTestId('fx-threshold-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'De-esser over 5000 Hz, -40 dBFS, at most 12 dB',
    );
    await page.keyboard.press('Escape');
    const deessed = await studio.exportFile({ format: 'float32' });
    expect(bandDb(dry, '7000-15000') - bandDb(deessed, '7000-15000')).toBeGreaterThan(9);
    expect(Math.abs(bandDb(dry, '200-2000') - bandDb(deessed, '200-2000'))).toBeLessThan(0.5);
    const heardFit = (await playedAgainst(page))(deessed); // its 5.9 ms look-ahead made up for
    expect(heardFit.db).toBeLessThan(-60);
    await page.getByTestId('track-fx').click();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-reduction-0')).toHaveText(/^−\d+\.\d dB$/);
    await page.getByTestId('action-stop').click();
    await page.keyboard.press('Escape');

    // A stereo pair (440 Hz left, 660 Hz right) alone: driven hard, the left's 440 Hz gains its third harmonic.
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(2);
    await page.getByTestId('track-mute').nth(0).click();
    const pair = await studio.exportFile({ format: 'float32' });
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-add').selectOption('distortion');
    await panel.getByTestId('fx-curve-0').selectOption('hard');
    await panel.getByTestId('fx-drive-0').fill('24');
    await panel.getByTestId('fx-drive-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Distortion (hard) +24 dB drive, -6 dBFS out',
    );
    await page.keyboard.press('Escape');
    const driven = await studio.exportFile({ format: 'float32' });
    expect(bandDb(pair, '1250-1400')).toBeLessThan(-70);
    expect(bandDb(driven, '1250-1400')).toBeGreaterThan(-30);

    // Distortion off, the width at 0 %: the left carries the right's 660 Hz too, at half its level; the
    // correlation meter reads the two channels as one.
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-on-0').uncheck();
    await panel.getByTestId('fx-add').selectOption('width');
    await panel.getByTestId('fx-width-1').fill('0');
    await panel.getByTestId('fx-width-1').press('Enter');
    await expect(panel.getByTestId('fx-slot').nth(1)).toHaveAttribute('aria-label', 'Stereo width 0 %');
    await expect(panel.getByTestId('fx-mono-1')).toHaveCount(0); // a stereo track: no note that it is mono
    await page.keyboard.press('Escape');
    const narrowed = await studio.exportFile({ format: 'float32' });
    const [the660, the440] = ['-t 50 600-720', '-t 50 400-480']; // narrow transitions: the other tone kept out
    expect(bandDb(pair, the660)).toBeLessThan(-50);
    expect(bandDb(narrowed, the660)).toBeCloseTo(bandDb(pair, the440) - 6, 0);
    await page.getByTestId('track-fx').nth(1).click();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-correlation-1')).toHaveText('1.00');
    await page.getByTestId('action-stop').click();
  });

  test("a multiband compressor on the master holds a loud bass down, leaving the noise's highs as they were; each band metered", async ({
    studio,
    page,
  }) => {
    await signalTrack(page, 'tone', { hz: '60', db: '-6', seconds: '3' });
    await studio.waitForTracks(2);
    const masterEffects = async () => {
      if (!(await page.getByTestId('master-fx').isVisible())) await page.getByTestId('master-summary').click();
      await page.getByTestId('master-fx').click();
    };
    await masterEffects();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('multiband');
    const set = async (fields: [string, string][]) => {
      for (const [field, value] of fields) {
        await panel.getByTestId(`fx-${field}-0`).fill(value);
        await panel.getByTestId(`fx-${field}-0`).press('Enter');
      }
    };
    // Every band at 1:1, no make-up: the bands add back up to the mix (the reference).
    await set([
      ['ratio0', '1'],
      ['ratio1', '1'],
      ['ratio2', '1'],
      ['makeup', '0'],
    ]);
    await page.keyboard.press('Escape');
    const dry = await studio.exportFile({ format: 'float32' });
    // The lows held down 4:1 over -30 dBFS.
    await masterEffects();
    await set([
      ['threshold0', '-30'],
      ['ratio0', '4'],
    ]);
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Multiband 120 / 4000 Hz: -30 dBFS 4:1 · -20 dBFS 1:1 · -20 dBFS 1:1',
    );
    await page.keyboard.press('Escape');
    const held = await studio.exportFile({ format: 'float32' });
    expect(bandDb(dry, '40-80') - bandDb(held, '40-80')).toBeGreaterThan(8);
    expect(Math.abs(bandDb(dry, '6000-15000') - bandDb(held, '6000-15000'))).toBeLessThan(0.3);
    await masterEffects();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-reduction0-0')).toHaveText(/^−\d+\.\d dB$/);
    await expect(panel.getByTestId('fx-reduction2-0')).toHaveText('0.0 dB');
    await page.getByTestId('action-stop').click();
  });

  test('a transient shaper makes the clicks of a click track snap harder or softer', async ({ studio, page }) => {
    await page.getByTestId('track-mute').click(); // the noise out of the way
    await signalTrack(page, 'clicks', { seconds: '3' });
    await studio.waitForTracks(2);
    const rms = async () =>
      20 *
      Math.log10(soxStat(await studio.exportFile({ format: 'float32' }), undefined, 'remix 1')['RMS     amplitude']);
    const dry = await rms();
    const panel = page.getByTestId('track-effects-panel');
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-add').selectOption('transient');
    await panel.getByTestId('fx-attack-0').fill('100');
    await panel.getByTestId('fx-attack-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Transient shaper attack +100 %, sustain 0 %',
    );
    await page.keyboard.press('Escape');
    expect((await rms()) - dry).toBeGreaterThan(3);
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-attack-0').fill('-100');
    await panel.getByTestId('fx-attack-0').press('Enter');
    await page.keyboard.press('Escape');
    expect((await rms()) - dry).toBeLessThan(-3);
    await page.getByTestId('track-fx').nth(1).click();
    await page.getByTestId('action-playPause').click();
    await expect(panel.getByTestId('fx-gain-0')).toHaveText(/^[+−]?\d+\.\d dB$/);
    await page.getByTestId('action-stop').click();
  });

  test('Mono sums the mix on its way to the speakers only: left and right alike while on, the export still stereo', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 440 Hz left, 660 Hz right
    await studio.waitForTracks(2);
    await page.getByTestId('track-mute').nth(0).click();
    const transport = (name: string) => page.getByTestId(`action-${name}`).click();
    const speakers = async () => {
      await transport('playPause'); // the player's context, for the capture to tap
      await transport('stop');
      await startCapture(page, ['speakers-left', 'speakers-right']);
      await transport('playPause');
      await page.waitForTimeout(1000);
      const { channels } = await stopCapture(page);
      await transport('stop');
      const [left, right] = channels;
      const rms = (x: number[]) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
      return { level: rms(left), apart: rms(left.map((v, i) => v - right[i])) };
    };
    const stereo = await speakers();
    expect(stereo.level).toBeGreaterThan(0.1);
    expect(stereo.apart).toBeGreaterThan(0.1);
    await page.getByTestId('master-summary').click(); // Mono is on the master
    await transport('monoMonitor');
    await expect(page.getByTestId('action-monoMonitor')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('master-summary')).toContainText('mono');
    await page.keyboard.press('Escape');
    const mono = await speakers();
    expect(mono.level).toBeGreaterThan(0.1);
    expect(mono.apart).toBeLessThan(1e-6);
    const exported = await studio.exportFile({ format: 'float32' });
    expect(soxStat(exported, undefined, 'remix 1v1,2v-1')['RMS     amplitude']).toBeGreaterThan(0.1);
  });

  test("a tremolo swings on the timeline's beat: played from 1.1 s, heard as the export has it there", async ({
    studio,
    page,
  }) => {
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('tremolo');
    await panel.getByTestId('fx-rate-0').fill('5');
    await panel.getByTestId('fx-rate-0').press('Enter');
    await panel.getByTestId('fx-depth-0').fill('1');
    await panel.getByTestId('fx-depth-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', 'Tremolo 5 Hz, depth 1');
    await page.keyboard.press('Escape');
    const mix = await studio.exportFile({ format: 'float32' });
    // 1.1 s is five and a half swings in: an LFO started with playback would be half a swing off the export's.
    const heardFit = (await playedAgainst(page, 52800))(mix);
    expect(heardFit.db).toBeLessThan(-60);
    expect(heardFit.scale).toBeCloseTo(Math.SQRT1_2, 2);
  });

  test('a convolution reverb plays a loaded impulse as it plays and in the export, kept with the project; a built-in hall', async ({
    studio,
    page,
  }) => {
    const rawFile = await studio.exportFile({ format: 'float32' });
    const raw = soxFloat(rawFile, ['remix', '1']);
    // The impulse: a tap 10 ms late at half level (scaled to unit energy: the sound again, 10 ms later).
    const lag = 480;
    const tap = new Float32Array(4800);
    tap[lag] = 0.5;
    const file = test.info().outputPath('tap 10 ms.wav');
    writeFileSync(file, Buffer.from(encodeWav([tap], 48000, 'float32')));
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('convolver');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Convolution reverb: Room (built in) at -12 dB',
    );
    // A silent file holds no impulse: said, and the effect left as it was.
    const silent = test.info().outputPath('silence.wav');
    writeFileSync(silent, Buffer.from(encodeWav([new Float32Array(4800)], 48000, 'float32')));
    await panel.getByTestId('fx-impulse-file-0').setInputFiles([silent]);
    await expect(page.getByText('"silence.wav" is silent: it holds no impulse.')).toBeVisible();
    await expect(panel.getByTestId('fx-impulse-length-0')).toHaveText('0.70 s long');
    await panel.getByTestId('fx-impulse-file-0').setInputFiles([file]);
    await expect(panel.getByTestId('fx-impulse-length-0')).toHaveText('0.10 s long');
    await panel.getByTestId('fx-wet-0').fill('0');
    await panel.getByTestId('fx-wet-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', 'Convolution reverb: tap 10 ms at 0 dB');
    await page.keyboard.press('Escape');

    // The export: the noise with itself 10 ms later added (sox reads it), the first 10 ms the noise alone.
    const exported = await studio.exportFile({ format: 'float32' });
    const mix = soxFloat(exported, ['remix', '1']);
    let [worst, peak] = [0, 0];
    for (let i = 0; i < raw.length; i++) {
      worst = Math.max(worst, Math.abs(mix[i] - raw[i] - (i >= lag ? raw[i - lag] : 0)));
      peak = Math.max(peak, Math.abs(raw[i]));
    }
    expect(20 * Math.log10(worst / peak)).toBeLessThan(-80);

    // Playback: the worklet has the impulse (the export, fitted; the dry sound alone far off).
    const fitTo = await playedAgainst(page);
    expect(fitTo(exported).db).toBeLessThan(-50);
    expect(fitTo(rawFile).db).toBeGreaterThan(-6);

    // Kept with the project: after a reload the impulse is there and the export the same.
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    expect(soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1'])).toEqual(mix);

    // A pre-delay of 10 ms: the tap comes 20 ms late.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-predelay-0').fill('10');
    await panel.getByTestId('fx-predelay-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      'Convolution reverb: tap 10 ms at 0 dB, 10 ms pre-delay',
    );
    await page.keyboard.press('Escape');
    const later = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    worst = 0;
    for (let i = 2 * lag; i < raw.length; i++) worst = Math.max(worst, Math.abs(later[i] - raw[i] - raw[i - 2 * lag]));
    expect(20 * Math.log10(worst / peak)).toBeLessThan(-80);

    // A built-in hall at 0 dB: once its tail has built up, as much reverb as noise (3 dB up), an impulse's worth.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-impulse-0').selectOption('hall');
    await expect(panel.getByTestId('fx-impulse-length-0')).toHaveText('3.20 s long');
    await page.keyboard.press('Escape');
    const rms = (path: string) =>
      20 * Math.log10(soxStat(path, { start: 2, seconds: 1 }, 'remix 1')['RMS     amplitude']);
    const hall = await studio.exportFile({ format: 'float32' });
    expect(rms(hall) - rms(rawFile)).toBeCloseTo(3, 0);
    // The export rings out past the noise's 3 s until the hall has died away (Ring out, on by default): sox reads it.
    await expect(page.getByText(/The effects rang out \d\.\d\d s past the end/).last()).toBeVisible();
    expect(soxInfo(hall).seconds).toBeGreaterThan(3 + 2);
    const ringing = soxStat(hall, { start: 3.5, seconds: 0.5 }, 'remix 1')['RMS     amplitude'];
    expect(20 * Math.log10(ringing)).toBeGreaterThan(-60);
    await studio.action('export').click();
    await page.getByTestId('export-ring-out').uncheck();
    await page.getByRole('button', { name: 'Close' }).click();
    expect(soxInfo(await studio.exportFile({ format: 'float32' })).seconds).toBe(3);
  });

  test('a convolution reverb measures its impulse from a sweep and its recording (here the sweep itself: a click)', async ({
    studio,
    page,
  }) => {
    const chirp = { hz: '40', toHz: '16000', db: '-12', toDb: '-12', seconds: '1' };
    await signalTrack(page, 'chirp', chirp); // the sweep as played
    await signalTrack(page, 'chirp', chirp); // its "recording": a room that changes nothing
    await studio.waitForTracks(3);
    const ids: string[] = await page.evaluate(() =>
      (window as any).omniStudio.services.store.getState().project.tracks.map((t: any) => t.id),
    );
    await page.evaluate(
      (trackIds) =>
        (window as any).omniStudio.services.store.getState().selectRange({ start: 0, end: 48000, trackIds }),
      [ids[1], ids[2]],
    );
    await page.getByTestId('track-fx').first().click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('convolver');
    await panel.getByTestId('fx-impulse-sweep-0').click();
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute(
      'aria-label',
      /^Convolution reverb: .* \(measured\) at -12 dB$/,
    );
    // The measured impulse is a click: all its energy in its first samples.
    const share = await page.evaluate(() => {
      const { store, assets } = (window as any).omniStudio.services;
      const effect = store.getState().project.tracks[0].effects[0];
      const [h] = assets.get(effect.impulse.assetId).channels as Float32Array[];
      const energy = (x: Float32Array) => x.reduce((sum, v) => sum + v * v, 0);
      return energy(h.subarray(0, 8)) / energy(h);
    });
    expect(share).toBeGreaterThan(0.95);
  });

  test('effect chains: a built-in one loaded, changed and saved by name, still there after a reload for the master, then deleted', async ({
    studio,
    page,
  }) => {
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-chain-load').selectOption('Voice: clean and even');
    await expect(panel.getByTestId('fx-slot')).toHaveCount(4);
    await expect(panel.getByTestId('fx-slot').nth(3)).toHaveAttribute('aria-label', 'Compressor -20 dBFS 3:1 +4 dB');
    await panel.getByTestId('fx-ratio-3').fill('5');
    await panel.getByTestId('fx-ratio-3').press('Enter');
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Load chain Voice: clean and even', 'Change Compressor']);
    await panel.getByTestId('fx-chain-name').fill('My voice');
    await panel.getByTestId('fx-chain-save').click();
    await expect(page.getByText('Saved the chain as “My voice”', { exact: false })).toBeVisible();
    await panel.getByTestId('fx-chain-name').fill('Telephone');
    await panel.getByTestId('fx-chain-save').click();
    await expect(page.getByText('“Telephone” is a built-in chain', { exact: false })).toBeVisible();

    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-fx').click();
    await expect(panel.getByRole('heading')).toHaveText('Master effects');
    await panel.getByTestId('fx-chain-load').selectOption('My voice');
    await expect(panel.getByTestId('fx-slot').nth(3)).toHaveAttribute('aria-label', 'Compressor -20 dBFS 5:1 +4 dB');
    await expect(page.getByTestId('master-summary')).toHaveAttribute('data-effects', '4');
    // The track kept its own chain; the master's is a copy.
    expect((await studio.summary()).undo.at(-1)).toBe('Load chain My voice');

    await panel.getByTestId('fx-chain-doomed').selectOption('My voice');
    await panel.getByTestId('fx-chain-delete').click();
    await expect(panel.getByTestId('fx-chain-load').locator('option', { hasText: 'My voice' })).toHaveCount(0);
    await expect(panel.getByTestId('fx-chain-doomed')).toHaveCount(0);
  });

  test("effect presets: a built-in one chosen is heard in the export; settings saved as a preset come back after a reload on the master's effect, then deleted", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-preset-0').selectOption('Muffled (1.2 kHz low-pass)');
    expect((await studio.summary()).undo.at(-1)).toBe('Preset Muffled (1.2 kHz low-pass)');
    await expect(panel.getByTestId('fx-slot').first()).toHaveAttribute('aria-label', 'Low-pass 1200 Hz');
    await expect(panel.getByTestId('fx-preset-0')).toHaveValue('Muffled (1.2 kHz low-pass)');
    await page.keyboard.press('Escape');
    const muffled = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '4000-8000') - bandDb(muffled, '4000-8000')).toBeGreaterThan(30);
    expect(Math.abs(bandDb(raw, '50-300') - bandDb(muffled, '50-300'))).toBeLessThan(1);

    // A compressor from a preset, one setting moved (no preset matches now), saved under a name of the user's.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-add').selectOption('compressor');
    await panel.getByTestId('fx-preset-1').selectOption('Drums: punch');
    await expect(panel.getByTestId('fx-slot').nth(1)).toHaveAttribute('aria-label', 'Compressor -14 dBFS 4:1 +4 dB');
    await panel.getByTestId('fx-ratio-1').fill('6');
    await panel.getByTestId('fx-ratio-1').press('Enter');
    await expect(panel.getByTestId('fx-preset-1')).toHaveValue('');
    await panel.getByTestId('fx-preset-1').selectOption(':save');
    await panel.getByTestId('fx-preset-name-1').fill('Vocal: gentle');
    await panel.getByTestId('fx-preset-save-1').click();
    await expect(page.getByText('“Vocal: gentle” is a built-in Compressor preset', { exact: false })).toBeVisible();
    await panel.getByTestId('fx-preset-name-1').fill('My drums');
    await panel.getByTestId('fx-preset-save-1').click();
    await expect(page.getByText('Saved the preset “My drums”', { exact: false })).toBeVisible();
    await expect(panel.getByTestId('fx-preset-1')).toHaveValue('My drums');
    // The filter is offered none of the compressor's presets.
    await expect(panel.getByTestId('fx-preset-0').locator('option', { hasText: 'My drums' })).toHaveCount(0);

    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-fx').click();
    await panel.getByTestId('fx-add').selectOption('compressor');
    await panel.getByTestId('fx-preset-0').selectOption('My drums');
    await expect(panel.getByTestId('fx-slot').first()).toHaveAttribute('aria-label', 'Compressor -14 dBFS 6:1 +4 dB');
    expect((await studio.summary()).undo.at(-1)).toBe('Preset My drums');
    await panel.getByTestId('fx-preset-0').selectOption(':delete:My drums');
    await expect(page.getByText('Deleted the saved Compressor preset “My drums”', { exact: false })).toBeVisible();
    await expect(panel.getByTestId('fx-preset-0').locator('option', { hasText: 'My drums' })).toHaveCount(0);
    await expect(panel.getByTestId('fx-slot').first()).toHaveAttribute('aria-label', 'Compressor -14 dBFS 6:1 +4 dB');
  });

  test("the Mixer's insert slots: an effect added on a strip, opened from it, bypassed and switched on there, as exported", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await page.keyboard.press('Alt+M');
    const strip = page.getByTestId('mixer-strip').first();
    await strip.getByTestId('mixer-insert-add').selectOption('filter');
    expect((await studio.summary()).undo.at(-1)).toBe('Add Filter');
    await expect(strip.getByTestId('mixer-insert')).toHaveCount(1);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('title', /High-pass 80 Hz/);
    await strip.getByTestId('mixer-insert').getByRole('button').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-preset-0').selectOption('Muffled (1.2 kHz low-pass)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+M');
    await expect(strip.getByTestId('mixer-insert')).toHaveAttribute('data-on', 'true');
    await strip.getByTestId('mixer-insert-on').uncheck();
    expect((await studio.summary()).undo.at(-1)).toBe('Filter off');
    const bypassed = await studio.exportFile({ format: 'float32' });
    expect(Math.abs(bandDb(raw, '4000-8000') - bandDb(bypassed, '4000-8000'))).toBeLessThan(0.5);
    await page.keyboard.press('Alt+M');
    await strip.getByTestId('mixer-insert-on').check();
    const muffled = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '4000-8000') - bandDb(muffled, '4000-8000')).toBeGreaterThan(30);
  });

  test("a low-pass's frequency automated on a lane under the track: swept open as it plays and in the export", async ({
    studio,
    page,
  }) => {
    await page.keyboard.press('f'); // the whole project in view
    await addLowpass(page, '500');
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-automate-0').selectOption('hz');
    await expect(page.getByTestId('effect-lane')).toContainText('Filter: Frequency');
    await page.keyboard.press('Escape');
    await sweepUp(page);
    const points = page.getByTestId('effect-lane-line-point');
    await expect(points).toHaveCount(2);
    await expect(points.first()).toHaveAttribute('aria-valuetext', /^1\d\d Hz$/);
    await expect(points.last()).toHaveAttribute('aria-valuetext', '20.00 kHz');
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add frequency point', 'Add frequency point']);
    await expect(page.getByTestId('track-fx')).toHaveAttribute('title', /Low-pass 500 Hz, automated/);
    await page.getByTestId('track-fx').click();
    await expect(panel.getByText('Frequency (Hz) · automated')).toBeVisible();
    await page.keyboard.press('Escape');

    // The export: the first half second all but silent over 3 kHz, the last as bright as the noise.
    const mix = await studio.exportFile({ format: 'float32' });
    const high = (start: number) =>
      20 * Math.log10(soxStat(mix, { start, seconds: 0.5 }, 'sinc 3000-8000')['RMS     amplitude'] + 1e-12);
    expect(high(2.5) - high(0)).toBeGreaterThan(50);
    // Playback from 1.2 s, in the middle of the sweep, sweeps the same way, sample for sample.
    expect((await playedAgainst(page, 57600))(mix).db).toBeLessThan(-60);

    await page.getByTestId('effect-lane-remove').click();
    await expect(page.getByTestId('effect-lane')).toHaveCount(0);
    expect((await studio.summary()).undo.at(-1)).toBe('Clear Filter: Frequency automation');
    await expect(page.getByTestId('track-fx')).toHaveAttribute('title', /Low-pass 500 Hz(?!, automated)/);
  });

  test('a compressor keyed by another track ducks the noise while that track sounds, even muted, as played and exported', async ({
    studio,
    page,
  }) => {
    // A second track: a tone from 1 s to 2 s, muted (it keys the compressor without being heard).
    await page.evaluate(() =>
      (window as any).omniStudio.services.store.getState().set({ selection: null, playhead: 48000 }),
    );
    await signalTrack(page, 'tone', { seconds: '1' });
    await studio.waitForTracks(2);
    await page.getByRole('button', { name: 'M', exact: true }).nth(1).click();
    expect(await page.evaluate(() => (window as any).omniStudio.services.store.getState().project.tracks[1].mute)).toBe(
      true,
    );

    await page.getByTestId('track-fx').nth(0).click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('compressor');
    await panel.getByTestId('fx-threshold-0').fill('-40');
    await panel.getByTestId('fx-threshold-0').press('Enter');
    await panel.getByTestId('fx-ratio-0').fill('20');
    await panel.getByTestId('fx-ratio-0').press('Enter');
    await panel.getByTestId('fx-key-0').selectOption({ label: 'Tone 440 Hz' });
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', 'Compressor -40 dBFS 20:1, keyed');
    await page.keyboard.press('Escape');

    const mix = await studio.exportFile({ format: 'float32' });
    const level = (start: number) =>
      20 * Math.log10(soxStat(mix, { start, seconds: 0.5 }, 'remix 1')['RMS     amplitude'] + 1e-12);
    expect(level(0.3) - level(1.3)).toBeGreaterThan(15); // ducked under the tone
    expect(Math.abs(level(0.3) - level(2.5))).toBeLessThan(1); // and back after it
    // Played from 0.8 s, through the duck: the export sample for sample, at its level (the duck's gain moves slowly,
    // so within a block only the scale, the centre pan's -3 dB, tells a missing duck apart).
    const heard = (await playedAgainst(page, 38400))(mix);
    expect(heard.db).toBeLessThan(-60);
    expect(heard.scale).toBeCloseTo(Math.SQRT1_2, 2);
  });

  test("a track's effects printed into its clips: one clip with the reverb's tail, no effects, the same export; undone", async ({
    studio,
    page,
  }) => {
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('reverb');
    const before = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-print').click();
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'false');
    const summary = await studio.summary();
    expect(summary.undo.at(-1)).toBe('Print effects on White noise');
    expect(summary.tracks[0].clips).toBe(1);
    expect(summary.length).toBeGreaterThan(3 * 48000 + 0.5 * 48000); // the tail rung out past the noise's 3 s
    const after = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    // The export runs on with the tail now in a clip; over the noise's 3 s it is the same sound.
    let worst = 0;
    for (let i = 0; i < before.length; i++) worst = Math.max(worst, Math.abs(after[i] - before[i]));
    expect(worst).toBeLessThan(1e-4);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('track-fx')).toHaveAttribute('aria-pressed', 'true');
  });

  test("the master's low-pass automated on a lane after the tracks: swept as it plays and in the export", async ({
    studio,
    page,
  }) => {
    await page.keyboard.press('f');
    await page.getByTestId('master-summary').click();
    await page.getByTestId('master-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-type-0').selectOption('lowpass');
    await panel.getByTestId('fx-automate-0').selectOption('hz');
    await expect(page.getByTestId('effect-lane')).toContainText('Master · Filter: Frequency');
    await page.keyboard.press('Escape');
    await sweepUp(page);
    const mix = await studio.exportFile({ format: 'float32' });
    const high = (start: number) =>
      20 * Math.log10(soxStat(mix, { start, seconds: 0.5 }, 'remix 1 sinc 3000-8000')['RMS     amplitude'] + 1e-12);
    expect(high(2.5) - high(0)).toBeGreaterThan(50);
    const heard = (await playedAgainst(page, 57600))(mix);
    expect(heard.db).toBeLessThan(-60);
    expect(heard.scale).toBeCloseTo(1, 2); // the stereo mix's left, as heard
  });

  test("a track equalizer's picture shows the spectrum of what plays behind its curve: dark over a low-pass", async ({
    page,
  }) => {
    await addLowpass(page, '500');
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('eq');
    const spectrum = panel.getByTestId('fx-curve-1-spectrum');
    await expect(spectrum).toHaveAttribute('d', ''); // stopped: nothing to show
    await page.getByTestId('action-playPause').click();
    await expect(spectrum).not.toHaveAttribute('d', '');
    // Over 5 kHz the low-pass leaves next to nothing; under 300 Hz the noise is there.
    await expect
      .poll(
        async () =>
          Number(await spectrum.getAttribute('data-low-db')) - Number(await spectrum.getAttribute('data-high-db')),
      )
      .toBeGreaterThan(30);
    await page.getByTestId('action-playPause').click(); // paused (Stop would close the panel too)
    await expect(spectrum).toHaveAttribute('d', '');
  });
});
