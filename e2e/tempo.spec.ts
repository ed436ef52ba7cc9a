import type { Page } from '@playwright/test';
import { capture } from './capture';
import { expect, test } from './fixtures';

const state = (page: Page) => page.evaluate(() => (window as any).omniStudio.services.store.getState());

/** Sets the project's tempo and time signature in the transport's tempo panel. */
async function setTempo(page: Page, bpm: string, signature: string) {
  await page.getByTestId('tempo-summary').click();
  await page.getByTestId('project-tempo').fill(bpm);
  await page.getByTestId('project-tempo').press('Enter');
  await page.getByTestId('time-signature').selectOption(signature);
  await page.getByTestId('tempo-summary').click(); // closes the panel
}

/** `seconds` of what the player sends out: the mix and the metronome's clicks, side by side. */
async function captureOutputs(page: Page, seconds: number): Promise<{ rate: number; mix: number[]; click: number[] }> {
  const { rate, channels } = await capture(page, ['mix', 'click'], seconds);
  return { rate, mix: channels[0], click: channels[1] };
}

/** Where each click begins (a rise over a tenth of the loudest after 50 ms of quiet), and its peak. */
function onsets(x: number[], rate: number): { at: number; peak: number }[] {
  const loudest = Math.max(...x.map(Math.abs));
  const found: { at: number; peak: number }[] = [];
  let quietSince = 0;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs(x[i]) < loudest / 10) continue;
    if (i - quietSince > 0.05 * rate) {
      const peak = Math.max(...x.slice(i, i + Math.round(0.02 * rate)).map(Math.abs));
      found.push({ at: i, peak });
    }
    quietSince = i;
  }
  return found;
}

