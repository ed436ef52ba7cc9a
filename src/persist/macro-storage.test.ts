import { describe, expect, it } from 'vitest';
import { macroStep } from '../project/macro';
import { createStudioStore } from '../store/studio-store';
import { rememberMacro } from './macro-storage';
import { memoryStorage } from './memory-storage';

describe('the saved macro', () => {
  it('comes back in a new page, and a corrupt one is said and dropped', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberMacro(first, storage);
    first.getState().set({ macro: { steps: [macroStep({ kind: 'reverse' })], recording: true } });
    const second = createStudioStore();
    rememberMacro(second, storage);
    expect(second.getState().macro).toMatchObject({ recording: false, steps: [{ label: 'Reverse' }] });
    storage.setItem('omni-studio-macro', '{"steps": [1, 2]}');
    const third = createStudioStore();
    rememberMacro(third, storage);
    expect(third.getState().macro.steps).toEqual([]);
    expect(third.getState().notices.at(-1)?.text).toMatch(/could not be read; it starts empty/);
  });
});
