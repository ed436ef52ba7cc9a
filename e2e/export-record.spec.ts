import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { sdr } from '../src/dsp/declip.fixture';
import { capture } from './capture';
import { asset, expect, readBytes, test } from './fixtures';
import { ffmpegR128, ffprobe, ffprobeMetadata, soxFloat, soxInfo, soxRaw16, soxStat } from './sox';

test.describe('export scopes and formats', () => {
  test('MP3 of the mix reads back in ffprobe with the right rate, channels and duration', async ({ studio }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    const mp3 = await studio.exportFile({ format: 'mp3' });
    const info = ffprobe(mp3);
    expect(info).toMatchObject({ codec: 'mp3', rate: 44100, channels: 2 });
    expect(Math.abs(info.seconds - 2)).toBeLessThan(0.1);
  });

  test('FLAC holds the very samples of the WAV export, checked by flac itself, at 16 and 24 bits', async ({
    studio,
  }) => {
    await studio.importFiles('real-scene.wav');
    await studio.waitForTracks(1);
    for (const [flac, wav, bits] of [
      ['flac16', 'pcm16', 16],
      ['flac24', 'pcm24', 24],
    ] as const) {
      const flacPath = await studio.exportFile({ format: flac });
      const wavPath = await studio.exportFile({ format: wav });
      execFileSync('flac', ['-t', '-s', flacPath]); // every frame's CRC and the MD5 of the samples
      expect(soxInfo(flacPath)).toMatchObject({ ...soxInfo(wavPath), bits, encoding: 'FLAC' });
      // The same dither (seeded by the file's name, not its extension), so the same samples to the bit.
      const raw = (path: string) => execFileSync('sox', [path, '-t', 'raw', '-'], { maxBuffer: 1 << 28 });
      expect(raw(flacPath).equals(raw(wavPath))).toBe(true);
      expect(statSync(flacPath).size).toBeLessThan(statSync(wavPath).size * 0.8);
    }
  });

  test('Opus (Ogg) from the browser encoder: 48 kHz, exactly as long, close to the mix, its tags read by ffprobe', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-scene.wav'); // 8 s, 44.1 kHz stereo
    await studio.waitForTracks(1);
    await studio.action('export').click();
    await page.getByTestId('export-tags').locator('summary').click();
    await page.getByTestId('tag-title').fill('Birds and a bee');
    await page.getByTestId('tag-title').press('Enter');
    await page.getByTestId('export-panel').getByRole('button', { name: 'Close' }).click();
    const opus = await studio.exportFile({ format: 'opus' });
    expect(ffprobe(opus)).toMatchObject({ codec: 'opus', rate: 48000, channels: 2 });
    expect(ffprobeMetadata(opus).tags.title).toBe('Birds and a bee');
    // Every page's CRC holds (ffmpeg says nothing at -v error), and the padding is trimmed: the very length.
    const decoded = execFileSync('ffmpeg', ['-v', 'error', '-i', opus, '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
    const lossy = new Float32Array(decoded.buffer.slice(decoded.byteOffset, decoded.byteOffset + decoded.byteLength));
    const reference = soxFloat(await studio.exportFile({ format: 'float32', rate: '48000' }), []);
    expect(lossy.length).toBe(reference.length);
    expect(sdr(lossy, reference)).toBeGreaterThan(12); // lossy, but the same sound, in step
  });

  test('Normalize to -16 LUFS: ffmpeg reads the file at -16 LUFS, its true peaks under -1 dBTP (sox at 4x)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('real-scene.wav'); // Wesnoth birds and a Hedgewars explosion, normalized to -4 dBFS
    await studio.waitForTracks(1);
    await studio.action('export').click();
    await page.getByTestId('export-normalize').check();
    await page.getByTestId('export-normalize-lufs').fill('-16');
    await page.getByTestId('export-panel').getByRole('button', { name: 'Close' }).click();
    const file = await studio.exportFile({ format: 'float32' });
    await expect(page.getByTestId('notice-info').filter({ hasText: 'Normalized from' })).toBeVisible();
    expect(Math.abs(ffmpegR128(file).integrated + 16)).toBeLessThan(0.3);
    const truePeak = soxStat(file, undefined, 'rate -v 176400')['Maximum amplitude'];
    expect(20 * Math.log10(truePeak)).toBeLessThan(-0.9);
    expect((await studio.summary()).undo).toEqual(['Import "real-scene.wav"']); // the project as it was
  });

  test('a track, or the selection, exports alone', async ({ studio, page }) => {
    await studio.importFiles('speech-22k.wav', 'tone-stereo-44k.wav');
    await studio.waitForTracks(2);
    // Selecting on the second track (mono speech is track 1; the tone, resampled, is track 2).
    const lane = (await page.getByTestId('lane').nth(0).boundingBox())!;
    await page.mouse.click(lane.x + 5, lane.y + 60);
    const track = await studio.exportFile({ scope: 'track', format: 'pcm16' });
    expect(soxInfo(track)).toMatchObject({ channels: 1, rate: 22050 });

    await studio.select(0.25, 0.75);
    const selection = await studio.exportFile({ scope: 'selection', format: 'pcm24', rate: '16000' });
    expect(soxInfo(selection)).toMatchObject({ seconds: 0.5, rate: 16000, bits: 24 });
  });
});

