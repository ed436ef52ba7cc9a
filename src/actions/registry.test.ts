import { describe, expect, it } from 'vitest';
import { press } from './key-press.fixture';
import { ACTIONS, actionForKey, formatShortcut } from './registry';
import { canonicalShortcut, type KeyPress, shortcutOfPress } from './key-bindings';

const matchesShortcut = (shortcut: string, e: KeyPress) => shortcutOfPress(e) === canonicalShortcut(shortcut);

describe('action registry', () => {
  it('has unique names and no shortcut used twice', () => {
    const names = ACTIONS.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    const shortcuts = ACTIONS.flatMap((a) => a.shortcuts ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });
  it('matches Ctrl or Cmd as Mod, and tells undo from redo by Shift', () => {
    expect(actionForKey(press('z', { ctrlKey: true }))?.name).toBe('undo');
    expect(actionForKey(press('z', { metaKey: true }))?.name).toBe('undo');
    expect(actionForKey(press('Z', { ctrlKey: true, shiftKey: true }))?.name).toBe('redo');
    expect(actionForKey(press('z'))?.name).toBe('zoomSelection'); // not undo without Ctrl or Cmd
  });
  it('knows Alt+letter by the key pressed, though Option on a Mac makes a symbol of it', () => {
    expect(matchesShortcut('Alt+R', press('®', { altKey: true, code: 'KeyR' }))).toBe(true);
    expect(matchesShortcut('Alt+R', press('r', { altKey: true, code: 'KeyR' }))).toBe(true);
    expect(matchesShortcut('Alt+R', press('®', { code: 'KeyR' }))).toBe(false);
    expect(matchesShortcut('Alt+R', press('t', { altKey: true, code: 'KeyT' }))).toBe(false);
  });
  it('maps space, delete and symbols', () => {
    expect(actionForKey(press(' '))?.name).toBe('playPause');
    expect(actionForKey(press('Delete'))?.name).toBe('delete');
    expect(actionForKey(press('?', { shiftKey: true }))?.name).toBe('help');
    expect(matchesShortcut('+', press('+', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('Shift+I', press('I', { shiftKey: true }))).toBe(true);
    expect(matchesShortcut('Shift+I', press('i'))).toBe(false);
  });
  it('formats shortcuts per platform', () => {
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});
