import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { midiFile } from '../src/export/midi-file';
import { type MidiNote, noteName } from '../src/dsp/notes';
import { expect, type Studio, test } from './fixtures';
import { crossingHz, soxStat } from './sox';

/** Imports a MIDI file of one part and opens it in the piano roll. */
async function openInPianoRoll(studio: Studio, name: string, notes: MidiNote[], bpm: number) {
  await importMidi(studio.page, name, notes, bpm);
  await studio.waitForTracks(1);
  await studio.page.getByTestId('track-notes').click();
}

/** Imports a MIDI file of `notes` (General MIDI program 0, a piano) made by the studio's own writer. */
async function importMidi(page: Page, name: string, notes: MidiNote[], bpm: number) {
  const buffer = Buffer.from(midiFile(notes, bpm, 0));
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'audio/midi', buffer });
}

test.describe('instrument tracks', () => {
  test('a MIDI file becomes an instrument track: played on the built-in piano, on an organ, an octave up', async ({
    studio,
    page,
  }) => {
    // C4 held from 0.5 s to 2.5 s, at 100 BPM, on General MIDI's piano.
    await importMidi(page, 'tune.mid', [{ startSeconds: 0.5, endSeconds: 2.5, note: 60, velocity: 110 }], 100);
    await studio.waitForTracks(1);
    await expect(page.getByTestId('notice-info').last()).toContainText(
      '"tune.mid" plays on the built-in instruments: Piano. The project\'s tempo is now the file\'s, 100 BPM in 4/4.',
    );
    const instrument = page.getByTestId('track-instrument');
    await expect(instrument).toHaveValue('piano');
    await expect(page.getByTestId('clip-notes').locator('rect')).toHaveCount(1); // the note drawn on its clip

    // sox reads the mix: middle C from the note's start, a piano's note dying away while held.
    const level = (path: string, start: number) =>
      20 * Math.log10(soxStat(path, { start, seconds: 0.3 })['RMS     amplitude']);
    const lowPass = ['sinc', '-400'];
    const piano = await studio.exportFile({ dither: false });
    expect(Math.abs(crossingHz(piano, 0.7, 1, lowPass) - 261.63)).toBeLessThan(1);
    expect(soxStat(piano, { start: 0, seconds: 0.49 })['Maximum amplitude']).toBe(0);
    expect(level(piano, 2.1) - level(piano, 0.6)).toBeLessThan(-8);

    // On the organ the note holds its level; one undo step.
    await instrument.selectOption('organ');
    await expect(instrument).toHaveValue('organ');
    const organ = await studio.exportFile({ dither: false });
    expect(Math.abs(level(organ, 2.1) - level(organ, 0.6))).toBeLessThan(1);
    expect(Math.abs(crossingHz(organ, 0.7, 1, lowPass) - 261.63)).toBeLessThan(1);

    // Shift+♯: an octave up.
    await page.getByTestId('track-transpose-up').click({ modifiers: ['Shift'] });
    const octave = await studio.exportFile({ dither: false });
    expect(Math.abs(crossingHz(octave, 0.7, 1, ['sinc', '-700']) - 523.25)).toBeLessThan(2);
    expect((await studio.summary()).undo).toEqual(['Import "tune.mid"', 'Instrument: Organ', 'Transpose +12']);

    // Back on the piano, Save MIDI: fluidsynth, a real General MIDI synth, plays C5 from 0.5 s (its drawbar organ
    // would add an octave under it).
    await instrument.selectOption('piano');
    const saving = page.waitForEvent('download');
    await studio.action('saveMidi').click();
    const midi = test.info().outputPath('song.mid');
    await (await saving).saveAs(midi);
    await expect(page.getByTestId('notice-info').last()).toContainText(
      'Saved 1 track of 1 note as MIDI at 100 BPM: Untitled project.mid.',
    );
    const played = test.info().outputPath('played.wav');
    execFileSync('fluidsynth', ['-ni', '-F', played, '-r', '44100', '/usr/share/sounds/sf2/TimGM6mb.sf2', midi]);
    expect(soxStat(played, { start: 0, seconds: 0.45 })['Maximum amplitude']).toBeLessThan(0.001);
    expect(Math.abs(crossingHz(played, 1, 1, ['sinc', '-700']) - 523.25)).toBeLessThan(2);
  });

  test('a broken MIDI file is refused in words', async ({ studio, page }) => {
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'half.mid', mimeType: 'audio/midi', buffer: Buffer.from('MThd\0\0') });
    await expect(page.getByTestId('notice-error').last()).toContainText(
      '"half.mid" could not be imported: it is cut short (inside a chunk header). The project is unchanged.',
    );
    expect((await studio.summary()).tracks).toEqual([]);
  });
});