test.describe('macros', () => {
  test('effects recorded into a macro run on a batch of files, each as sox would make it, in one zip', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await studio.action('macro').click();
    const panel = page.getByTestId('macro-panel');
    await panel.getByTestId('macro-record').click();
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect(studio.action('macro')).toHaveAttribute('aria-pressed', 'true'); // recording, the panel closed
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-gainDb').fill('-6');
    await studio.effect('gain');
    await studio.effect('reverse');
    await studio.action('macro').click();
    await panel.getByTestId('macro-record').click();
    await expect(panel.getByTestId('macro-steps')).toContainText('Gain (-6 dB)');
    await expect(panel.getByTestId('macro-steps')).toContainText('Reverse');
    // The macro outlives the page, as Audacity keeps its macros.
    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.action('macro').click();
    await expect(panel.getByTestId('macro-steps')).toContainText('Gain (-6 dB)');
    await panel.getByRole('button', { name: 'Close' }).click();
    // Written as 32-bit float, as the Export settings say.
    await studio.action('export').click();
    await page.getByTestId('export-format').selectOption('float32');
    await page.getByTestId('export-panel').getByRole('button', { name: 'Close' }).click();
    await studio.action('macro').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('macro-file-input').setInputFiles([asset('speech-22k.wav'), asset('tone-stereo-44k.wav')]);
    const download = await downloading;
    const zipPath = join(test.info().outputPath(), download.suggestedFilename());
    await download.saveAs(zipPath);
    const files = unzipSync(readBytes(zipPath));
    expect(Object.keys(files).sort()).toEqual(['speech-22k.wav', 'tone-stereo-44k.wav']);
    for (const name of Object.keys(files)) {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, files[name]);
      // The same two steps by sox, at the file's own rate: a null test.
      const ours = soxFloat(path, []);
      const theirs = soxFloat(asset(name), ['gain', '-6', 'reverse']);
      expect(soxInfo(path).rate).toBe(soxInfo(asset(name)).rate);
      expect(sdr(ours, theirs)).toBeGreaterThan(80);
    }
    await expect(page.getByTestId('notice-info').last()).toContainText('Ran the macro on 2 file(s)');
  });
});

test.describe('generate signal', () => {
  test('a tone on a new track, then noise over a selection of it, read back by sox', async ({ studio, page }) => {
    await studio.action('generateSignal').click(); // (the shortcut, Ctrl+Shift+G, needs the page focused first)
    const panel = page.getByTestId('signal-panel');
    await panel.getByTestId('signal-hz').fill('1000');
    await panel.getByTestId('signal-db').fill('-12');
    await panel.getByTestId('signal-seconds').fill('2');
    await panel.getByTestId('signal-run').click();
    await studio.waitForTracks(1);
    const tone = await studio.exportFile({ format: 'float32' });
    expect(soxInfo(tone)).toMatchObject({ rate: 48000, channels: 1, seconds: 2 });
    const stat = soxStat(tone);
    expect(stat['Rough   frequency']).toBeGreaterThan(990);
    expect(stat['Rough   frequency']).toBeLessThan(1010);
    expect(stat['Maximum amplitude']).toBeCloseTo(10 ** (-12 / 20), 3);

    await studio.select(0.5, 1);
    await studio.action('generateSignal').click();
    await expect(panel.getByTestId('signal-where')).toContainText('Over the selection (0.50 s)');
    await panel.getByTestId('signal-kind').selectOption('noise');
    await panel.getByTestId('signal-colour').selectOption('white');
    await panel.getByTestId('signal-db').fill('-20');
    await panel.getByTestId('signal-run').click();
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Generate White noise');
    const mixed = await studio.exportFile({ format: 'float32' });
    expect(soxStat(mixed, { start: 0.5, seconds: 0.5 })['Maximum amplitude']).toBeCloseTo(0.1, 3);
    expect(soxStat(mixed, { start: 1.2, seconds: 0.5 })['Rough   frequency']).toBeCloseTo(1000, -1);
    expect(soxInfo(mixed).seconds).toBe(2);
  });
});