test.describe('tempo and metronome', () => {
  test('the tempo is typed, chosen and tapped, one undo step each; the clock counts bars in its signature; it stays with the project', async ({
    studio,
    page,
  }) => {
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ Tempo');
    await setTempo(page, '90', '3/4');
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ 90 · 3/4');
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-beat-grid', '90 3/4 @0');
    expect((await studio.summary()).undo).toEqual(['Tempo 90 BPM, 4/4', 'Tempo 90 BPM, 3/4']);
    await page.getByTestId('tempo-summary').click();
    await page.getByTestId('tempo-double').click();
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ 180 · 3/4');
    await page.getByTestId('tempo-halve').click();
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ 90 · 3/4');
    await page.getByTestId('tempo-summary').click();

    // At 90 BPM a beat is 2/3 s: 4.5 s is 6.75 beats, bar 3 beat 1 and three quarters in 3/4.
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(4.5 * 48000));
    await page.getByTestId('clock').click();
    await page.getByTestId('clock').click();
    await expect(page.getByTestId('clock')).toHaveText('3.1.75');
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-format', 'bars'); // the ruler counts bars with it

    // Four taps about half a second apart: the tempo of the median gap between them as they landed in the page.
    await page.getByTestId('tempo-summary').click();
    await page.evaluate(() => {
      const taps: number[] = [];
      (window as any).taps = taps;
      document.addEventListener('click', () => taps.push(performance.now()), true);
    });
    for (let i = 0; i < 4; i++) {
      await studio.action('tapTempo').click();
      if (i < 3) await page.waitForTimeout(500);
    }
    const landed: number[] = await page.evaluate(() => (window as any).taps);
    const median = landed
      .slice(1)
      .map((t, i) => t - landed[i])
      .sort((a, b) => a - b)[1];
    const tapped = (await state(page)).project.tempo.bpm;
    expect(Math.abs(tapped - 60000 / median)).toBeLessThan(0.1);
    expect(tapped).toBeGreaterThan(90); // about 120: a loaded machine lands its clicks late
    expect(tapped).toBeLessThan(130);
    expect((await studio.summary()).undo.at(-1)).toBe('Tap tempo');
    expect((await studio.summary()).undo).toHaveLength(5);
    await page.getByTestId('project-tempo').fill('400');
    await page.getByTestId('project-tempo').press('Enter');
    await expect(page.getByTestId('notice-error').last()).toContainText('A tempo is 20 to 300 BPM.');
    expect((await state(page)).project.tempo.bpm).toBe(tapped);
    await expect(page.getByTestId('project-tempo')).toHaveValue(String(Math.round(tapped * 10) / 10));

    // Kept with the project: a reload opens it at that tempo.
    await studio.flushAutosave();
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(page.getByTestId('tempo-summary')).toHaveText(`♩ ${Math.round(tapped * 10) / 10} · 3/4`);

    // With the metronome on, Play in an empty project runs (to practise to the click) until stopped.
    // (The playhead comes back where it was, so it must move on half a second from there while playing.)
    await studio.action('metronome').click();
    const from = (await state(page)).playhead;
    await studio.action('playPause').click();
    await expect.poll(async () => (await state(page)).playing).toBe(true);
    await expect.poll(async () => ((await state(page)).playhead - from) / 48000).toBeGreaterThan(0.5);
    expect((await state(page)).playing).toBe(true);
    await studio.action('stop').click();
    await studio.action('metronome').click();

    // No tempo takes it away again, one undo step.
    await page.getByTestId('tempo-summary').click();
    await page.getByTestId('tempo-clear').click();
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ Tempo');
    await expect(page.getByTestId('ruler')).not.toHaveAttribute('data-beat-grid');
    expect((await studio.summary()).undo.at(-1)).toBe('Clear tempo');
  });

  test('the metronome clicks with a click track made on the same grid (within 1 ms), bars accented, round a loop too; off, it is silent', async ({
    studio,
    page,
  }) => {
    await setTempo(page, '100', '3/4');
    // A click track from the Generate signal panel, at the project's tempo: it lands on the project's bars.
    await studio.action('generateSignal').click();
    const panel = page.getByTestId('signal-panel');
    await panel.getByTestId('signal-kind').selectOption('clicks');
    await panel.getByTestId('signal-project-tempo').click();
    await panel.getByTestId('signal-db').fill('-12');
    await panel.getByTestId('signal-seconds').fill('8');
    await panel.getByTestId('signal-run').click();
    await studio.waitForTracks(1);
    await page.keyboard.press('Escape');

    await studio.action('metronome').click();
    await expect(studio.action('metronome')).toHaveAttribute('aria-pressed', 'true');
    const inStep = async () => {
      const { rate, mix, click } = await captureOutputs(page, 2.5);
      const heard = onsets(click, rate);
      const played = onsets(mix, rate);
      expect(heard.length).toBeGreaterThanOrEqual(3); // a beat every 0.6 s
      for (const h of heard) {
        const nearest = Math.min(...played.map((p) => Math.abs(p.at - h.at)));
        expect((nearest / rate) * 1000).toBeLessThan(1);
      }
      return { heard, played };
    };
    await studio.action('playPause').click();
    const { heard, played } = await inStep();
    // Bars are accented alike in both: the metronome's loudest clicks fall where the track's do, 6 dB over the rest.
    const loud = (cs: { at: number; peak: number }[]) => {
      const top = Math.max(...cs.map((c) => c.peak));
      return cs.filter((c) => c.peak > top / 1.4).map((c) => c.at);
    };
    const rate = 48000;
    for (const at of loud(heard)) expect(loud(played).some((p) => Math.abs(p - at) < rate / 1000)).toBe(true);
    const peaks = heard.map((c) => 20 * Math.log10(c.peak));
    expect(Math.max(...peaks)).toBeGreaterThan(-13);
    expect(Math.max(...peaks)).toBeLessThan(-11); // the click level, -12 dBFS
    expect(Math.max(...peaks) - Math.min(...peaks)).toBeGreaterThan(5);
    await studio.action('stop').click();

    // Round a loop of 0.3-1.5 s (its beats at 0.6 s and 1.2 s): the clicks stay with the track's, pass after pass.
    await studio.select(0.3, 1.5);
    await studio.action('loop').click();
    await studio.action('playPause').click();
    await inStep();

    // Off: the track plays on, the metronome says nothing.
    await studio.action('metronome').click();
    const { mix, click } = await captureOutputs(page, 1.5);
    expect(Math.max(...click.map(Math.abs))).toBe(0);
    expect(Math.max(...mix.map(Math.abs))).toBeGreaterThan(0.05); // the loop's beats are not bars: -18 dBFS, panned centre
    await studio.action('stop').click();
  });

  test('recording with a count-in: a bar of clicks first, then the take begins at the playhead, the count-in left out', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    // A bar is 4 s: the count-in outlasts the 1.5 s of clicks captured below (a click a second: one at least, well
    // inside the window, wherever it starts), however slow the machine's start.
    await setTempo(page, '60', '4/4');
    await studio.action('metronome').click();
    await expect(page.getByTestId('count-in')).toHaveValue('1');
    const started = Date.now();
    await studio.startRecording();
    // During the count-in the metronome clicks and the playhead waits at the start.
    const { rate, click } = await captureOutputs(page, 1.5);
    expect(onsets(click, rate).length).toBeGreaterThanOrEqual(1);
    expect((await state(page)).playhead).toBe(0);
    // After it, the playhead runs on though the project is empty.
    await expect.poll(async () => (await state(page)).playhead / 48000, { timeout: 5000 }).toBeGreaterThan(0.5);
    await page.waitForTimeout(Math.max(0, 6000 - (Date.now() - started)));
    await studio.action('record').click();
    await studio.waitForTracks(1);
    const recorded = (Date.now() - started) / 1000;
    const clip = (await state(page)).project.tracks[0].clips[0];
    expect(clip.start).toBe(0);
    // What was recorded less the 4 s count-in (and the round trip's latency, also left out): 4.5 s under the time from
    // the Record click to the Stop click here, the microphone's start-up counted; the rest of the 6 s is there.
    expect(clip.length / 48000).toBeLessThan(recorded - 3.9);
    expect(clip.length / 48000).toBeGreaterThan(1);
    await expect(page.getByTestId('notice-info').last()).toContainText('Counted in 1 bar');
  });

  test('Quantize (Q) starts a clip nudged off the beat on the nearest one again, one undo step', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await setTempo(page, '120', '4/4');
    await page.getByTestId('clip-handle').first().click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+ArrowRight'); // 30 ms off the beat at 0 s
    const start = async () => (await state(page)).project.tracks[0].clips[0].start;
    expect(await start()).toBe(Math.round(0.03 * 44100));
    await page.keyboard.press('q');
    expect(await start()).toBe(0);
    await page.keyboard.press('Control+Alt+ArrowRight'); // a beat later: half a second at 120 BPM
    expect(await start()).toBe(22050);
    await page.keyboard.press('Control+Alt+ArrowLeft');
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Quantized the clip onto the beat (moved by up to 30 ms).',
    );
    expect((await studio.summary()).undo.slice(-3)).toEqual(['Quantize the clip', 'Move clip', 'Move clip']);
    expect(await start()).toBe(0);
  });

  test('with a tempo, a range dragged on a track snaps its edges to the beats near them; with Alt it does not', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s at 44.1 kHz
    await studio.waitForTracks(1);
    await setTempo(page, '120', '4/4'); // a beat every 0.5 s
    await page.evaluate(() =>
      (window as any).omniStudio.services.store.getState().updateView({ pxPerSec: 200, scrollLeft: 0 }),
    );
    const lane = (await page.getByTestId('clip').first().boundingBox())!; // the clip starts at 0 s
    const drag = async (from: number, to: number, alt: boolean) => {
      const y = lane.y + lane.height / 2;
      await page.mouse.move(lane.x + from * 200, y);
      await page.mouse.down();
      if (alt) await page.keyboard.down('Alt');
      await page.mouse.move(lane.x + to * 200, y, { steps: 5 });
      await page.mouse.up();
      if (alt) await page.keyboard.up('Alt');
      const { selection } = await state(page);
      return [selection.start, selection.end];
    };
    expect(await drag(0.48, 1.53, false)).toEqual([22050, 66150]); // 0.5 s and 1.5 s to the sample
    const free = await drag(0.48, 1.53, true);
    expect(Math.abs(free[0] - 0.48 * 44100)).toBeLessThan(300);
    expect(Math.abs(free[1] - 1.53 * 44100)).toBeLessThan(300);
  });

  test('the tempo from a selected bar of the music, bar 1 at its start; bar 1 moved to the playhead', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await studio.select(0.25, 1.25); // one bar of 4/4 a second long: 240 BPM
    await page.getByTestId('tempo-summary').click();
    await studio.action('tempoFromSelection').click();
    await expect(page.getByTestId('tempo-summary')).toHaveText('♩ 240 · 4/4');
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-beat-grid', '240 4/4 @11025');
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(30000));
    await studio.action('downbeatAtPlayhead').click();
    await expect(page.getByTestId('ruler')).toHaveAttribute('data-beat-grid', '240 4/4 @30000');
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Tempo from selection', 'Bar 1 at the playhead']);

    // Split at bars: the 2 s clip cut where bars begin after 30000 samples (every 44100), inside the selection.
    await studio.select(0, 2);
    await studio.action('splitAtBars').click();
    const starts = (await state(page)).project.tracks[0].clips.map((c: { start: number }) => c.start);
    expect(starts).toEqual([0, 30000, 74100]);
  });

  test('the echo’s delay and a tremolo’s rate are set to note values at the project’s tempo (shown only with a tempo)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.getByTestId('effect-shelf-space').click();
    await expect(page.getByTestId('param-echoDelaySeconds')).toBeVisible();
    await expect(page.getByTestId('sync-echoDelaySeconds')).toHaveCount(0);
    await setTempo(page, '120', '4/4');
    await page.getByTestId('sync-echoDelaySeconds').selectOption('1/8 dotted');
    await expect(page.getByTestId('param-echoDelaySeconds')).toHaveValue('0.375');
    await setTempo(page, '180', '6/8');
    await page.getByTestId('sync-echoDelaySeconds').selectOption('bar');
    await expect(page.getByTestId('param-echoDelaySeconds')).toHaveValue('2');
    // A rate once per note: a tremolo on every eighth at 180 BPM in 6/8 is 3 Hz.
    await page.getByTestId('sync-tremoloRateHz').selectOption('1/8');
    await expect(page.getByTestId('param-tremoloRateHz')).toHaveValue('3');
    // A track's realtime echo and tremolo too, each setting one undo step.
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('echo');
    await panel.getByTestId('fx-delay-sync-0').selectOption('1/4');
    await expect(panel.getByTestId('fx-delay-0')).toHaveValue('0.667'); // two of 6/8's eighths at 180 BPM
    await panel.getByTestId('fx-add').selectOption('tremolo');
    await panel.getByTestId('fx-rate-sync-1').selectOption('bar');
    await expect(panel.getByTestId('fx-rate-1')).toHaveValue('0.5'); // once a 6/8 bar: 2 s
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Add Tremolo', 'Change Tremolo']);
  });

  test('punch in with the metronome counting in: the pre-roll is the count-in’s bars', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('speech-pauses.wav'); // 9.3 s
    await studio.waitForTracks(1);
    await setTempo(page, '120', '4/4'); // a bar is 2 s
    await studio.action('metronome').click();
    await page.getByTestId('tempo-summary').click();
    await page.getByTestId('count-in').selectOption('2');
    await page.getByTestId('tempo-summary').click();
    await studio.select(6, 7);
    await studio.action('punchIn').click();
    await expect(studio.action('record')).toHaveText(/Stop recording/);
    // Playback began two bars (4 s) before the punch-in point.
    const from = await page.evaluate(() => (window as any).omniStudio.services.player.startPosition());
    expect(from).toBe(2 * 44100);
    await studio.action('punchIn').click(); // stopped within the pre-roll: nothing is replaced, and it says so
    await expect(page.getByTestId('notice-info').last()).toContainText('stopped before the punch-in point');
  });
});
