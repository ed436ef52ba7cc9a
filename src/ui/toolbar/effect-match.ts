import { getAction } from '../../actions/registry';

/** Whether every word of the query is in the effects' names or labels ("noise" finds Noise gate, Reduce noise...). */
export function effectMatches(query: string, actions: readonly string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = actions.map((name) => `${name} ${getAction(name).label}`.toLowerCase()).join(' ');
  return words.every((w) => haystack.includes(w));
}