test.describe('dither', () => {
  test('a 16-bit file of a quiet mix is dithered: its error is a steady half-step hiss, and off it rounds (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    // Untouched, the 16-bit recording is on the 16-bit grid: written as it is, dither or not (the round-trip test).
    const untouched = await studio.exportFile({ format: 'pcm16', dither: true });
    expect(soxRaw16(untouched).equals(soxRaw16(asset('tone-stereo-44k.wav')))).toBe(true);
    await page.keyboard.press('Control+a');
    await page.getByTestId('param-gainDb').fill('-70'); // -76 dBFS: a few steps of 16 bits
    await studio.effect('gain');
    const exact = soxFloat(await studio.exportFile({ format: 'float32' }), []);
    /** The RMS of what a 16-bit export holds minus the exact mix, in 16-bit steps. */
    const errorSteps = (path: string) => {
      const written = soxFloat(path, []);
      let sum = 0;
      for (let i = 0; i < exact.length; i++) sum += ((written[i] - exact[i]) * 32768) ** 2;
      return Math.sqrt(sum / exact.length);
    };
    const dithered = await studio.exportFile({ format: 'pcm16', dither: true });
    const rounded = await studio.exportFile({ format: 'pcm16', dither: false });
    expect(soxInfo(dithered)).toMatchObject({ bits: 16, seconds: 2 });
    expect(errorSteps(dithered)).toBeCloseTo(0.5, 1); // triangular: 1/12 + 1/6 of a step squared
    expect(errorSteps(rounded)).toBeCloseTo(Math.sqrt(1 / 12), 1); // rounding alone
    expect(readBytes(dithered).equals(readBytes(await studio.exportFile({ format: 'pcm16', dither: true })))).toBe(
      true,
    ); // the same mix, the same file
  });
});

