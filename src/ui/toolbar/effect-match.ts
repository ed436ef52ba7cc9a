import { getAction } from '../../actions/registry';

/** What the effect filter searches for a group of effects: their names and labels, lower-cased. */
export const effectText = (actions: readonly string[]) =>
  actions.map((name) => `${name} ${getAction(name).label}`.toLowerCase()).join(' ');

/** Whether every word of the query is in the effects' text ("noise" finds Noise gate, Reduce noise...). */
export function effectMatches(query: string, text: string): boolean {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}
