/** Add harmony (the Pitch editor): the line selected on one track, each note moved by an interval in the key chosen for
 * Correct pitch (the project's, the line's own, or one named; without one, the same interval for every note), its
 * formants kept (TD-PSOLA in the analysis worker), sounding only where the line's notes do, as a new track under the
 * others, one undoable step. */
import { runInWorker } from '../client/effect-runner';
import { HARMONIES, type Harmony, harmonySemitones, keepNotes } from '../dsp/harmony';
import { keyOfNotes } from '../dsp/pitch-notes';
import { placeAsset, trackAudio } from '../project/generated-ops';
import type { EffectRunner } from '../project/process-ops';
import type { EditedLine } from './pitch-editor';
import { correctionOf } from './pitch-correct';
import type { Services } from './services';

export async function addHarmony(
  services: Services,
  line: EditedLine,
  harmony: Harmony,
  run: EffectRunner = runInWorker,
): Promise<boolean> {
  const { store, assets } = services;
  const state = store.getState();
  const source = state.project.tracks.find((t) => t.id === line.trackId);
  if (!source || !line.notes.length) {
    state.notify('info', 'No notes to harmonise: select a sung or played line on one track and read it again.');
    return false;
  }
  const { scale, said } = correctionOf(state.params, state.project.tracks, keyOfNotes(line.notes))!;
  const key = scale.tonic === null ? null : { tonic: scale.tonic, mode: scale.mode };
  const steps = HARMONIES[harmony];
  const shifts = line.notes.map((n) => ({ ...n, cents: 100 * harmonySemitones(n.midi, key, steps) }));
  const { range } = line;
  const length = range.end - range.start;
  const piece = { start: range.start, length, channels: trackAudio(source, assets, range) };
  const rate = state.project.sampleRate;
  state.set({ busy: 'Add harmony…' });
  try {
    const { channels } = await run({ kind: 'shiftNotes', shifts }, [piece], range, rate);
    if (store.getState().project !== state.project) {
      store
        .getState()
        .notify('error', 'The harmony was not added: the project changed while it was made. Add it again.');
      return false;
    }
    const own = line.notes.map((n) => ({ ...n, start: n.start - range.start, end: n.end - range.start }));
    const asset = assets.add(keepNotes(channels[0], own, rate), rate);
    const name = `Harmony: ${harmony} (${source.name})`;
    store
      .getState()
      .commit(`Add harmony (${harmony})`, placeAsset(state.project, null, range.start, asset.id, length, name));
    const where = key ? `in ${said}` : '(no key chosen or found: the same interval for every note)';
    store.getState().notify('info', `Added a harmony ${harmony} ${where}: ${line.notes.length} notes on a new track.`);
    return true;
  } finally {
    store.getState().set({ busy: null });
  }
}
