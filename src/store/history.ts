/** Undo history as snapshots of the immutable project: each entry holds the project as it was before the named edit. */
import type { Project } from '../project/types';
import { projectImpulseIds } from '../project/impulses';

export interface HistoryEntry {
  label: string;
  project: Project;
}

export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

export const HISTORY_LIMIT = 200;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** Records that `label` changed the project away from `before`; a new edit clears what could be redone. */
export function record(history: History, label: string, before: Project): History {
  return { past: [...history.past, { label, project: before }].slice(-HISTORY_LIMIT), future: [] };
}

export function undo(
  history: History,
  current: Project,
): { history: History; project: Project; label: string } | undefined {
  const entry = history.past.at(-1);
  if (!entry) return undefined;
  return {
    project: entry.project,
    label: entry.label,
    history: { past: history.past.slice(0, -1), future: [...history.future, { label: entry.label, project: current }] },
  };
}

export function redo(
  history: History,
  current: Project,
): { history: History; project: Project; label: string } | undefined {
  const entry = history.future.at(-1);
  if (!entry) return undefined;
  return {
    project: entry.project,
    label: entry.label,
    history: { past: [...history.past, { label: entry.label, project: current }], future: history.future.slice(0, -1) },
  };
}

/** Moves `steps` through the history at once (back where negative, forward where positive), as Audacity's History
 * window and Audition's History panel jump to a step; the label is the last step undone or redone. */
export function travel(
  history: History,
  current: Project,
  steps: number,
): { history: History; project: Project; label: string } | undefined {
  let at: { history: History; project: Project; label: string } | undefined;
  for (let i = 0; i < Math.abs(steps); i++) {
    const next = (steps < 0 ? undo : redo)(at?.history ?? history, at?.project ?? current);
    if (!next) break;
    at = next;
  }
  return at;
}

/** A state the history can go to: the edit that made it and how many steps away it is (0: the current one). */
export interface HistoryRow {
  label: string;
  steps: number;
}

/** Every state in order, oldest first: the start, each edit done, then each that redo would bring back. */
export function historyRows(history: History): HistoryRow[] {
  const done = history.past.length;
  return [
    { label: 'Start', steps: done ? -done : 0 }, // not -0
    ...history.past.map((e, i) => ({ label: e.label, steps: i + 1 - done })), // the edit that made each state
    ...[...history.future].reverse().map((e, i) => ({ label: e.label, steps: i + 1 })),
  ];
}

/** Every asset id that the project or any history snapshot still plays (clips' audio, convolution impulses). */
export function referencedAssetIds(project: Project, history: History): Set<string> {
  const ids = new Set<string>();
  for (const p of [project, ...history.past.map((e) => e.project), ...history.future.map((e) => e.project)]) {
    for (const t of p.tracks) for (const c of t.clips) ids.add(c.assetId);
    for (const id of projectImpulseIds(p)) ids.add(id);
  }
  return ids;
}