test('the piano roll moves, adds, lengthens and deletes notes, each played again and one undo step', async ({
  studio,
  page,
}) => {
  // C4 then E4, half a second each from 0.5 s, at 120 BPM.
  const line = [
    { startSeconds: 0.5, endSeconds: 1, note: 60, velocity: 100 },
    { startSeconds: 1, endSeconds: 1.5, note: 64, velocity: 100 },
  ];
  await openInPianoRoll(studio, 'line.mid', line, 120);
  const roll = page.getByTestId('piano-roll');
  const notes = roll.getByTestId('roll-note');
  await expect(notes).toHaveCount(2);

  // A click selects C4 and plays it; two ↑ make it D4, which sox hears.
  await notes.first().click();
  const previewing = () =>
    page.evaluate(() => (window as any).omniStudio.services.store.getState().previewing as boolean);
  await expect.poll(previewing, { intervals: [50] }).toBe(true);
  await roll.press('ArrowUp');
  await roll.press('ArrowUp');
  await expect(notes.first()).toHaveAttribute('aria-label', 'D4 at 0.50 s, 0.50 s long');
  // Its velocity down to 40 from 100: (40/100)^1.6, 13 dB quieter than E4 after it.
  await page.getByTestId('piano-roll-velocity').fill('40');
  await page.getByTestId('piano-roll-velocity').press('Enter');
  const moved = await studio.exportFile({ dither: false });
  expect(Math.abs(crossingHz(moved, 0.6, 0.35, ['sinc', '-450']) - 293.66)).toBeLessThan(1.5);
  const level = (start: number) => 20 * Math.log10(soxStat(moved, { start, seconds: 0.3 })['RMS     amplitude']);
  expect(level(0.55) - level(1.05)).toBeLessThan(-10);

  // A double-click after E4 on its row adds an E4 there; its right edge dragged makes it longer.
  await page.getByTestId('track-notes').click(); // the export had the panel's place
  const e4 = (await notes.last().boundingBox())!;
  await page.mouse.dblclick(e4.x + e4.width + 80, e4.y + e4.height / 2);
  await expect(notes).toHaveCount(3);
  const added = (await notes.last().boundingBox())!;
  await expect(notes.last()).toHaveAttribute('aria-label', /^E4 at [\d.]+ s, 0\.50 s long$/);
  await page.mouse.move(added.x + added.width - 2, added.y + added.height / 2);
  await page.mouse.down();
  await page.mouse.move(added.x + added.width + 60, added.y + added.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(notes.last()).not.toHaveAttribute('aria-label', /0\.50 s long$/);

  // Delete takes the selected note away, not the timeline's selection.
  await roll.press('Delete');
  await expect(notes).toHaveCount(2);
  expect((await studio.summary()).undo).toEqual([
    'Import "line.mid"',
    'Move notes',
    'Move notes',
    'Velocity 40',
    'Add note E4',
    'Lengthen note',
    'Delete note',
  ]);
  expect((await studio.summary()).tracks[0].clips).toBe(1);
});

test('a new instrument track is written in the piano roll and heard where its note was put', async ({
  studio,
  page,
}) => {
  await page.getByTestId('tracks-menu').click();
  await studio.action('newInstrumentTrack').click();
  const roll = page.getByTestId('piano-roll');
  await expect(roll).toBeVisible();
  await expect(roll.getByTestId('roll-note')).toHaveCount(0);
  const box = (await roll.boundingBox())!;
  await page.mouse.dblclick(box.x + 200, box.y + box.height / 2);
  await expect(roll.getByTestId('roll-note')).toHaveCount(1);
  const [note] = await page.evaluate(() => {
    const { services } = (window as unknown as { omniStudio: { services: any } }).omniStudio;
    return services.store.getState().project.tracks[0].clips[0].part.notes;
  });
  expect(note.endSeconds - note.startSeconds).toBeCloseTo(0.2, 6); // four 50 ms steps: the project has no tempo
  const out = await studio.exportFile({ dither: false });
  const hz = 440 * 2 ** ((note.note - 69) / 12);
  expect(soxStat(out, { start: 0, seconds: note.startSeconds - 0.01 })['Maximum amplitude']).toBe(0);
  expect(
    Math.abs(crossingHz(out, note.startSeconds + 0.02, 0.15, ['sinc', `-${Math.round(hz * 1.5)}`]) / hz - 1),
  ).toBeLessThan(0.01);
  expect((await studio.summary()).undo).toEqual(['New instrument track', `Add note ${noteName(note.note)}`]);
});

test('in the piano roll Q quantizes notes played off the beat, a box selects them, Ctrl+D duplicates them', async ({
  studio,
  page,
}) => {
  // At 120 BPM a sixteenth is 0.125 s: C4 30 ms late, E4 on the beat.
  const loose = [
    { startSeconds: 0.53, endSeconds: 0.9, note: 60, velocity: 100 },
    { startSeconds: 1, endSeconds: 1.4, note: 64, velocity: 100 },
  ];
  await openInPianoRoll(studio, 'loose.mid', loose, 120);
  await page.getByTestId('piano-roll-hear').uncheck();
  const notes = page.getByTestId('roll-note');
  await expect(notes.first()).toHaveAttribute('aria-label', 'C4 at 0.53 s, 0.37 s long');
  await page.getByTestId('piano-roll').press('q');
  await expect(notes.first()).toHaveAttribute('aria-label', 'C4 at 0.50 s, 0.37 s long');
  await expect(notes.last()).toHaveAttribute('aria-label', 'E4 at 1.00 s, 0.40 s long');

  // A box drawn over both selects them; Ctrl+D copies them a bar-fitting whole number of sixteenths on (1 s).
  const roll = (await page.getByTestId('piano-roll').boundingBox())!;
  const e4 = (await notes.last().boundingBox())!;
  await page.mouse.move(roll.x + 4, roll.y + 4);
  await page.mouse.down();
  await page.mouse.move(e4.x + e4.width + 10, roll.y + roll.height - 4, { steps: 5 });
  await page.mouse.up();
  await expect(page.locator('.roll-note.selected')).toHaveCount(2);
  await page.getByTestId('piano-roll').press('Control+d');
  await expect(notes).toHaveCount(4);
  await expect(page.locator('.roll-note.selected').first()).toHaveAttribute('aria-label', 'C4 at 1.50 s, 0.37 s long');
  expect((await studio.summary()).undo).toEqual(['Import "loose.mid"', 'Quantize notes', 'Duplicate notes']);
});

test('a sung line becomes an instrument track from the Pitch editor, as audio to MIDI: the piano plays its notes', async ({
  studio,
  page,
}) => {
  await studio.importFiles('melody-sharp.wav'); // C4, E4 30 cents sharp, G4
  await studio.waitForTracks(1);
  await page.keyboard.press('Control+a');
  await studio.action('pitchEditor').click();
  const editor = page.getByTestId('pitch-editor');
  await expect(editor.getByTestId('pitch-editor-what')).toContainText('3 notes');
  await editor.getByTestId('pitch-editor-instrument').click();
  await studio.waitForTracks(2);
  const notes = page.getByTestId('piano-roll').getByTestId('roll-note');
  await expect(notes).toHaveCount(3);
  const names = await notes.evaluateAll((all) => all.map((n) => n.getAttribute('aria-label')!.split(' ')[0]));
  expect(names).toEqual(['C4', 'E4', 'G4']); // the sharp E on its nearest semitone
  await page.keyboard.press('Escape');
  await page.getByTestId('track-mute').first().click(); // the voice muted: the piano alone
  const piano = await studio.exportFile({ dither: false });
  expect(Math.abs(crossingHz(piano, 0.1, 0.2, ['sinc', '-400']) / 261.63 - 1)).toBeLessThan(0.01);
  expect((await studio.summary()).undo.slice(0, 2)).toEqual(['Import "melody-sharp.wav"', 'Notes to instrument track']);
});
