import { describe, expect, it } from 'vitest';
import { channelOperation } from './channels';

const left = Float32Array.from([0.5, -0.25, 1]);
const right = Float32Array.from([0.1, 0.25, -1]);

describe('channelOperation', () => {
  it('folds stereo to mono as the channels mean, in both channels', () => {
    const [l, r] = channelOperation([left, right], 'mono');
    expect([...l]).toEqual([0.30000001192092896, 0, 0]);
    expect(r).toEqual(l);
    expect(channelOperation([left], 'mono')[0]).toEqual(left);
  });

  it('swaps left and right, and leaves a mono or surround recording as it is', () => {
    const [l, r] = channelOperation([left, right], 'swap');
    expect([l, r]).toEqual([right, left]);
    expect(l).not.toBe(right);
    expect(channelOperation([left], 'swap')).toEqual([left]);
  });

  it('inverts the polarity of every channel', () => {
    const [l, r] = channelOperation([left, right], 'invert');
    expect([...l]).toEqual([-0.5, 0.25, -1]);
    expect([...r]).toEqual([-0.10000000149011612, -0.25, 1]);
  });
});
