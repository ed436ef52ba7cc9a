/** A label for tests: named, described and identified by `id`, found with full confidence. */
import type { SoundLabel } from './types';

export const labelAt = (id: string, start: number, end: number): SoundLabel => ({
  id,
  start,
  end,
  name: id,
  description: id,
  confidence: 1,
});
