/** The project's tempo and time signature, set in the transport bar (typed, chosen or tapped), the metronome's
 * switch, and Quantize. Each change of the tempo is one undo step; a run of taps is one. */
import { type BeatGrid, projectGrid, TAP_RESET_MS, tappedTempo, tempoProblem, withTempo } from '../project/tempo';
import { selectedRange, targetTrackIds } from '../actions/targets';
import { crossfadeOverlaps } from '../project/clip-fades';
import { quantizeClips } from '../project/timeline-ops';
import type { Project } from '../project/types';
import type { StudioState } from '../store/studio-store';
import type { ClickSettings } from '../store/click-settings';
import type { Services } from './services';

/** The grid a project without one starts from when its tempo is first set: 120 BPM in 4/4 from the start. */
const FIRST_GRID: BeatGrid = { bpm: 120, beatsPerBar: 4, beatUnit: 4, downbeat: 0 };

const tempoName = (g: BeatGrid) => `${Math.round(g.bpm * 10) / 10} BPM, ${g.beatsPerBar}/${g.beatUnit}`;

/** Sets part of the project's tempo (the rest as it is, or as Analyze heard it), one undo step named `label` (else
 * for the tempo); a tempo out of range is said and changes nothing. */
export function setTempo({ store }: Services, patch: Partial<BeatGrid>, label?: string): void {
  const { project } = store.getState();
  const next = { ...(projectGrid(project) ?? FIRST_GRID), ...patch };
  const problem = tempoProblem(next.bpm);
  if (problem) {
    store.getState().notify('error', problem);
    return;
  }
  if (project.tempo && tempoName(project.tempo) === tempoName(next) && project.tempo.downbeat === next.downbeat) return;
  store.getState().commit(label ?? `Tempo ${tempoName(next)}`, withTempo(project, next));
}

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
export function tapTempo({ store }: Services, now = performance.now()): void {
  if (taps.length && now - taps[taps.length - 1] > TAP_RESET_MS) taps = [];
  taps.push(now);
  const bpm = tappedTempo(taps);
  if (bpm === null || tempoProblem(bpm)) return;
  const state = store.getState();
  const next = withTempo(state.project, { ...(projectGrid(state.project) ?? FIRST_GRID), bpm });
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

/** Quantize (Q), as a DAW quantizes items: the selected clips (else those starting in the selection, on its tracks)
 * start on the nearest beat of the project's grid, crossfaded with what they come to overlap; one undo step, and how
 * far they moved is said. */
export function quantize({ store }: Services): void {
  const outcome = quantizing(store.getState());
  if (typeof outcome !== 'string') store.getState().commit(outcome.label, outcome.project);
  store.getState().notify('info', typeof outcome === 'string' ? outcome : outcome.said);
}

/** What Quantize makes of the state: the project quantized, its undo label and what to say; or why nothing moves. */
function quantizing(state: StudioState): { project: Project; label: string; said: string } | string {
  const grid = projectGrid(state.project);
  if (!grid) return 'Quantize moves clips onto the beats of the project’s tempo: set a tempo first.';
  const ids = clipsToQuantize(state);
  if (ids.length === 0) return 'Quantize: select clips (Ctrl+click their name bars) or a range where they start.';
  const quantized = quantizeClips(state.project, ids, grid);
  const starts = (p: Project) => new Map(p.tracks.flatMap((t) => t.clips.map((c) => [c.id, c.start])));
  const [before, after] = [starts(state.project), starts(quantized)];
  const furthest = Math.max(...ids.map((id) => Math.abs(after.get(id)! - before.get(id)!)));
  const clips = ids.length > 1 ? `${ids.length} clips` : 'the clip';
  if (furthest === 0) return `Quantize: ${clips} start on the beat already.`;
  const ms = Math.round((furthest / state.project.sampleRate) * 1000);
  return {
    project: ids.reduce((p, id) => crossfadeOverlaps(p, id), quantized),
    label: `Quantize ${clips}`,
    said: `Quantized ${clips} onto the beat (moved by up to ${ms} ms).`,
  };
}

/** The selected clips, else those starting inside the selected range on its tracks. */
function clipsToQuantize(state: StudioState): string[] {
  if (state.selectedClipIds.length) return [...state.selectedClipIds];
  const range = selectedRange(state);
  if (!range) return [];
  const trackIds = targetTrackIds(state);
  return state.project.tracks
    .filter((t) => trackIds.includes(t.id))
    .flatMap((t) => t.clips.filter((c) => c.start >= range.start && c.start < range.end).map((c) => c.id));
}
