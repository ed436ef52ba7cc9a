import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../store/studio-store';
import { rememberPreferences } from './preferences';
import { memoryStorage } from './memory-storage';

describe('the saved layout', () => {
  it('comes back in a new page', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberPreferences(first, storage);
    first.getState().setLayout({ effectShelf: 'dynamics', spectrogramOpen: true });
    const second = createStudioStore();
    rememberPreferences(second, storage);
    expect(second.getState().layout).toEqual({ effectShelf: 'dynamics', effectsOpen: true, spectrogramOpen: true });
  });

  it('opens the default layout from a damaged entry, and keeps what it understands of an odd one', () => {
    const storage = memoryStorage();
    storage.setItem('omni-studio-layout', '{not json');
    const store = createStudioStore();
    rememberPreferences(store, storage);
    expect(store.getState().layout).toEqual({ effectShelf: 'all', effectsOpen: true, spectrogramOpen: false });
    storage.setItem('omni-studio-layout', '{"effectShelf": "warp", "effectsOpen": false, "spectrogramOpen": 1}');
    const odd = createStudioStore();
    rememberPreferences(odd, storage);
    expect(odd.getState().layout).toEqual({ effectShelf: 'all', effectsOpen: false, spectrogramOpen: false });
  });
});

describe('the saved keyboard shortcuts', () => {
  it('come back in a new page; a damaged entry leaves the defaults', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberPreferences(first, storage);
    first.getState().set({ keyBindings: { fitProject: ['Alt+F'] } });
    const second = createStudioStore();
    rememberPreferences(second, storage);
    expect(second.getState().keyBindings).toEqual({ fitProject: ['Alt+F'] });
    storage.setItem('omni-studio-keys', '[');
    const third = createStudioStore();
    rememberPreferences(third, storage);
    expect(third.getState().keyBindings).toEqual({});
  });
});

describe('whether automation follows clips', () => {
  it('is on in a new browser, and stays off once turned off', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberPreferences(first, storage);
    expect(first.getState().automationFollowsClips).toBe(true);
    first.getState().set({ automationFollowsClips: false });
    const second = createStudioStore();
    rememberPreferences(second, storage);
    expect(second.getState().automationFollowsClips).toBe(false);
  });
});
