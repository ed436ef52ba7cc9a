/** Correct pitch over the selection (src/dsp/pitch-correct.ts) as one undoable step in the analysis worker, in the key
 * chosen, or the project's (the key Analyze heard on a track; chromatic where none was heard, said); the intonation is
 * measured before and after and said, and a selection with nothing pitched in it is left as it was. */
import { selectedRange } from '../actions/targets';
import { analysis, answerValue, transferred } from '../client/analysis-client';
import { runInWorker } from '../client/effect-runner';
import { PITCH_CLASSES } from '../dsp/key';
import { type Intonation, type Key, type PitchCorrection, VOICE_RANGES } from '../dsp/pitch-correct';
import { keyOfNotes } from '../dsp/pitch-notes';
import { type LineReader, lineInWorker } from './pitch-editor';
import { parseKey } from '../music/music-prompt';
import { scaleName } from '../project/effects';
import type { EffectRunner } from '../project/process-ops';
import type { Track } from '../project/types';
import type { EditParams } from '../store/studio-store';
import { runEffect, targetTrackAudio } from './effects';
import type { Services } from './services';

export type IntonationMeter = (
  channels: Float32Array[],
  sampleRate: number,
  scale: PitchCorrection,
) => Promise<Intonation | null>;

const intonationInWorker: IntonationMeter = (channels, sampleRate, scale) =>
  answerValue(analysis().intonation(transferred(channels), sampleRate, scale));

/** The keys the studio offers: the project's, the line's own, every semitone, "C major" ... "B minor". */
export const CORRECTION_KEYS = [
  'project',
  'line',
  'chromatic',
  ...['major', 'minor'].flatMap((mode) => PITCH_CLASSES.map((k) => `${k} ${mode}`)),
];

/** The key in words ("A minor"), or null where it names none. */
export function namedKey(text: string | undefined): Key | null {
  const key = parseKey(text);
  return key && { tonic: PITCH_CLASSES.indexOf(key.key), mode: key.mode };
}

/** The key Analyze heard in the project (the first track's that has one), or null. */
export const projectKey = (tracks: readonly Track[]): Key | null =>
  tracks.map((t) => namedKey(t.musicKey)).find((k) => k) ?? null;

/** The correction the settings ask for, and its key in words; `lineKey` is the key heard in the line (null: too few
 * notes to tell), needed where the line's own key is asked for (without it: null). */
export function correctionOf(
  params: Pick<EditParams, 'correctKey' | 'retuneMs' | 'correctStrength'> &
    Partial<Pick<EditParams, 'humanize' | 'correctWithin' | 'correctVoice'>>,
  tracks: readonly Track[],
  lineKey?: Key | null,
): { scale: PitchCorrection; said: string } | null {
  let key: Key | null;
  let said: (name: string) => string;
  if (params.correctKey === 'line') {
    if (lineKey === undefined) return null;
    key = lineKey;
    said = (name) => (key ? `${name} (heard in the line)` : `${name} (too few notes in the line to hear a key)`);
  } else if (params.correctKey === 'project') {
    key = projectKey(tracks);
    said = (name) => (key ? `${name} (the project's)` : `${name} (Analyze found no key in the project)`);
  } else {
    key = namedKey(params.correctKey);
    said = (name) => name;
  }
  const scale = {
    tonic: key?.tonic ?? null,
    mode: key?.mode ?? 'major',
    speedMs: params.retuneMs,
    strength: params.correctStrength,
    ...(params.humanize && { humanize: params.humanize }),
    ...(params.correctWithin && { withinCents: params.correctWithin }),
    // The insert's Voice: a range over the lowest listens from there (the same samples as the insert's).
    ...(params.correctVoice && params.correctVoice !== VOICE_RANGES[0].lowestHz && { lowestHz: params.correctVoice }),
  };
  return { scale, said: said(scaleName(scale)) };
}

export async function correctPitchSelection(
  services: Services,
  run: EffectRunner = runInWorker,
  measure: IntonationMeter = intonationInWorker,
  read: LineReader = lineInWorker,
): Promise<void> {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) return;
  const rate = state.project.sampleRate;
  const heard = () => targetTrackAudio(services, range, store.getState().project).flat();
  const lineKey = state.params.correctKey === 'line' ? keyOfNotes((await read(heard(), rate)).notes) : undefined;
  const { scale, said } = correctionOf(state.params, state.project.tracks, lineKey) ?? {};
  if (!scale) return;
  const before = await measure(heard(), rate, scale);
  if (!before)
    return store
      .getState()
      .notify(
        'info',
        'Nothing in the selection has a pitch to correct (one voice or instrument, one note at a time): nothing was changed.',
      );
  if (!(await runEffect(services, { kind: 'correctPitch', ...scale }, undefined, run))) return;
  const after = await measure(heard(), rate, scale);
  const cents = (i: Intonation | null) => (i ? `${Math.round(i.medianCents)}` : 'none heard');
  store
    .getState()
    .notify(
      'info',
      `Corrected the pitch to ${said}: ${Math.round(100 * before.voiced)} % of the selection has a pitch, a median ${cents(before)} cents off its notes before, ${cents(after)} after.`,
    );
}
