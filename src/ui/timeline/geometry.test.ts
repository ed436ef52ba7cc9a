import { describe, expect, it } from 'vitest';
import { labelAt as label } from '../../project/label.fixture';
import { stackLabels } from './geometry';

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
