import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { expect, readBytes, test } from './fixtures';
import { bandDb, dragPoints, noiseTrack, playedAgainst } from './mix-checks';
import { soxFloat, soxStat } from './sox';

test.describe('effect buses', () => {
  test.beforeEach(async ({ studio, page }) => {
    await noiseTrack(page);
    await studio.waitForTracks(1);
  });

  test("a track's send to a new reverb bus is heard and exported under the dry sound; the bus's level and its deletion", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-send-add').selectOption('new');
    await expect(panel.getByTestId('fx-send')).toContainText('Bus 1');
    await expect(panel.getByTestId('fx-send-level-0')).toHaveValue('-12');
    expect((await studio.summary()).undo.at(-1)).toBe('New effect bus');

    // The mix is stereo now (the reverb's tail is); its left is the dry track, centre-panned, over the reverb.
    const mix = await studio.exportFile({ format: 'float32' });
    const [left, right] = [
      ['remix', '1'],
      ['remix', '2'],
    ].map((remix) => soxFloat(mix, remix));
    const dry = soxFloat(raw, []);
    expect(left.length).toBeGreaterThan(dry.length + 48000); // the bus's reverb rings out past the noise (Ring out)
    // Over the noise's 3 s.
    const db = (x: ArrayLike<number>, y: (i: number) => number) => {
      let [e, d] = [0, 0];
      for (let i = 0; i < dry.length; i++) {
        e += (x[i] - y(i)) ** 2;
        d += x[i] ** 2;
      }
      return 10 * Math.log10(e / d);
    };
    const wet = db(left, (i) => Math.SQRT1_2 * dry[i]);
    expect(wet).toBeGreaterThan(-30); // a tail under the dry sound, sent 12 dB down...
    expect(wet).toBeLessThan(-3); // ...not over it
    expect(db(left, (i) => right[i])).toBeGreaterThan(-40); // and a wide one: the sides differ

    // Playback is the export, reverb bus and all.
    expect((await playedAgainst(page))(mix).db).toBeLessThan(-60);

    // Sent before the fader, the reverb keeps its level with the track turned down 36 dB: the tail is now far over
    // the dry sound, in the export as in playback.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-send-pre-0').check();
    expect((await studio.summary()).undo.at(-1)).toBe('Send before the fader');
    await page.keyboard.press('Escape');
    await page.getByTestId('track-gain').fill('-36');
    const preFader = await studio.exportFile({ format: 'float32' });
    const power = (x: ArrayLike<number>, scale = 1) => Array.from(x).reduce((sum, v) => sum + (scale * v) ** 2, 0);
    const quietDry = power(dry, Math.SQRT1_2 * 10 ** (-36 / 20));
    expect(10 * Math.log10(power(soxFloat(preFader, ['remix', '1'])) / quietDry)).toBeGreaterThan(10);
    expect((await playedAgainst(page))(preFader).db).toBeLessThan(-60);
    await page.getByTestId('track-gain').fill('0');

    await page.getByTestId('track-fx').click();
    await panel.getByRole('button', { name: '→ Bus 1' }).click();
    await expect(panel.getByRole('heading').first()).toHaveText('Effect bus: Bus 1');
    await expect(panel.getByTestId('fx-bus-senders')).toHaveText('Sent from White noise.');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', /Reverb 1.8 s/);
    await panel.getByTestId('fx-bus-delete').click();
    expect((await studio.summary()).undo.at(-1)).toBe('Delete Bus 1');
    expect(soxFloat(await studio.exportFile({ format: 'float32' }), [])).toEqual(dry); // mono, the dry track alone
  });

  test("a track's output routed into a new group bus plays through the bus's low-pass, as heard and exported; back on the master, as it was", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-output').selectOption('new');
    expect((await studio.summary()).undo.at(-1)).toBe('New group bus');
    await panel.getByTestId('fx-output-open').click();
    await expect(panel.getByRole('heading').first()).toHaveText('Effect bus: Bus 1');
    await expect(panel.getByTestId('fx-bus-senders')).toHaveText('Played into by White noise.');
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-type-0').selectOption('lowpass');
    await panel.getByTestId('fx-hz-0').fill('500');
    await panel.getByTestId('fx-hz-0').press('Enter');
    await page.keyboard.press('Escape');

    // The export: the noise through the bus's low-pass (3-8 kHz over 40 dB down, 50-300 Hz as it was but for the
    // centre pan's 3 dB: a bus is stereo, so the mix is).
    const routed = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '3000-8000') - bandDb(routed, '3000-8000')).toBeGreaterThan(40);
    expect(bandDb(raw, '50-300') - bandDb(routed, '50-300')).toBeCloseTo(3, 0);
    // Playback is the export, through the bus.
    const fitTo = await playedAgainst(page);
    expect(fitTo(routed).db).toBeLessThan(-60);
    expect(fitTo(raw).db).toBeGreaterThan(-1);

    // Back on the master: the noise as it was.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-output').selectOption('');
    expect((await studio.summary()).undo.at(-1)).toBe('Output to the master');
    await page.keyboard.press('Escape');
    expect(soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1'])).toEqual(
      soxFloat(raw, ['remix', '1']),
    );
  });

  test("a send's level automated on a lane: no reverb until the lane rises, as played and exported", async ({
    studio,
    page,
  }) => {
    await page.keyboard.press('f');
    const dry = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-send-add').selectOption('new');
    await panel.getByTestId('fx-send-automate-0').click();
    await expect(page.getByTestId('send-lane')).toContainText('Send → Bus 1');
    await page.keyboard.press('Escape');
    // Silence at 0.12 s, the send's full level from 0.6 s (playback from the start hears the rise and the reverb
    // from rest, as the export does).
    await dragPoints(page, 'send-lane-line', [
      [0.04, 1.5],
      [0.2, 0.25],
    ]);
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add send point', 'Add send point']);
    const mix = await studio.exportFile({ format: 'float32' });
    const left = soxFloat(mix, ['remix', '1']);
    const wetDb = (from: number, to: number) => {
      let [e, d] = [0, 0];
      for (let i = from; i < to; i++) {
        e += (left[i] - Math.SQRT1_2 * dry[i]) ** 2;
        d += left[i] ** 2;
      }
      return 10 * Math.log10(e / d);
    };
    expect(wetDb(0, 4800)).toBeLessThan(-100); // nothing sent before the first point
    expect(wetDb(120000, 144000)).toBeGreaterThan(-30); // the tail under the noise after the second
    const heard = (await playedAgainst(page))(mix);
    expect(heard.db).toBeLessThan(-60);
  });

  test("a group bus played into another bus: the track through both buses' filters, as heard and exported; no way back round; Bus 2 muted", async ({
    studio,
    page,
  }) => {
    const raw = await studio.exportFile({ format: 'float32' });
    const panel = page.getByTestId('track-effects-panel');
    const filterOn = async (type: string, hz: string) => {
      await panel.getByTestId('fx-add').selectOption('filter');
      await panel.getByTestId('fx-type-0').selectOption(type);
      await panel.getByTestId('fx-hz-0').fill(hz);
      await panel.getByTestId('fx-hz-0').press('Enter');
    };
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-output').selectOption('new');
    await panel.getByTestId('fx-output-open').click();
    await filterOn('lowpass', '2000');
    await panel.getByTestId('fx-bus-output').selectOption('new');
    expect((await studio.summary()).undo.at(-1)).toBe('New group bus');
    await panel.getByTestId('fx-bus-output-open').click();
    await expect(panel.getByRole('heading').first()).toHaveText('Effect bus: Bus 2');
    await expect(panel.getByTestId('fx-bus-senders')).toHaveText('Played into by Bus 1.');
    // Bus 1 plays into this one: it cannot play back into Bus 1.
    await expect(panel.getByTestId('fx-bus-output').locator('option')).toHaveText(['Master', 'New bus (group)']);
    await filterOn('highpass', '500');
    await page.keyboard.press('Escape');

    // The export: the noise through Bus 1's 2 kHz low-pass (5-10 kHz over 30 dB down) and Bus 2's 500 Hz high-pass
    // (50-200 Hz over 20 dB down).
    const both = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '5000-10000') - bandDb(both, '5000-10000')).toBeGreaterThan(30);
    expect(bandDb(raw, '50-200') - bandDb(both, '50-200')).toBeGreaterThan(20);
    expect((await playedAgainst(page))(both).db).toBeLessThan(-60);

    // Bus 2 muted: nothing of the track is heard (it only reaches the master through Bus 2); unmuted, as before.
    const muteBus2 = async (pressed: string) => {
      await page.getByTestId('track-fx').click();
      await panel.getByTestId('fx-output-open').click();
      await panel.getByTestId('fx-bus-output-open').click();
      await panel.getByTestId('fx-bus-mute').click();
      await expect(panel.getByTestId('fx-bus-mute')).toHaveAttribute('aria-pressed', pressed);
      await page.keyboard.press('Escape');
    };
    await muteBus2('true');
    expect((await studio.summary()).undo.at(-1)).toBe('Mute Bus 2');
    expect(soxStat(await studio.exportFile({ format: 'float32' }))['Maximum amplitude']).toBe(0);
    await muteBus2('false');
    expect((await studio.summary()).undo.at(-1)).toBe('Unmute Bus 2');

    // Bus 1 on the master again: the low-pass alone, 50-200 Hz as it was but for the centre pan's 3 dB (a bus makes
    // the mix stereo).
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-bus-output').selectOption('');
    expect((await studio.summary()).undo.at(-1)).toBe('Bus 1 to the master');
    await page.keyboard.press('Escape');
    const one = await studio.exportFile({ format: 'float32' });
    expect(bandDb(raw, '50-200') - bandDb(one, '50-200')).toBeCloseTo(3, 0);
    expect(bandDb(raw, '5000-10000') - bandDb(one, '5000-10000')).toBeGreaterThan(30);
  });

  test("a group bus's send to a reverb bus: the reverb of what the group plays, as heard and exported; removed, dry", async ({
    studio,
    page,
  }) => {
    const dry = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    const panel = page.getByTestId('track-effects-panel');
    // A reverb bus (made by a track's send, which goes again), and the track played into a new group bus.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-send-add').selectOption('new');
    await panel.getByRole('button', { name: 'Remove the send to Bus 1' }).click();
    await panel.getByTestId('fx-output').selectOption('new');
    await panel.getByTestId('fx-output-open').click();
    await expect(panel.getByRole('heading').first()).toHaveText('Effect bus: Bus 2');
    await panel.getByTestId('fx-bus-send-add').selectOption({ label: 'Bus 1' });
    await expect(panel.getByTestId('fx-bus-send')).toContainText('Bus 1');
    await expect(panel.getByTestId('fx-bus-send-level-0')).toHaveValue('-12');
    await panel.getByTestId('fx-bus-send').getByRole('button', { name: '→ Bus 1' }).click();
    await expect(panel.getByTestId('fx-bus-senders')).toHaveText('Sent from Bus 2.');
    await page.keyboard.press('Escape');

    // The left: the centre-panned dry track over the reverb of what Bus 2 sends (12 dB down).
    const mix = await studio.exportFile({ format: 'float32' });
    const left = soxFloat(mix, ['remix', '1']);
    const wetDb = (x: ArrayLike<number>) => {
      let [e, d] = [0, 0];
      for (let i = 0; i < dry.length; i++) {
        e += (x[i] - Math.SQRT1_2 * dry[i]) ** 2;
        d += x[i] ** 2;
      }
      return 10 * Math.log10(e / d);
    };
    expect(wetDb(left)).toBeGreaterThan(-30);
    expect(wetDb(left)).toBeLessThan(-3);
    expect((await playedAgainst(page))(mix).db).toBeLessThan(-60);
    // Bus 2's strip on the Mixer carries the send as a slider, as a track's strip does: turned down 48 dB, the reverb
    // goes about as far down.
    await page.keyboard.press('Alt+M');
    const send = page.getByRole('region', { name: 'Bus 2' }).getByTestId('mixer-bus-send');
    await expect(page.getByRole('region', { name: 'Bus 2' }).locator('.strip-pan').nth(1)).toContainText(
      '→ Bus 1 -12.0',
    );
    await send.fill('-60');
    expect((await studio.summary()).undo.at(-1)).toBe('Send level');
    const quieter = wetDb(soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']));
    expect(quieter).toBeLessThan(wetDb(left) - 40);

    // The send removed: Bus 2 returns the track dry.
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-output-open').click();
    await panel.getByRole('button', { name: 'Remove the send to Bus 1' }).click();
    expect((await studio.summary()).undo.at(-1)).toBe('Remove send');
    await page.keyboard.press('Escape');
    expect(wetDb(soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']))).toBeLessThan(-100);
  });

  test('an effect bus renamed, then metered on its Mixer strip as it returns: a group bus at -6 dB reads 6 dB under its track', async ({
    studio,
    page,
  }) => {
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-output').selectOption('new');
    // Named as a DAW's bus is.
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-bus-name').fill('Drums');
    await panel.getByTestId('fx-bus-name').press('Enter');
    expect((await studio.summary()).undo.at(-1)).toBe('Rename bus');
    await expect(panel.getByRole('heading').first()).toHaveText('Effect bus: Drums');
    // A limiter's look-ahead on a bus is said, and made up for; removed, nothing is said.
    await panel.getByTestId('fx-add').selectOption('limiter');
    await expect(panel.getByTestId('fx-bus-late')).toContainText('10.0 ms ahead');
    await panel.getByTestId('fx-remove-0').click();
    await expect(panel.getByTestId('fx-bus-late')).toHaveCount(0);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+M');
    const strips = page.getByTestId('mixer-strip');
    await expect(strips.nth(1)).toHaveAttribute('aria-label', 'Drums');
    await strips.nth(1).getByTestId('mixer-bus-fader').fill('-6');
    await studio.action('playPause').click();
    const meter = async (n: number) => Number(await strips.nth(n).getByTestId('track-meter').getAttribute('data-db'));
    await expect.poll(() => meter(1)).toBeGreaterThan(-40);
    const [track, bus] = [await meter(0), await meter(1)];
    await studio.action('playPause').click();
    expect(bus - track).toBeGreaterThan(-7.5); // the noise's peaks come and go: read a frame apart, within 1.5 dB
    expect(bus - track).toBeLessThan(-4.5);
  });

  test('a reverb bus soloed on its Mixer strip is heard alone, wet: the dry track left out, as played and exported', async ({
    studio,
    page,
  }) => {
    const dry = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    await page.getByTestId('track-fx').click();
    await page.getByTestId('track-effects-panel').getByTestId('fx-send-add').selectOption('new');
    await page.keyboard.press('Escape');
    // How much of the left is not the centre-panned dry track, dB against the left itself.
    const notDry = (left: Float32Array) => {
      let [e, d] = [0, 0];
      for (let i = 0; i < dry.length; i++) {
        e += (left[i] - Math.SQRT1_2 * dry[i]) ** 2;
        d += left[i] ** 2;
      }
      return 10 * Math.log10(e / d);
    };
    expect(notDry(soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']))).toBeLessThan(-3);
    await page.keyboard.press('Alt+M');
    const solo = page.getByTestId('mixer-strip').nth(1).getByTestId('mixer-bus-solo');
    await solo.click();
    await expect(solo).toHaveAttribute('aria-pressed', 'true');
    expect((await studio.summary()).undo.at(-1)).toBe('Solo Bus 1');
    // Soloed: taking the dry track away adds to the left rather than leaving a little reverb.
    const wet = await studio.exportFile({ format: 'float32' });
    expect(notDry(soxFloat(wet, ['remix', '1']))).toBeGreaterThan(3);
    expect((await playedAgainst(page))(wet).db).toBeLessThan(-60);
    // A track that does not feed the bus is silenced by its solo: dimmed; the one feeding it is not.
    await noiseTrack(page);
    await studio.waitForTracks(2);
    await expect(page.getByTestId('track-header').nth(1)).toHaveAttribute('data-silenced', 'true');
    await expect(page.getByTestId('track-header').nth(0)).not.toHaveAttribute('data-silenced');
  });

  test('stems by bus: a group bus with all it gathers and a track straight into the master, summing to the mix', async ({
    studio,
    page,
  }) => {
    await noiseTrack(page);
    await studio.waitForTracks(2);
    const panel = page.getByTestId('track-effects-panel');
    await page.getByTestId('track-fx').first().click();
    await panel.getByTestId('fx-output').selectOption('new');
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-type-0').selectOption('lowpass');
    await page.keyboard.press('Escape');
    const mix = await studio.exportFile({ format: 'float32' });
    const zip = await studio.exportFile({ scope: 'busStems', format: 'float32' });
    const stems = Object.entries(unzipSync(readBytes(zip))).map(([name, bytes]) => {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, bytes);
      return { name, path };
    });
    expect(stems.map((s) => s.name)).toEqual(['01-white-noise.wav', '02-bus-1.wav']);
    const [direct, bus, whole] = [stems[0].path, stems[1].path, mix].map((path) => soxFloat(path, ['remix', '1']));
    // The stems run on while the bus's filter could ring (all alike); the mix is cut where its sound ends.
    expect(direct.length).toBeGreaterThanOrEqual(whole.length);
    let worst = 0;
    for (let i = 0; i < direct.length; i++) worst = Math.max(worst, Math.abs(direct[i] + bus[i] - (whole[i] ?? 0)));
    expect(worst).toBeLessThan(1e-5);
    expect(bandDb(stems[1].path, '3000-8000') - bandDb(stems[0].path, '3000-8000')).toBeLessThan(-30); // low-passed
  });

  test('Bus for tracks (Tracks menu): a new group bus with every track played into it', async ({ studio, page }) => {
    await noiseTrack(page);
    await studio.waitForTracks(2);
    await page.getByTestId('tracks-menu').click();
    await page.getByTestId('action-busForTracks').click();
    expect((await studio.summary()).undo.at(-1)).toBe('New group bus');
    await page.keyboard.press('Alt+M');
    const strips = page.getByTestId('mixer-strip');
    await expect(strips.nth(2)).toHaveAttribute('aria-label', 'Bus 1');
    for (const n of [0, 1])
      await expect(strips.nth(n).locator('[data-testid=mixer-output] option:checked')).toHaveText('Bus 1');
  });

  test('a group bus panned hard left, then hard right on its Mixer strip: the track through it on that side alone, as heard and exported', async ({
    studio,
    page,
  }) => {
    const panel = page.getByTestId('track-effects-panel');
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-output').selectOption('new');
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-bus-pan').fill('-1');
    await panel.getByTestId('fx-bus-pan').press('Enter');
    expect((await studio.summary()).undo.at(-1)).toBe('Bus pan');
    await page.keyboard.press('Escape');
    const mix = await studio.exportFile({ format: 'float32' });
    expect(soxStat(mix, undefined, 'remix 2')['Maximum amplitude']).toBe(0);
    expect(soxStat(mix, undefined, 'remix 1')['Maximum amplitude']).toBeGreaterThan(0.1);
    expect((await playedAgainst(page))(mix).db).toBeLessThan(-60);
    // The Mixer's strip says it and moves it, as a track's pan.
    await page.keyboard.press('Alt+M');
    const strip = page.getByTestId('mixer-strip').nth(1);
    await expect(strip).toHaveAttribute('aria-label', 'Bus 1');
    await expect(strip.locator('.strip-pan')).toContainText('L100');
    await strip.getByTestId('mixer-bus-pan').fill('1');
    expect((await studio.summary()).undo.at(-1)).toBe('Bus pan');
    await expect(strip.locator('.strip-pan')).toContainText('R100');
    const right = await studio.exportFile({ format: 'float32' });
    expect(soxStat(right, undefined, 'remix 1')['Maximum amplitude']).toBe(0);
    expect(soxStat(right, undefined, 'remix 2')['Maximum amplitude']).toBeGreaterThan(0.1);
    await page.keyboard.press('Alt+M');
    await page.getByTestId('mixer-strip').nth(1).getByTestId('mixer-bus-pan').dblclick();
    await expect(page.getByTestId('mixer-strip').nth(1).locator('.strip-pan')).toContainText('C');
  });

  test("a limiter's look-ahead on a group bus is made up for: the track through it on time with the others, as heard and exported", async ({
    studio,
    page,
  }) => {
    await noiseTrack(page);
    await studio.waitForTracks(2);
    const panel = page.getByTestId('track-effects-panel');
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-output').selectOption('new');
    await page.keyboard.press('Escape');
    const plain = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    // A limiter whose ceiling the noise never reaches: nothing but its 10 ms of look-ahead.
    await page.getByTestId('track-fx').nth(1).click();
    await panel.getByTestId('fx-output-open').click();
    await panel.getByTestId('fx-add').selectOption('limiter');
    await panel.getByTestId('fx-ceiling-0').fill('0');
    await panel.getByTestId('fx-ceiling-0').press('Enter');
    await expect(panel.getByTestId('fx-bus-late')).toContainText('played that much early');
    await page.keyboard.press('Escape');
    const limited = await studio.exportFile({ format: 'float32' });
    const left = soxFloat(limited, ['remix', '1']);
    let [e, d] = [0, 0];
    for (let i = 0; i < plain.length; i++) {
      e += (left[i] - plain[i]) ** 2;
      d += plain[i] ** 2;
    }
    expect(10 * Math.log10(e / d)).toBeLessThan(-60); // the same mix, not 10 ms apart
    expect((await playedAgainst(page))(limited).db).toBeLessThan(-60);
  });
});
