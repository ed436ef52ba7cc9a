import { describe, expect, it } from 'vitest';
import { AssetStore } from './asset-store';
import { joinClips } from './join';
import { newTrack, type Track } from './types';

const ones = (n: number) => new Float32Array(n).fill(1);

function pieces(): { track: Track; assets: AssetStore } {
  const assets = new AssetStore();
  const a = assets.add([ones(10)], 1000, 'a');
  const b = assets.add([Float32Array.from({ length: 10 }, (_, i) => i)], 1000, 'b');
  const track: Track = {
    ...newTrack(0),
    clips: [
      { id: 'x', assetId: a.id, name: 'first', start: 0, offset: 0, length: 4, fadeIn: { length: 2, curve: 'linear' } },
      { id: 'y', assetId: b.id, name: 'second', start: 6, offset: 2, length: 4 },
    ],
  };
  return { track, assets };
}

describe('join', () => {
  it('makes the clips in the range one clip of what they play: fades applied, the gap silent', () => {
    const { track, assets } = pieces();
    const joined = joinClips(track, assets, { start: 0, end: 100 })!;
    expect(joined.span).toEqual({ start: 0, end: 10 });
    expect(joined.name).toBe('first');
    // A linear 2-sample fade-in, the first clip's ones, two silent samples, the second clip's samples 2 to 5.
    expect([...joined.channels[0]].map((v) => Math.round(v * 100) / 100)).toEqual([0, 0.5, 1, 1, 0, 0, 2, 3, 4, 5]);
  });

  it('keeps to the range, and joins nothing where fewer than two clips lie in it', () => {
    const { track, assets } = pieces();
    expect(joinClips(track, assets, { start: 3, end: 8 })!.span).toEqual({ start: 3, end: 8 });
    expect(joinClips(track, assets, { start: 5, end: 9 })).toBeNull();
  });
});
