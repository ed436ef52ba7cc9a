import { describe, expect, it } from 'vitest';
import { pageTurn } from './follow-playback';

describe('turning the page as the playhead moves', () => {
  it('leaves the view while the playhead is on screen', () => {
    expect(pageTurn(500, 0, 1000)).toBeNull();
    expect(pageTurn(0, 0, 1000)).toBeNull();
  });

  it('brings the playhead back a little in from the left edge when it runs off either side', () => {
    expect(pageTurn(1000, 0, 1000)).toBe(950);
    expect(pageTurn(100, 2000, 1000)).toBe(50); // a loop back to its start
    expect(pageTurn(20, 2000, 1000)).toBe(0);
  });
});
