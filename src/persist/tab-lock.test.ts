import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from './memory-storage';
import { claimProject, takeOver } from './tab-lock';

/** Web Locks as the browser keeps them across tabs: one holder per name; `ifAvailable` answers null where it is
 * held; `steal` ends the holder's request with an AbortError and grants it. */
function fakeLocks() {
  const holders = new Map<string, (e: unknown) => void>();
  return {
    request(name: string, options: { ifAvailable?: boolean; steal?: boolean }, grant: (lock: unknown) => unknown) {
      if (options.steal) holders.get(name)?.(new DOMException('stolen', 'AbortError'));
      else if (options.ifAvailable && holders.has(name)) return Promise.resolve(grant(null));
      return new Promise((resolve, reject) => {
        holders.set(name, reject);
        Promise.resolve(grant({ name })).then(resolve, reject);
      });
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('one tab owns the open project', () => {
  it('the first tab owns it, a second is told so, and "Use it here" takes it over from the first, which is told', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    const lost = vi.fn();
    expect(await claimProject(lost, memoryStorage())).toBe(true);
    const second = memoryStorage();
    expect(await claimProject(() => {}, second)).toBe(false);
    const reload = vi.fn();
    takeOver(second, reload);
    expect(reload).toHaveBeenCalled();
    expect(await claimProject(() => {}, second)).toBe(true); // the reloaded second tab steals it
    await Promise.resolve();
    expect(lost).toHaveBeenCalledOnce();
    expect(await claimProject(() => {}, second)).toBe(false); // and the flag is spent: asked again, it is held
  });

  it('where the browser has no Web Locks, every tab opens the project as before', async () => {
    vi.stubGlobal('navigator', {});
    expect(await claimProject(() => {}, memoryStorage())).toBe(true);
  });
});
