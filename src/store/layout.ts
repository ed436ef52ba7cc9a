/** How the studio's window is laid out: which shelf of the effect bar shows, and whether the effect bar and the
 * spectrogram are open (the spectrogram starts closed, as in Audacity, so a small window still shows tracks). The user's choice outlives the page (src/persist/preferences.ts), as a DAW remembers its
 * window layout. */
import type { SampleRange } from '../project/types';

/** The effect bar's shelves, as Audition's and Audacity's effect menus group their effects. */
export const EFFECT_SHELVES = [
  { id: 'all', label: 'All' },
  { id: 'volume', label: 'Volume' },
  { id: 'dynamics', label: 'Dynamics' },
  { id: 'restore', label: 'Restore' },
  { id: 'eq', label: 'Filter & EQ' },
  { id: 'space', label: 'Space & colour' },
  { id: 'time', label: 'Time & pitch' },
  { id: 'channels', label: 'Channels' },
  { id: 'find', label: 'Silence & find' },
] as const;

export type EffectShelf = (typeof EFFECT_SHELVES)[number]['id'];
/** The shelf an effect sits on ('all' is every shelf). */
export type EffectCategory = Exclude<EffectShelf, 'all'>;

export interface Layout {
  effectShelf: EffectShelf;
  effectsOpen: boolean;
  spectrogramOpen: boolean;
}

export const defaultLayout = (): Layout => ({ effectShelf: 'all', effectsOpen: true, spectrogramOpen: false });

const isShelf = (v: unknown): v is EffectShelf => EFFECT_SHELVES.some((s) => s.id === v);

/** A saved layout read back: what is missing or not understood takes its default, so an older or damaged one still
 * opens the studio. */
export function readLayout(saved: unknown): Layout {
  const layout = defaultLayout();
  if (typeof saved !== 'object' || saved === null) return layout;
  const s = saved as Record<string, unknown>;
  return {
    effectShelf: isShelf(s.effectShelf) ? s.effectShelf : layout.effectShelf,
    effectsOpen: typeof s.effectsOpen === 'boolean' ? s.effectsOpen : layout.effectsOpen,
    spectrogramOpen: typeof s.spectrogramOpen === 'boolean' ? s.spectrogramOpen : layout.spectrogramOpen,
  };
}

/** Whether an effect group shows: words typed in Find an effect search every shelf; otherwise the chosen shelf. */
export function effectShown(layout: Layout, query: string, matchesQuery: boolean, category: EffectCategory): boolean {
  if (query.trim()) return matchesQuery;
  return layout.effectShelf === 'all' || layout.effectShelf === category;
}

/** Saved track heights read back (px by track id): entries that are not a positive number are dropped. */
/** A saved loop region as the studio can use it: two sample positions, the end after the start; else none. */
export function readLoopRegion(saved: unknown): SampleRange | null {
  const { start, end } = (saved ?? {}) as Record<string, unknown>;
  const sample = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  return sample(start) && sample(end) && end > start ? { start, end } : null;
}

export function readTrackHeights(saved: unknown): Record<string, number> {
  if (typeof saved !== 'object' || saved === null) return {};
  return Object.fromEntries(
    Object.entries(saved as Record<string, unknown>).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]) && e[1] > 0,
    ),
  );
}
