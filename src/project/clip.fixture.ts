/** A clip for tests: `length` samples of an asset from its start, at `start` on the timeline, named by its id. */
import type { Clip } from './types';

export const clipAt = (id: string, assetId: string, start: number, length: number): Clip => ({
  id,
  assetId,
  name: id,
  start,
  offset: 0,
  length,
});
