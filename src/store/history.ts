/** Undo history as snapshots of the immutable project: each entry holds the project as it was before the named edit. */
import type { Project } from '../project/types';

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

/** Every asset id that the project or any history snapshot still plays. */
export function referencedAssetIds(project: Project, history: History): Set<string> {
  const ids = new Set<string>();
  for (const p of [project, ...history.past.map((e) => e.project), ...history.future.map((e) => e.project)]) {
    for (const t of p.tracks) for (const c of t.clips) ids.add(c.assetId);
  }
  return ids;
}
