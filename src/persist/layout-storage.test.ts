import { describe, expect, it } from 'vitest';
import { createStudioStore } from '../store/studio-store';
import { rememberLayout } from './layout-storage';
import { memoryStorage } from './memory-storage';

describe('the saved layout', () => {
  it('comes back in a new page', () => {
    const storage = memoryStorage();
    const first = createStudioStore();
    rememberLayout(first, storage);
    first.getState().setLayout({ effectShelf: 'dynamics', spectrogramOpen: true });
    const second = createStudioStore();
    rememberLayout(second, storage);
    expect(second.getState().layout).toEqual({ effectShelf: 'dynamics', effectsOpen: true, spectrogramOpen: true });
  });

  it('opens the default layout from a damaged entry, and keeps what it understands of an odd one', () => {
    const storage = memoryStorage();
    storage.setItem('omni-studio-layout', '{not json');
    const store = createStudioStore();
    rememberLayout(store, storage);
    expect(store.getState().layout).toEqual({ effectShelf: 'all', effectsOpen: true, spectrogramOpen: false });
    storage.setItem('omni-studio-layout', '{"effectShelf": "warp", "effectsOpen": false, "spectrogramOpen": 1}');
    const odd = createStudioStore();
    rememberLayout(odd, storage);
    expect(odd.getState().layout).toEqual({ effectShelf: 'all', effectsOpen: false, spectrogramOpen: false });
  });
});