test.describe('labels written by hand', () => {
  test('a region and a renamed point label export as one file each, the point up to the end (soxi)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // 9.28 s
    await studio.waitForTracks(1);
    await studio.select(0.2, 1);
    await page.keyboard.press('Control+b');
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      state.selectRange(null);
      state.seek(5 * state.project.sampleRate);
    });
    await page.keyboard.press('Control+b');
    await page.getByTestId('sound-label').filter({ hasText: 'Label 2' }).dblclick();
    await page.getByTestId('label-rename').fill('Chapter 2');
    await page.getByTestId('label-rename').press('Enter');
    await expect(page.getByTestId('sound-label')).toHaveText(['Label 1', 'Chapter 2']);
    expect((await studio.summary()).undo.slice(1)).toEqual([
      'Add label "Label 1"',
      'Add label "Label 2"',
      'Rename label "Label 2" to "Chapter 2"',
    ]);
    const zip = await studio.exportFile({ scope: 'labels', format: 'pcm16' });
    const files = Object.entries(unzipSync(readBytes(zip))).map(([name, bytes]) => {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, bytes);
      return { name, seconds: soxInfo(path).seconds };
    });
    expect(files.map((f) => f.name)).toEqual(['01-label-1.wav', '02-chapter-2.wav']);
    expect(files[0].seconds).toBeCloseTo(0.8, 2);
    expect(files[1].seconds).toBeCloseTo(soxInfo(asset('speech-pauses.wav')).seconds - 5, 2);
  });

  test('tags and labels as chapters reach the MP3, FLAC and Opus files (ffprobe), and stay with the project', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // 9.28 s
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+b'); // a point at 0 s
    await page.evaluate(() => {
      const state = (window as any).omniStudio.services.store.getState();
      state.selectRange(null);
      state.seek(5 * state.project.sampleRate);
    });
    await page.keyboard.press('Control+b'); // and at 5 s
    await studio.action('export').click();
    const panel = page.getByTestId('export-panel');
    await panel.getByTestId('export-tags').locator('summary').click();
    await panel.getByTestId('tag-title').fill('Episode 1');
    await panel.getByTestId('tag-artist').fill('Omni Studio');
    await panel.getByTestId('tag-artist').press('Enter');
    await panel.getByTestId('export-chapters').check();
    await panel.getByRole('button', { name: 'Close' }).click();
    expect((await studio.summary()).undo.slice(-2)).toEqual(['Tag title: Episode 1', 'Tag artist: Omni Studio']);
    const whole = soxInfo(asset('speech-pauses.wav')).seconds;
    for (const format of ['mp3', 'flac16', 'opus']) {
      const { tags, chapters } = ffprobeMetadata(await studio.exportFile({ format }));
      expect(tags).toMatchObject({ title: 'Episode 1', artist: 'Omni Studio' });
      expect(chapters.map((c) => c.title)).toEqual(['Label 1', 'Label 2']);
      expect(chapters[1].start).toBeCloseTo(5, 2);
      expect(chapters[1].end).toBeCloseTo(whole, 1); // Ogg chapters have starts only: ffprobe ends the last at the stream's end
    }
    await page.reload(); // autosaved with the project
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await studio.action('export').click();
    await expect(panel.getByTestId('tag-title')).toHaveValue('Episode 1');
  });

  test('the Labels panel moves a point to a typed time, renames and removes labels, each one undo step', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav');
    await studio.waitForTracks(1);
    await studio.select(0.2, 1);
    await page.keyboard.press('Control+b');
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().selectRange(null));
    await page.keyboard.press('Control+b'); // a point at the playhead (0.2 s)
    await studio.action('labelEditor').click();
    const rows = page.getByTestId('labels-table-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).getByLabel('Label name')).toHaveValue('Label 2'); // the point sorts before the region
    await rows.nth(0).getByTestId('label-start').fill('6.5');
    await rows.nth(0).getByTestId('label-start').press('Enter');
    await expect(rows.nth(0).getByLabel('Label name')).toHaveValue('Label 1'); // the point moved after it
    await rows.nth(0).getByLabel('Label name').fill('Intro');
    await rows.nth(0).getByLabel('Label name').press('Enter');
    expect((await studio.summary()).undo.slice(-2)).toEqual([
      'Move label "Label 2"',
      'Rename label "Label 1" to "Intro"',
    ]);
    const labels = await page.evaluate(() =>
      (window as any).omniStudio.services.store
        .getState()
        .project.tracks[0].labels.map((l: any) => [l.name, l.start / 44100, l.end / 44100]),
    );
    expect(labels).toEqual([
      ['Intro', 0.2, 1],
      ['Label 2', 6.5, 6.5],
    ]);
    await rows.nth(0).getByRole('button', { name: 'Remove Intro' }).click();
    await expect(rows).toHaveCount(1);
    await page.keyboard.press('Control+z');
    await expect(rows).toHaveCount(2);
  });

  test('Label sounds labels the two takes between the pauses; each exports as its own file of speech (sox)', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav'); // two takes of speech 2 s apart over room tone at -60 dBFS
    await studio.waitForTracks(1);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+Shift+B');
    await expect(page.getByTestId('sound-label')).toHaveText(['Sound 1', 'Sound 2']);
    expect((await studio.summary()).undo.at(-1)).toBe('Label sounds (2 sounds)');
    const zip = await studio.exportFile({ scope: 'labels', format: 'float32' });
    const paths = Object.entries(unzipSync(readBytes(zip))).map(([name, bytes]) => {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, bytes);
      return path;
    });
    expect(paths.map((p) => p.split('/').at(-1))).toEqual(['01-sound-1.wav', '02-sound-2.wav']);
    const whole = soxInfo(asset('speech-pauses.wav')).seconds;
    const seconds = paths.map((p) => soxInfo(p).seconds);
    expect(seconds[0] + seconds[1]).toBeLessThan(whole - 1.5); // the pause between them left out
    // Each file is a take: its loudness is speech's, not room tone's.
    for (const p of paths) expect(soxStat(p)['RMS     amplitude']).toBeGreaterThan(10 ** (-40 / 20));
  });

  test('an Audacity label file imports as labels on the track; a file that is not one changes nothing', async ({
    studio,
    page,
  }) => {
    await studio.importFiles('speech-pauses.wav');
    await studio.waitForTracks(1);
    const file = (name: string, text: string) => {
      const path = join(test.info().outputPath(), name);
      writeFileSync(path, text);
      return path;
    };
    const labels = file('chapters.txt', '0.500000\t2.000000\tIntro\n\\\t100.0\t2000.0\n5.000000\t5.000000\tPart two\n');
    await page.getByTestId('file-input').setInputFiles(labels);
    await expect(page.getByTestId('sound-label')).toHaveText(['Intro', 'Part two']);
    expect((await studio.summary()).undo.at(-1)).toBe('Import labels "chapters.txt" (2)');
    await page.getByTestId('file-input').setInputFiles(file('notes.txt', 'buy milk\n'));
    await expect(page.getByTestId('notice-error').last()).toContainText(
      '"notes.txt" is not an Audacity label file: Line 1 is not a label',
    );
    expect((await studio.summary()).undo.at(-1)).toBe('Import labels "chapters.txt" (2)');
    await expect(page.getByTestId('sound-label')).toHaveCount(2);
  });
});

