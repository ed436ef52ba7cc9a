import { describe, expect, it } from 'vitest';
import { grabbedEdge, movedEdge } from './loop-edges';

describe('dragging the loop region on the ruler', () => {
  const region = { start: 1000, end: 3000 };
  const px = 0.01; // 100 samples a pixel: the region spans 10-30 px

  it('grabs the edge pressed near on the ruler top, nothing lower down or in between', () => {
    expect(grabbedEdge(region, { x: 12, y: 2 }, px)).toBe('start');
    expect(grabbedEdge(region, { x: 27, y: 2 }, px)).toBe('end');
    expect(grabbedEdge(region, { x: 20, y: 2 }, px)).toBeNull();
    expect(grabbedEdge(region, { x: 12, y: 20 }, px)).toBeNull();
    expect(grabbedEdge(null, { x: 12, y: 2 }, px)).toBeNull();
    expect(grabbedEdge({ start: 1000, end: 1200 }, { x: 11.5, y: 2 }, px)).toBe('end'); // both near: the nearer
  });

  it('moves the edge, never before 0 nor past the other edge', () => {
    expect(movedEdge(region, 'end', 4000.4)).toEqual({ start: 1000, end: 4000 });
    expect(movedEdge(region, 'start', -50)).toEqual({ start: 0, end: 3000 });
    expect(movedEdge(region, 'start', 5000)).toEqual({ start: 2999, end: 3000 });
    expect(movedEdge(region, 'end', 10)).toEqual({ start: 1000, end: 1001 });
  });
});
