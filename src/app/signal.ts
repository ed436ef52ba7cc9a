/** Generate signal, as Audacity's Generate menu: a tone, chirp, noise, telephone keys or a click track into the
 * project. A click track at the project's tempo (set, or heard by Analyze on a track) lands on its beats. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { renderSignal, signalName, signalProblem } from '../dsp/signals';
import { placeAsset } from '../project/generated-ops';
import { projectGrid, trackGrid } from '../project/tempo';
import type { Project } from '../project/types';
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
  const grid = s.kind === 'clicks' ? gridAt(state.project, s.bpm) : undefined;
  const downbeat = grid ? grid.downbeat - at : 0;
  const samples = renderSignal(s, rate, range ? range.end - range.start : Math.round(s.seconds * rate), downbeat);
  const asset = assets.add([samples], rate);
  const name = signalName(s);
  const onto = trackIds.length ? trackIds : [null];
  const project = onto.reduce((p, id) => placeAsset(p, id, at, asset.id, samples.length, name), state.project);
  state.commit(`Generate ${name}`, project);
  if (grid) state.notify('info', `${name}: on the beat grid of ${grid.source}.`);
}

/** Where the bars of a click track at `bpm` begin, and whose grid that is: the project's tempo where it runs at `bpm`
 * (within 0.5 %), else a track's whose beat grid (Analyze's) does. */
function gridAt(project: Project, bpm: number): { downbeat: number; source: string } | undefined {
  const near = (b: number) => Math.abs(b - bpm) <= 0.005 * bpm;
  if (project.tempo && near(project.tempo.bpm))
    return { downbeat: project.tempo.downbeat, source: 'the project tempo' };
  const track = project.tracks.find((t) => near(trackGrid(t)?.bpm ?? Number.NaN));
  return track && { downbeat: track.beatStart!, source: `what Analyze heard on ${track.name}` };
}

/** The project's tempo (set, else heard by Analyze), rounded to a hundredth (null: none). */
export function projectTempo(project: Project): number | null {
  const bpm = projectGrid(project)?.bpm;
  return bpm === undefined ? null : Math.round(bpm * 100) / 100;
}
