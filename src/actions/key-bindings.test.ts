import { describe, expect, it } from 'vitest';
import { press } from './key-press.fixture';
import { bindShortcut, canonicalShortcut, readKeyBindings, shortcutOfPress, shortcutsOf } from './key-bindings';
import type { Action } from './types';

const action = (name: string, shortcuts: string[]): Action => ({
  name,
  label: name,
  group: 'edit',
  shortcuts,
  perform() {},
});
const ACTIONS = [action('undo', ['Mod+Z']), action('reverse', ['Shift+R']), action('fit', ['F'])];

describe('a key press as a shortcut', () => {
  it('names it with its modifiers in one order', () => {
    expect(shortcutOfPress(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(shortcutOfPress(press('?', { shiftKey: true }))).toBe('?'); // a symbol carries its Shift
    expect(shortcutOfPress(press(' '))).toBe('Space');
    expect(shortcutOfPress(press('®', { altKey: true, code: 'KeyR' }))).toBe('Alt+R'); // Option on a Mac
    expect(shortcutOfPress(press('ArrowUp', { altKey: true, shiftKey: true }))).toBe('Alt+Shift+ArrowUp');
    expect(shortcutOfPress(press('Shift', { shiftKey: true }))).toBeNull(); // still waiting for the key
    expect(canonicalShortcut('Shift+Alt+q')).toBe('Alt+Shift+Q');
  });
});

describe('binding a shortcut', () => {
  it('gives it to one action in place of its own, taking it from the action that had it', () => {
    const { bindings, takenFrom } = bindShortcut({}, ACTIONS, 'fit', 'Shift+R');
    expect(takenFrom?.name).toBe('reverse');
    expect(shortcutsOf(ACTIONS[2], bindings)).toEqual(['Shift+R']);
    expect(shortcutsOf(ACTIONS[1], bindings)).toEqual([]);
    expect(shortcutsOf(ACTIONS[0], bindings)).toEqual(['Mod+Z']); // the others keep their defaults
    expect(bindShortcut(bindings, ACTIONS, 'undo', 'Alt+U').takenFrom).toBeUndefined();
  });

  it('reads back only lists of strings from a saved entry', () => {
    expect(readKeyBindings({ fit: ['Alt+F'], undo: 'Mod+Z', reverse: [1] })).toEqual({ fit: ['Alt+F'] });
    expect(readKeyBindings(null)).toEqual({});
  });
});
