/** Edits on the project's beat grid: Quantize (clips onto the beats) and Split at bars (clips cut at bar lines), as a
 * DAW's grid edits. Each is one undo step and says what it did, or why nothing changed. */
import { selectedRange, targetTrackIds } from '../actions/targets';
import { crossfadeOverlaps } from '../project/clip-fades';
import { beatsIn, projectGrid } from '../project/tempo';
import { mapTracks, quantizeClips, splitTrackAt } from '../project/timeline-ops';
import type { Project } from '../project/types';
import type { StudioState } from '../store/studio-store';
import type { Services } from './services';
import { carried } from './project-commands';

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
    project: ids.reduce((p, id) => crossfadeOverlaps(p, id), carried(state, state.project, quantized, ids)),
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

/** Split at bars, as a DAW splits items at the grid: every clip on the selected tracks is split where a bar begins
 * inside the selection, so a loop or a take can be rearranged bar by bar; one undo step. */
export function splitAtBars({ store }: Services): void {
  const state = store.getState();
  const grid = projectGrid(state.project);
  const range = selectedRange(state);
  if (!grid || !range) {
    state.notify('info', 'Split at bars: set a tempo and select the bars to split.');
    return;
  }
  const bars = beatsIn(grid, state.project.sampleRate, range.start + 1, range.end)
    .filter((b) => b.downbeat)
    .map((b) => Math.round(b.at));
  const split = mapTracks(state.project, targetTrackIds(state), (t) => bars.reduce(splitTrackAt, t));
  const pieces = (p: Project) => p.tracks.reduce((n, t) => n + t.clips.length, 0);
  const made = pieces(split) - pieces(state.project);
  if (made === 0) {
    state.notify('info', 'Split at bars: no clip crosses a bar line in the selection.');
    return;
  }
  state.commit('Split at bars', split);
  state.notify(
    'info',
    `Split at ${bars.length} bar line${bars.length > 1 ? 's' : ''}: ${made} more clip${made > 1 ? 's' : ''}.`,
  );
}