test.describe('recording', () => {
  test('a denied microphone gives a clear message and changes nothing', async ({ studio, page, context }) => {
    await context.clearPermissions();
    await page.evaluate(() => {
      // Headless Chromium has no permission prompt to refuse; this is what a refusal returns.
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await studio.action('record').click();
    await expect(page.getByTestId('notice-error')).toContainText('Microphone access was denied');
    expect((await studio.summary()).tracks).toHaveLength(0);
  });

  test('records from the (fake) microphone into a new clip at the playhead', async ({ studio, page, context }) => {
    await context.grantPermissions(['microphone']);
    await studio.startRecording();
    // The meter hears the (fake) microphone's tone while recording.
    await expect.poll(async () => Number(await page.getByTestId('meter-0-db').textContent())).toBeGreaterThan(-40);
    await page.waitForTimeout(1000);
    await studio.action('record').click();
    await studio.waitForTracks(1);
    const s = await studio.summary();
    expect(s.tracks[0].name).toMatch(/^Recording/);
    expect(s.length / s.sampleRate).toBeGreaterThan(0.8);
  });

  test('punch in re-records the selection after a pre-roll: the take replaces it, the rest of the track is kept to the sample (sox)', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('speech-pauses.wav'); // 9.3 s of 44.1 kHz stereo speech
    await studio.waitForTracks(1);
    await studio.select(2.5, 3.5);
    const state = () => page.evaluate(() => (window as any).omniStudio.services.store.getState());
    await page.keyboard.press('Alt+R');
    await expect.poll(async () => (await state()).recording).toBe(true);
    expect((await state()).playing).toBe(true); // the pre-roll plays: from 0.5 s, 2 s before the punch-in point
    expect((await state()).playhead / 44100).toBeLessThan(2.5);
    await expect.poll(async () => (await state()).playhead / 44100, { timeout: 10_000 }).toBeGreaterThan(3.8);
    await page.keyboard.press('Alt+R');
    await expect.poll(async () => (await studio.summary()).undo.at(-1)).toBe('Punch in');
    await expect(page.getByTestId('notice-info').last()).toContainText('from 2.50 s to 3.50 s');
    const s = await studio.summary();
    expect(s.tracks).toHaveLength(1);
    expect(s.length).toBe(409208); // nothing moved

    const frame = 4; // 16-bit stereo
    const at = (seconds: number) => Math.round(seconds * 44100) * frame;
    const punched = soxRaw16(await studio.exportFile({ format: 'pcm16', dither: false }));
    const source = soxRaw16(asset('speech-pauses.wav'));
    expect(punched.length).toBe(source.length);
    // Before the punch-in point and after the punch-out point, the recording as it was, to the sample.
    expect(punched.subarray(0, at(2.5)).equals(source.subarray(0, at(2.5)))).toBe(true);
    expect(punched.subarray(at(3.5)).equals(source.subarray(at(3.5)))).toBe(true);
    // Inside, the (fake) microphone's take (its tone), not the speech that was there: what changed carries
    // at least the speech's energy there (0 if the speech had stayed).
    const inside = (b: Buffer) => new Int16Array(b.buffer.slice(b.byteOffset + at(2.55), b.byteOffset + at(3.45)));
    const [take, speech] = [inside(punched), inside(source)];
    const energy = (f: (i: number) => number) => take.reduce((sum, _, i) => sum + f(i) ** 2, 0);
    expect(energy((i) => take[i] - speech[i])).toBeGreaterThan(0.5 * energy((i) => speech[i]));

    await page.keyboard.press('Control+z'); // one step back to the recording as imported
    const undone = soxRaw16(await studio.exportFile({ format: 'pcm16' }));
    expect(undone.equals(source)).toBe(true);
  });

  test("records losslessly: the fake microphone's 440 Hz tone comes back a clean sine, where MediaRecorder's Opus does not", async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.startRecording();
    await page.waitForTimeout(1500);
    await studio.action('record').click();
    await studio.waitForTracks(1);
    expect((await studio.summary()).tracks[0].name).toMatch(/^Recording .*/);
    const take = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    const rate = (await studio.summary()).sampleRate;

    // The control: the same input through MediaRecorder (Opus, what the studio recorded with before), decoded.
    const opus = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      });
      const recorder = new MediaRecorder(stream);
      const parts: Blob[] = [];
      recorder.ondataavailable = (e) => parts.push(e.data);
      recorder.start();
      await new Promise((r) => setTimeout(r, 1500));
      const stopped = new Promise((r) => (recorder.onstop = r));
      recorder.stop();
      await stopped;
      stream.getTracks().forEach((t) => t.stop());
      const decoded = await new AudioContext().decodeAudioData(await new Blob(parts).arrayBuffer());
      return { samples: [...decoded.getChannelData(0)], rate: decoded.sampleRate };
    });
    const clean = sineSnrDb(take, rate, 440);
    const lossy = sineSnrDb(Float32Array.from(opus.samples), opus.rate, 440);
    console.log(`440 Hz tone recorded: ${clean.toFixed(1)} dB SNR lossless, ${lossy.toFixed(1)} dB through Opus`);
    expect(clean).toBeGreaterThan(60);
    expect(clean).toBeGreaterThan(lossy + 15);
  });

  test('Monitor: the meter and the tuner read the chosen input before any take; a take is named for its input, which is remembered', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    const picker = page.getByTestId('input-device');
    await picker.focus(); // lists the inputs again, named now that the page may use the microphone
    await expect.poll(async () => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption({ index: 1 });
    const label = (await picker.locator('option:checked').textContent())!;
    expect(label).not.toBe('Default input');

    await studio.action('monitor').click();
    await expect(studio.action('monitor')).toHaveAttribute('aria-pressed', 'true');
    // The fake microphone's tone peaks at -12 dBFS.
    await expect.poll(async () => Number(await page.getByTestId('meter-0-db').textContent())).toBeCloseTo(-12, 0);
    // The tuner hears its 440 Hz: A4, in tune.
    const tuner = page.getByTestId('tuner');
    await expect(tuner).toHaveAttribute('data-note', 'A4');
    expect(Math.abs(Number(await tuner.getAttribute('data-cents')))).toBeLessThanOrEqual(2);
    await expect(tuner).toHaveClass(/in-tune/);
    expect((await studio.summary()).tracks).toHaveLength(0); // monitoring records nothing

    await studio.startRecording();
    await page.waitForTimeout(800);
    await studio.action('record').click();
    await studio.waitForTracks(1);
    expect((await studio.summary()).tracks[0].name).toContain(`(${label})`);
    await expect(studio.action('monitor')).toHaveAttribute('aria-pressed', 'true'); // still monitoring after the take
    await studio.action('monitor').click();
    await expect(studio.action('monitor')).toHaveAttribute('aria-pressed', 'false');
    await expect(tuner).toHaveCount(0);

    await page.reload();
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await expect(picker.locator('option:checked')).toHaveText(label);
  });

  test('a take the page closed on before it was stopped comes back as a track at the next start, once', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.startRecording();
    await page.waitForTimeout(2500);
    await page.reload(); // the tab closes mid-take
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    const s = await studio.summary();
    expect(s.tracks[0].name).toBe('Recovered recording');
    expect(s.length / s.sampleRate).toBeGreaterThan(1.2); // written about once a second: at most the last second lost
    await expect(page.getByTestId('notice-info').last()).toContainText('were recovered as a new track');
    const take = soxFloat(await studio.exportFile({ format: 'float32' }), ['remix', '1']);
    expect(sineSnrDb(take, s.sampleRate, 440)).toBeGreaterThan(60); // the tone, without a seam between the blocks

    await studio.flushAutosave();
    await page.reload(); // recovered once: the journal is gone, the project keeps the track
    await expect(page.locator('html[data-ready=true]')).toBeAttached();
    await studio.waitForTracks(1);
    await page.waitForTimeout(500);
    expect((await studio.summary()).tracks).toHaveLength(1);
  });

  test('Hear: the monitored input plays through to the speakers (the fake 440 Hz tone at -12 dBFS), and stops when off', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.action('hearInput').click();
    await expect(studio.action('hearInput')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('notice-info').last()).toContainText('use headphones');
    await studio.action('monitor').click();
    await expect(studio.action('monitor')).toHaveAttribute('aria-pressed', 'true');
    const {
      channels: [heard],
    } = await capture(page, ['input'], 0.5);
    expect(20 * Math.log10(Math.max(...heard.map(Math.abs)))).toBeCloseTo(-12, 0);
    await studio.action('hearInput').click(); // off: the input no longer goes to the speakers
    const routed = await page.evaluate(() => (window as any).omniStudio.services.recorder.playthroughOutput());
    expect(routed).toBeUndefined();
    await studio.action('monitor').click();
  });

  test("Hear through the armed track's effects: a low-pass there turns the monitored tone down, off it is heard as it is; pitch correction's meter moves", async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('tone-stereo-44k.wav');
    await studio.waitForTracks(1);
    await page.getByTestId('track-arm').click();
    await page.getByTestId('track-fx').click();
    const panel = page.getByTestId('track-effects-panel');
    await panel.getByTestId('fx-add').selectOption('filter');
    await panel.getByTestId('fx-type-0').selectOption('lowpass');
    await panel.getByTestId('fx-hz-0').fill('200');
    await panel.getByTestId('fx-hz-0').press('Enter');
    await expect(panel.getByTestId('fx-slot')).toHaveAttribute('aria-label', 'Low-pass 200 Hz');
    await page.keyboard.press('Escape');
    await studio.action('hearInput').click();
    await studio.action('monitor').click();
    await expect(studio.action('monitor')).toHaveAttribute('aria-pressed', 'true');
    const peakDb = async () => {
      const {
        channels: [heard],
      } = await capture(page, ['input'], 0.5);
      return 20 * Math.log10(Math.max(...heard.slice(4800).map(Math.abs)));
    };
    // The fake microphone's 440 Hz at -12 dBFS, over an octave above a 24 dB-per-octave low-pass at 200 Hz.
    expect(await peakDb()).toBeLessThan(-30);
    await page.getByTestId('track-fx').click();
    await panel.getByTestId('fx-on-0').uncheck(); // bypassed while monitoring: heard as it is at once
    expect(await peakDb()).toBeCloseTo(-12, 0);
    // Pitch correction in C# (D-flat) major (no A in it) moves the A a semitone, its meter reading as it is heard.
    await panel.getByTestId('fx-add').selectOption('tune');
    await panel.getByTestId('fx-key-1').selectOption('C# major');
    await expect(panel.getByTestId('fx-correction-1')).toHaveText(/^[+-]?(99|100) cents$/);
    await page.keyboard.press('Escape');
    await studio.action('monitor').click();
  });

  test('loop recording: with Loop on over a selection, each pass becomes a take of it, the last one playing', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('tone-stereo-44k.wav'); // 2 s
    await studio.waitForTracks(1);
    await studio.select(0.5, 1.5);
    await studio.action('loop').click();
    await studio.startRecording();
    await page.waitForTimeout(3400); // three passes and a bit
    await studio.action('record').click();
    await expect.poll(async () => (await studio.summary()).tracks.length).toBeGreaterThan(2);
    const { project } = await page.evaluate(() => (window as any).omniStudio.services.store.getState());
    const [, first, ...takes] = project.tracks;
    expect(first.name).toBe('Loop take 1');
    expect(takes.every((t: any) => t.takeOf === first.id)).toBe(true);
    const clips = [first, ...takes].map((t: any) => t.clips[0]);
    expect(clips.every((c: any) => c.start === 22050)).toBe(true); // each on the loop, from its start
    expect(clips.slice(0, -1).every((c: any) => c.length === 44100)).toBe(true); // whole passes
    expect(clips.length).toBeGreaterThanOrEqual(2);
    // The last take plays; the first pass and the others are muted (A/B switches).
    expect([first, ...takes].map((t: any) => t.mute)).toEqual([...clips.slice(0, -1).map(() => true), false]);
    expect((await studio.summary()).undo.at(-1)).toBe(`Loop recording (${clips.length} takes)`);
  });

  test('records along with the project (an overdub): it plays meanwhile, and the take starts where playback did', async ({
    studio,
    page,
    context,
  }) => {
    await context.grantPermissions(['microphone']);
    await studio.importFiles('speech-pauses.wav'); // several seconds to play along with
    await studio.waitForTracks(1);
    await page.evaluate(() => (window as any).omniStudio.services.store.getState().seek(44100));
    await studio.startRecording();
    const state = () => page.evaluate(() => (window as any).omniStudio.services.store.getState());
    expect((await state()).playing).toBe(true);
    await page.waitForTimeout(1200);
    await studio.action('record').click();
    await studio.waitForTracks(2);
    const after = await state();
    expect(after.playing).toBe(false);
    expect(after.playhead).toBe(44100); // back where the take began
    const clip = after.project.tracks[1].clips[0];
    // Moved earlier by the round trip's latency where the browser reports it: within a second of the playhead.
    expect(clip.start).toBeLessThanOrEqual(44100);
    expect(clip.start).toBeGreaterThan(0);
    expect(clip.length / 44100).toBeGreaterThan(0.8);
  });
});

