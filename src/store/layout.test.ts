import { describe, expect, it } from 'vitest';
import { defaultLayout, effectShown, readLoopRegion, readTrackHeights } from './layout';

describe('which effects the effect bar shows', () => {
  const on = (effectShelf: 'all' | 'dynamics') => ({ ...defaultLayout(), effectShelf });

  it('shows every shelf on All, and only its own otherwise', () => {
    expect(effectShown(on('all'), '', false, 'volume')).toBe(true);
    expect(effectShown(on('dynamics'), '', false, 'dynamics')).toBe(true);
    expect(effectShown(on('dynamics'), '', false, 'volume')).toBe(false);
  });

  it('searches every shelf for words typed in Find an effect', () => {
    expect(effectShown(on('dynamics'), 'noise', true, 'restore')).toBe(true);
    expect(effectShown(on('dynamics'), 'noise', false, 'dynamics')).toBe(false);
    expect(effectShown(on('dynamics'), '  ', false, 'dynamics')).toBe(true);
  });
});

describe('saved track heights', () => {
  it('read back as saved, dropping what is not a positive number', () => {
    expect(readTrackHeights({ a: 200, b: -1, c: 'tall', d: Number.NaN, e: 40 })).toEqual({ a: 200, e: 40 });
    expect(readTrackHeights(undefined)).toEqual({});
  });
});

describe('a saved loop region', () => {
  it('is taken where it is two sample positions in order, and dropped otherwise', () => {
    expect(readLoopRegion({ start: 10, end: 20 })).toEqual({ start: 10, end: 20 });
    for (const junk of [
      null,
      undefined,
      'x',
      { start: 20, end: 10 },
      { start: -1, end: 5 },
      { start: 0.5, end: 9 },
      {},
    ])
      expect(readLoopRegion(junk)).toBeNull();
  });
});
