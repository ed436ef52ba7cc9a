/** Questions about pitch ("What note is it?", "Is it in tune?", "How flat is it?"), answered from the notes of the
 * line selected on one track (the Pitch editor's reading: src/app/pitch-editor.ts), without Analyze. */
import type { EditedLine } from '../app/pitch-editor';
import { midiOf, noteName, pitchText } from '../dsp/notes';
import { type Answer, normal } from './questions';

const PITCH = /\b(note|notes|pitch|pitches|melody|in tune|out of tune|tuned|flat|sharp|intonation)\b/;
const TUNING = /\b(in tune|out of tune|tuned|flat|sharp|intonation)\b/;
/** Within this (a median over the voiced frames, cents) a line is in tune: about what a trained ear lets pass. */
const IN_TUNE_CENTS = 10;
const LISTED_NOTES = 6;

export const asksPitch = (question: string) => PITCH.test(normal(question));

/** The answer from `line` (or the reason there is none to read). */
export function pitchAnswer(question: string, line: EditedLine | string, rate: number): Answer {
  if (typeof line === 'string')
    return { text: `I can't tell: ${line.charAt(0).toLowerCase()}${line.slice(1)}`, regions: [] };
  const off = [...line.track.hz]
    .filter((hz) => hz > 0)
    .map((hz) => 100 * (midiOf(hz) - Math.round(midiOf(hz))))
    .sort((a, b) => a - b);
  if (!line.notes.length || !off.length)
    return {
      text: "I can't tell: nothing in the selection has a steady pitch (one voice or instrument, one note at a time).",
      regions: [],
    };
  const median = (values: number[]) => values[Math.floor(values.length / 2)];
  const count = `${line.notes.length} note${line.notes.length === 1 ? '' : 's'}`;
  const sits = line.notes.length === 1 ? 'its note sits' : `its ${count} sit`;
  if (TUNING.test(normal(question))) {
    const cents = Math.round(median(off.map(Math.abs).sort((a, b) => a - b)));
    if (cents <= IN_TUNE_CENTS)
      return { text: `In tune: ${sits} a median ${cents} cents from the nearest semitones.`, regions: [] };
    const lean = median(off) < 0 ? 'flat' : 'sharp';
    return {
      text: `Not quite: ${sits} a median ${cents} cents from the nearest semitones, mostly ${lean} (Correct pitch can pull ${line.notes.length === 1 ? 'it' : 'them'} in).`,
      regions: [],
    };
  }
  const sung = line.notes.map((n) => n.midi);
  if (sung.length === 1)
    return {
      text: `${pitchText(sung[0])}, for ${((line.notes[0].end - line.notes[0].start) / rate).toFixed(1)} s.`,
      regions: [],
    };
  const [low, high] = [Math.round(Math.min(...sung)), Math.round(Math.max(...sung))];
  const listed = sung.slice(0, LISTED_NOTES).map(pitchText).join(', ');
  const more = sung.length > LISTED_NOTES ? ', …' : '';
  return { text: `${count} from ${noteName(low)} to ${noteName(high)}: ${listed}${more}.`, regions: [] };
}
