import { describe, expect, it } from 'vitest';
import { joinChunks } from './capture-chunks';

describe('joining the captured blocks', () => {
  it('puts them end to end, channel by channel, a mono block in every channel', () => {
    const f = (...v: number[]) => Float32Array.from(v);
    const joined = joinChunks([[f(1, 2), f(-1, -2)], [f(3)], [f(4, 5), f(-4, -5)]]);
    expect(joined.map((c) => [...c])).toEqual([
      [1, 2, 3, 4, 5],
      [-1, -2, 3, -4, -5],
    ]);
    expect(joinChunks([])).toEqual([]);
  });
});
