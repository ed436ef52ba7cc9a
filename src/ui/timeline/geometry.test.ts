import { describe, expect, it } from 'vitest';
import type { SoundLabel } from '../../project/types';
import { stackLabels } from './geometry';

const label = (id: string, start: number, end: number): SoundLabel => ({
  id,
  start,
  end,
  name: id,
  description: id,
  confidence: 1,
});

describe('label rows', () => {
  it('puts overlapping labels on rows of their own and reuses a row once it is free', () => {
    const rows = stackLabels([
      label('bird', 0, 100),
      label('dog', 10, 20),
      label('bell', 30, 40),
      label('door', 100, 120),
    ]);
    expect(Object.fromEntries(rows.map((r) => [r.label.id, r.row]))).toEqual({ bird: 0, dog: 1, bell: 1, door: 0 });
  });
});
