/** A key press for the keyboard tests: `key` with the modifiers given, the others up. */
import type { KeyPress } from './key-bindings';

export const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
