/** The one list of user commands, and the lookups that menus, the keyboard and the help panel use. */
import type { Services } from '../app/services';
import { analysisActions } from './analysis-actions';
import { arrangeActions } from './arrange-actions';
import { editActions } from './edit-actions';
import { effectActions } from './effect-actions';
import { fileActions } from './file-actions';
import { trackActions } from './track-actions';
import type { Action, ActionTarget } from './types';
import { canonicalShortcut, type KeyBindings, type KeyPress, shortcutOfPress, shortcutsOf } from './key-bindings';
import { viewActions } from './view-actions';

export const ACTIONS: readonly Action[] = [
  ...fileActions,
  ...editActions,
  ...analysisActions,
  ...trackActions,
  ...arrangeActions,
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

/** The action a key press runs, by the user's bindings where set, else the registry's shortcuts. */
export function actionForKey(e: KeyPress, bindings: KeyBindings = {}): Action | undefined {
  const pressed = shortcutOfPress(e);
  if (pressed === null) return undefined;
  return ACTIONS.find((a) => shortcutsOf(a, bindings).some((s) => canonicalShortcut(s) === pressed));
}

/** Shortcut text for this platform: 'Ctrl+Z', or '⌘Z' on a Mac. */
export function formatShortcut(shortcut: string, mac: boolean): string {
  return mac
    ? shortcut.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥')
    : shortcut.replace('Mod+', 'Ctrl+');
}
