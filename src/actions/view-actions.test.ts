import { describe, expect, it } from 'vitest';
import { fittedTrackHeight } from './view-actions';

describe('fit tracks to height', () => {
  it('shares the room among the tracks, within the tracks’ range', () => {
    expect(fittedTrackHeight(600, 3)).toBe(200);
    expect(fittedTrackHeight(601, 2)).toBe(300);
    expect(fittedTrackHeight(600, 1)).toBe(480); // no taller than a track can be
    expect(fittedTrackHeight(300, 20)).toBe(40); // no shorter: the timeline scrolls
    expect(fittedTrackHeight(0, 0)).toBe(40);
  });
});