/** How far a recording of a steady tone is from a pure sine at `hz`, dB: the median over 100 ms windows (from 0.1 s
 * after the tone begins, as the device starts in silence, to 0.1 s before the end) of each window against its own
 * least-squares sine, so a sample the fake device drops under load (a jump in phase) spoils one window, not all. */
function sineSnrDb(x: Float32Array, rate: number, hz: number): number {
  const from = x.findIndex((v) => Math.abs(v) > 0.01) + Math.round(0.1 * rate);
  const to = x.length - Math.round(0.1 * rate);
  const size = Math.round(0.1 * rate);
  expect(to - from).toBeGreaterThan(5 * size);
  const snrs: number[] = [];
  for (let at = from; at + size <= to; at += size) snrs.push(windowSnrDb(x.subarray(at, at + size), rate, hz));
  snrs.sort((a, b) => a - b);
  return snrs[Math.floor(snrs.length / 2)];
}

/** One window against its least-squares sine at `hz` (any phase and level), dB. */
function windowSnrDb(x: Float32Array, rate: number, hz: number): number {
  const w = (2 * Math.PI * hz) / rate;
  let [ss, cc, sc, xs, xc] = [0, 0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const [s, c] = [Math.sin(w * i), Math.cos(w * i)];
    [ss, cc, sc, xs, xc] = [ss + s * s, cc + c * c, sc + s * c, xs + x[i] * s, xc + x[i] * c];
  }
  const det = ss * cc - sc * sc;
  const [a, b] = [(xs * cc - xc * sc) / det, (xc * ss - xs * sc) / det];
  let [signal, residual] = [0, 0];
  for (let i = 0; i < x.length; i++) {
    const fit = a * Math.sin(w * i) + b * Math.cos(w * i);
    signal += fit * fit;
    residual += (x[i] - fit) ** 2;
  }
  return 10 * Math.log10(signal / residual);
}
