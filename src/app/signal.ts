/** Generate signal, as Audacity's Generate menu: a tone, chirp, noise, telephone keys or a click track into the
 * project. A click track at the tempo Analyze heard on a track lands on that track's beats. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { renderSignal, signalName, signalProblem } from '../dsp/signals';
import { placeAsset } from '../project/generated-ops';
import type { Project, Track } from '../project/types';
import type { Services } from './services';

/** Makes the panel's signal over the selection on its tracks, replacing what was there (the selection sets the length;
 * telephone keys take as long as their digits), or, with nothing selected, at the playhead on a new track. One undo
 * step; bad settings are said in words and change nothing. */
export function generateSignal({ store, assets }: Services): void {
  const state = store.getState();
  const s = state.signal;
  const rate = state.project.sampleRate;
  const problem = signalProblem(s, rate);
  if (problem) {
    state.notify('error', problem);
    return;
  }
  const range = selectedRange(state);
  const trackIds = range ? targetTrackIds(state) : [];
  const at = range?.start ?? state.playhead;
  const grid = s.kind === 'clicks' ? beatGrid(state.project, s.bpm) : undefined;
  const downbeat = grid?.beatStart !== undefined ? grid.beatStart - at : 0;
  const samples = renderSignal(s, rate, range ? range.end - range.start : Math.round(s.seconds * rate), downbeat);
  const asset = assets.add([samples], rate);
  const name = signalName(s);
  const onto = trackIds.length ? trackIds : [null];
  const project = onto.reduce((p, id) => placeAsset(p, id, at, asset.id, samples.length, name), state.project);
  state.commit(`Generate ${name}`, project);
  if (grid) state.notify('info', `${name}: on the beat grid Analyze heard on ${grid.name}.`);
}

/** A track whose beat grid (Analyze's) runs at `bpm` (within 0.5 %): a click track at that tempo lands on its beats. */
export function beatGrid(project: Project, bpm: number): Track | undefined {
  return project.tracks.find(
    (t) => t.tempoBpm !== undefined && t.beatStart !== undefined && Math.abs(t.tempoBpm - bpm) <= 0.005 * bpm,
  );
}

/** The tempo of the project's first analysed track, rounded to a hundredth (null: none heard). */
export function projectTempo(project: Project): number | null {
  const bpm = project.tracks.find((t) => t.tempoBpm !== undefined && t.beatStart !== undefined)?.tempoBpm;
  return bpm === undefined ? null : Math.round(bpm * 100) / 100;
}
