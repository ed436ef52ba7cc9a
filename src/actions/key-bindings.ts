/** The user's own keyboard shortcuts, as Audacity's Preferences > Shortcuts and a DAW's key bindings: changes over
 * the registry's defaults, by action name, kept by the browser (src/persist/preferences.ts). */
import type { Action } from './types';

/** Shortcuts the user set, by action name; an action not here keeps its defaults (an empty list: none). */
export type KeyBindings = Readonly<Record<string, readonly string[]>>;

export interface KeyPress {
  key: string;
  /** The key's place on the keyboard ('KeyR'): with Alt on a Mac, `key` is the symbol Option makes ('®'). */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const NONE: readonly string[] = [];

/** An action's shortcuts now (the same list each time it is asked, as a store selector needs). */
export const shortcutsOf = (action: Action, bindings: KeyBindings): readonly string[] =>
  bindings[action.name] ?? action.shortcuts ?? NONE;

const isSymbol = (key: string) => key.length === 1 && !/[a-z0-9]/i.test(key);

/** A shortcut's parts, modifiers first in one order (Mod, Alt, Shift), a letter in capitals: two spellings of one
 * shortcut read the same. */
export function canonicalShortcut(shortcut: string): string {
  const key = shortcut.endsWith('+') ? '+' : shortcut.slice(shortcut.lastIndexOf('+') + 1);
  const parts = shortcut.slice(0, shortcut.length - key.length).split('+');
  const mods = ['Mod', 'Alt', 'Shift'].filter((m) => parts.includes(m) && !(m === 'Shift' && isSymbol(key)));
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

/** Keys that are not a shortcut alone: modifiers, and Tab, which moves the focus. */
const NOT_SHORTCUTS = new Set([
  'Shift',
  'Control',
  'Alt',
  'Meta',
  'AltGraph',
  'CapsLock',
  'Tab',
  'Dead',
  'Unidentified',
]);

/** The shortcut a key press makes ('Mod+Shift+Z', '?', 'Alt+R'), or null for a modifier pressed alone. */
export function shortcutOfPress(e: KeyPress): string | null {
  if (NOT_SHORTCUTS.has(e.key)) return null;
  let key = e.key === ' ' ? 'Space' : e.key;
  const placed = e.code?.match(/^(?:Key|Digit)([A-Z0-9])$/)?.[1];
  if (e.altKey && placed) key = placed; // Option on a Mac makes a symbol of the letter
  const mods = [e.ctrlKey || e.metaKey ? 'Mod' : '', e.altKey ? 'Alt' : '', e.shiftKey ? 'Shift' : ''];
  return canonicalShortcut([...mods.filter(Boolean), key].join('+'));
}

/** `shortcut` given to the action `name` alone: taken from whichever action had it (`takenFrom`), in place of the
 * action's own shortcuts. */
export function bindShortcut(
  bindings: KeyBindings,
  actions: readonly Action[],
  name: string,
  shortcut: string,
): { bindings: KeyBindings; takenFrom?: Action } {
  const wanted = canonicalShortcut(shortcut);
  const next: Record<string, readonly string[]> = { ...bindings, [name]: [wanted] };
  const holder = actions.find(
    (a) => a.name !== name && shortcutsOf(a, bindings).some((s) => canonicalShortcut(s) === wanted),
  );
  if (holder) next[holder.name] = shortcutsOf(holder, bindings).filter((s) => canonicalShortcut(s) !== wanted);
  return { bindings: next, takenFrom: holder };
}

/** Reads saved bindings back: only lists of strings count, so a damaged entry cannot break the keyboard. */
export function readKeyBindings(saved: unknown): KeyBindings {
  if (typeof saved !== 'object' || saved === null) return {};
  return Object.fromEntries(
    Object.entries(saved).filter(([, v]) => Array.isArray(v) && v.every((s) => typeof s === 'string')),
  );
}
