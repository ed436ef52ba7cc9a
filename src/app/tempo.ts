/** The project's tempo and time signature, set in the transport bar (typed, chosen, tapped or taken from a selected
 * bar), and the metronome's switch. Each change of the tempo is one undo step; a run of taps is one. Instrument
 * tracks follow a new tempo, as a DAW's MIDI does; audio keeps its time. */
import { selectedRange } from '../actions/targets';
import { type BeatGrid, projectGrid, TAP_RESET_MS, tappedTempo, tempoProblem, withTempo } from '../project/tempo';
import type { AssetStore } from '../project/asset-store';
import type { Project } from '../project/types';
import { notesAtTempo } from './instrument';
import type { ClickSettings } from '../store/click-settings';
import type { Services } from './services';

/** The grid a project without one starts from when its tempo is first set: 120 BPM in 4/4 from the start. */
const FIRST_GRID: BeatGrid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 };

const tempoName = (g: BeatGrid) => `${Math.round(g.bpm * 10) / 10} BPM, ${g.beatsPerBar}/${g.beatUnit}`;

/** Sets part of the project's tempo (the rest as it is, or as Analyze heard it), one undo step named `label` (else
 * for the tempo); a tempo out of range is said and changes nothing. */
export function setTempo({ store, assets }: Services, patch: Partial<BeatGrid>, label?: string): void {
  const { project } = store.getState();
  const from = projectGrid(project) ?? FIRST_GRID;
  const next = { ...from, ...patch };
  const problem = tempoProblem(next.bpm);
  if (problem) {
    store.getState().notify('error', problem);
    return;
  }
  if (project.tempo && tempoName(project.tempo) === tempoName(next) && project.tempo.downbeat === next.downbeat) return;
  store.getState().commit(label ?? `Tempo ${tempoName(next)}`, atTempo(project, assets, from, next));
}

/** The project at tempo `to` from `from`: the instrument tracks' notes keep their beats (`notesAtTempo`). */
const atTempo = (project: Project, assets: AssetStore, from: BeatGrid, to: BeatGrid) =>
  notesAtTempo(withTempo(project, to), assets, from.bpm / to.bpm, from.downbeat);

/** Tempo from the selection, as Reaper's "adjust tempo to make the time selection one measure": the selection
 * becomes one bar (in the time signature the project has, else 4/4) and bar 1 starts where it starts. */
export function tempoFromSelection(services: Services): void {
  const { store } = services;
  const state = store.getState();
  const range = selectedRange(state);
  if (!range) {
    state.notify('info', 'Tempo from selection: select one bar of the music first.');
    return;
  }
  const grid = projectGrid(state.project) ?? FIRST_GRID;
  const bpm = Math.round(((grid.beatsPerBar * 60 * state.project.sampleRate) / (range.end - range.start)) * 100) / 100;
  const problem = tempoProblem(bpm);
  if (problem) {
    state.notify('error', `One bar of ${grid.beatsPerBar}/${grid.beatUnit} that long is ${bpm} BPM. ${problem}`);
    return;
  }
  setTempo(services, { bpm, downbeat: range.start }, 'Tempo from selection');
  state.notify(
    'info',
    `The selection is now one bar of ${grid.beatsPerBar}/${grid.beatUnit} at ${bpm} BPM, bar 1 at its start.`,
  );
}

/** Bar 1 at the playhead: the grid moved so a bar begins there, the tempo kept (the project's, else 120 BPM 4/4). */
export function downbeatAtPlayhead(services: Services): void {
  setTempo(services, { downbeat: services.store.getState().playhead }, 'Bar 1 at the playhead');
}

/** Takes the tempo set on the project away: the grid is Analyze's again, where it heard one, else there is none. */
export function clearTempo({ store }: Services): void {
  const { project } = store.getState();
  if (project.tempo) store.getState().commit('Clear tempo', withTempo(project, undefined));
}

let taps: number[] = [];
/** The project the last tap made: a tap changes that step in place only while nothing else has changed the project. */
let tapped: Project | null = null;

/** Tap tempo: each tap (a click on Tap, or its shortcut) sets the tempo from the taps so far; the taps of one run (no
 * pause over TAP_RESET_MS) are one undo step. */
export function tapTempo({ store, assets }: Services, now = performance.now()): void {
  if (taps.length && now - taps[taps.length - 1] > TAP_RESET_MS) taps = [];
  taps.push(now);
  const bpm = tappedTempo(taps);
  if (bpm === null || tempoProblem(bpm)) return;
  const state = store.getState();
  const from = projectGrid(state.project) ?? FIRST_GRID;
  const next = atTempo(state.project, assets, from, { ...from, bpm });
  // The run's first tempo is a new step; later taps of the run change that step's result in place.
  if (taps.length > 2 && state.project === tapped) state.preview(next);
  else state.commit('Tap tempo', next);
  tapped = next;
}

/** Changes the metronome's settings (remembered for the next session). */
export function setClick({ store }: Services, patch: Partial<ClickSettings>): void {
  store.getState().set({ click: { ...store.getState().click, ...patch } });
}

/** The metronome on or off (it clicks on the project's beats while playing and recording). */
export function toggleClick(services: Services): void {
  const { store } = services;
  const { click, project } = store.getState();
  setClick(services, { on: !click.on });
  if (!click.on && !projectGrid(project))
    store
      .getState()
      .notify(
        'info',
        'The metronome clicks on the project’s tempo: set one in the transport bar (or Analyze a music track).',
      );
}
