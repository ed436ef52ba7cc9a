/** The one list of user commands, and the lookups that menus, the keyboard and the help panel use. */
import type { Services } from '../app/services';
import { analysisActions } from './analysis-actions';
import { editActions } from './edit-actions';
import { effectActions } from './effect-actions';
import { fileActions } from './file-actions';
import { trackActions } from './track-actions';
import type { Action, ActionTarget } from './types';
import { viewActions } from './view-actions';

export const ACTIONS: readonly Action[] = [
  ...fileActions,
  ...editActions,
  ...analysisActions,
  ...trackActions,
  ...effectActions,
  ...viewActions,
];

const byName = new Map(ACTIONS.map((a) => [a.name, a]));

export function getAction(name: string): Action {
  const action = byName.get(name);
  if (!action) throw new Error(`Unknown action "${name}".`);
  return action;
}

/** Runs an action (on `target`, else on the selection) if it is enabled now; reports an error instead of throwing. */
export async function runAction(name: string, services: Services, target?: ActionTarget): Promise<boolean> {
  const action = getAction(name);
  if (action.enabled && !action.enabled(services.store.getState())) return false;
  try {
    await action.perform(services, target);
  } catch (e) {
    services.store.getState().notify('error', `${action.label} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return true;
}

export interface KeyPress {
  key: string;
  /** The key's place on the keyboard ('KeyR'): with Alt on a Mac, `key` is the symbol Option makes ('®'). */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Whether a key press matches a shortcut such as 'Mod+Shift+Z'. Printable symbols ('?', '+') ignore Shift. */
export function matchesShortcut(shortcut: string, e: KeyPress): boolean {
  const key = shortcut.endsWith('+') ? '+' : shortcut.slice(shortcut.lastIndexOf('+') + 1);
  const parts = shortcut.slice(0, shortcut.length - key.length).split('+');
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  const pressed = e.key === ' ' ? 'Space' : e.key;
  const symbol = key.length === 1 && !/[a-z0-9]/i.test(key);
  const letter = alt && /^[a-z]$/i.test(key) && e.code === `Key${key.toUpperCase()}`;
  if (pressed.toLowerCase() !== key.toLowerCase() && !letter) return false;
  if ((e.ctrlKey || e.metaKey) !== mod || e.altKey !== alt) return false;
  return symbol || e.shiftKey === shift;
}

export function actionForKey(e: KeyPress): Action | undefined {
  return ACTIONS.find((a) => a.shortcuts?.some((s) => matchesShortcut(s, e)));
}

/** Shortcut text for this platform: 'Ctrl+Z', or '⌘Z' on a Mac. */
export function formatShortcut(shortcut: string, mac: boolean): string {
  return mac
    ? shortcut.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥')
    : shortcut.replace('Mod+', 'Ctrl+');
}
